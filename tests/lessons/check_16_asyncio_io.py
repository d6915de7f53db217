"""16_asyncio_io: a blocking call stalls the loop, cooperative fetches overlap, a spider, an asyncio.Queue
(seed-inventory §3.16)."""

import re
from collections import Counter

from lessons.nbcheck import no_stderr, cell, lines, matches, no_errors, stdout

DELAY = 0.2  # the server's delay for /
SITES = [  # (path, size, delay) as the notebook serves them
    ("www.baidu.com/", 227, 0.15),
    ("www.zhihu.com/", 11759, 0.05),
    ("lightless.me/archives/python-coroutine-from-start-to-boom.html", 40740, 0.25),
    ("github.com/aio-libs", 150227, 0.3),
    ("www.python.org/dev/peps/pep-0380/", 59391, 0.1),
]


def check(nb, params):
    no_errors(nb)
    no_stderr(nb)  # no task died unnoticed
    base = matches(r"^本地服务器: (http://127\.0\.0\.1:\d+/)$", stdout(cell(nb, "local-server")))[1]
    wait, got = f"Waiting for {base}", f"Get response from {base} Result: Hello!"

    # a blocking GET in each task: strictly one request after the other
    out = lines(cell(nb, "ex:S3-33"))
    assert out[:10] == [wait, got] * 5, out
    assert float(matches(r"^Cost time: (\d+\.\d+)$", out[10])[1]) >= 5 * DELAY - 0.05

    # coro.Fetch: all five wait before any answer arrives
    out = lines(cell(nb, "ex:S3-33-async"))
    assert out[:10] == [wait] * 5 + [got] * 5, out
    assert float(matches(r"^Cost time: (\d+\.\d+)$", out[10])[1]) >= DELAY - 0.05

    # the spider: lengths in completion order, which the delays make differ from the target order
    out = lines(cell(nb, "ex:S3-34"))
    assert float(matches(r"^Use time: (\d+\.\d\d)s$", out[0])[1]) >= max(d for _, _, d in SITES) - 0.05
    by_delay = sorted(SITES, key=lambda s: s[2])
    assert out[1:6] == [f"Length: {size:6d} URL:{base}{path}" for path, size, _ in by_delay], out
    assert by_delay != SITES
    assert out[6] == "loop result:  [True, True, True, True, True]"

    # producers and consumers around an asyncio.Queue, run by asyncio.run in a thread
    out = lines(cell(nb, "ex:S3-35"))
    assert out[0] == "hello" and out[-1] == "end", out
    body = out[1:-1]
    produced, consumed = Counter(), Counter()
    done_at = None
    for i, line in enumerate(body):
        if line == "---- done producing":
            assert done_at is None
            done_at = i
            continue
        m = re.fullmatch(r"(produced|consumed) (\d)", line)
        assert m, line
        n = int(m[2])
        (produced if m[1] == "produced" else consumed)[n] += 1
        assert consumed[n] <= produced[n], (i, line)
    assert produced == consumed == Counter({n: 3 for n in range(10)}), (produced, consumed)
    assert done_at is not None and sum(1 for l in body[:done_at] if l.startswith("produced")) == 30
