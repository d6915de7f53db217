"""06_gevent: gevent-style tasks, sequential without a switch point, interleaved with one (seed-inventory §3.6)."""

import re

from lessons.nbcheck import no_stderr, cell, lines, no_errors, svgs, timeline_lanes, timeline_bars, overlapping

LINE = re.compile(r"<Greenlet at (0x[0-9a-f]+): (\w+)\((\d+)\)> (\d+)")


def parse(text_lines):
    """(address, function, arg, i) per line printed as `coro.GetCurrent(), i`."""
    out = []
    for line in text_lines:
        m = LINE.fullmatch(line)
        assert m, line
        out.append((m[1], m[2], int(m[3]), int(m[4])))
    return out


def greenlet_lines(c):
    return parse(lines(c))


def sequential(rows, funcs, n):
    """Each task prints all its lines before the next starts; the tasks are distinct."""
    assert len(rows) == n * len(funcs), rows
    addrs = []
    for k, fn in enumerate(funcs):
        block = rows[k * n:(k + 1) * n]
        assert [r[3] for r in block] == list(range(n)), block
        assert {(r[0], r[1], r[2]) for r in block} == {(block[0][0], fn, n)}, block
        addrs.append(block[0][0])
    assert len(set(addrs)) == len(funcs), addrs


def round_robin(rows, funcs, n):
    """Line k is round k // len(funcs) of the (k mod len(funcs))-th task, in spawn order."""
    assert len(rows) == n * len(funcs), rows
    addrs = [r[0] for r in rows[:len(funcs)]]
    assert len(set(addrs)) == len(funcs), addrs
    for k, (addr, fn, arg, i) in enumerate(rows):
        j = k % len(funcs)
        assert (addr, fn, arg, i) == (addrs[j], funcs[j], n, k // len(funcs)), (k, rows[k])


def check(nb, params):
    no_errors(nb)
    no_stderr(nb)  # no task died unnoticed

    # no switch point: three f(5) one after the other
    sequential(greenlet_lines(cell(nb, "ex:S0-22")), ["f"] * 3, 5)
    # spawned but never waited for: nothing runs ...
    assert lines(cell(nb, "ex:S2-19-nojoin")) == ["三个协程已创建，还没有运行"]
    # ... until the next cell waits
    sequential(greenlet_lines(cell(nb, "ex:S2-19-nojoin-b")), ["f"] * 3, 5)

    # coro.Sleep switches: round robin
    sw = lines(cell(nb, "ex:S0-23"))
    round_robin(parse(sw[:-1]), ["f2"] * 3, 5)
    assert re.fullmatch(r"耗时 \d+\.\d 秒", sw[-1]), sw[-1]
    assert float(sw[-1].split()[1]) >= 0.4, "five sleeps of 0.1 s in a row"
    round_robin(greenlet_lines(cell(nb, "ex:S2-19")), ["func1", "func2", "func3"], 5)
    # an unpatched time.Sleep does not
    sequential(greenlet_lines(cell(nb, "ex:S2-19-timesleep")), ["t1", "t2", "t3"], 5)

    # unpatched random sleeps: work1 0..9 then work2 0..9, and the time is at least both sums
    out = lines(cell(nb, "ex:S0-24"))
    assert out[:20] == [f"work1 {i}" for i in range(10)] + [f"work2 {i}" for i in range(10)], out
    m = re.fullmatch(r"work1 睡了 (\d+\.\d+) 秒，work2 睡了 (\d+\.\d+) 秒，总耗时 (\d+\.\d+) 秒", out[20])
    assert m, out[20]
    assert float(m[3]) >= float(m[1]) + float(m[2]) - 0.02, out[20]

    # patched: the same code interleaves; each worker still counts up in order
    out = lines(cell(nb, "ex:S0-25"))
    assert len(out) == 21, out
    assert out[:2] == ["work1 0", "work2 0"], out
    for name in ("work1", "work2"):
        assert [l for l in out[:20] if l.startswith(name + " ")] == [f"{name} {i}" for i in range(10)], out
    m = re.fullmatch(r"work1 睡了 (\d+\.\d+) 秒，work2 睡了 (\d+\.\d+) 秒，总耗时 (\d+\.\d+) 秒", out[20])
    assert m, out[20]
    assert float(m[3]) >= max(float(m[1]), float(m[2])) - 0.02, out[20]

    # patched time.Sleep, three functions, ten rounds
    round_robin(greenlet_lines(cell(nb, "ex:S2-20")), ["p1", "p2", "p3"], 10)

    # gevent.sleep(0): as written nothing runs; fixed, the two tasks alternate once
    assert lines(cell(nb, "ex:S3-24")) == []
    assert lines(cell(nb, "ex:S3-24-fixed")) == ["test1", "test2", "test11", "test22"]

    # ex:S2-20-timeline: before PatchAll the three tasks' sleeps follow each other, after it they overlap.
    c = cell(nb, "ex:S2-20-timeline")
    before, after = svgs(c)
    for svg in (before, after):
        assert timeline_lanes(svg) == ["main", "nap(3)", "nap(3) #2", "nap(3) #3"], timeline_lanes(svg)
    for svg, want in ((before, False), (after, True)):
        bars = timeline_bars(svg)
        sleeps = {lane: [b for b in bars if b[0] == lane and b[1] == "sleep"] for lane in ("nap(3)", "nap(3) #2", "nap(3) #3")}
        assert all(len(s) == 3 for s in sleeps.values()), sleeps
        assert overlapping(sleeps["nap(3)"], sleeps["nap(3) #2"]) == want, sleeps
        assert overlapping(sleeps["nap(3) #2"], sleeps["nap(3) #3"]) == want, sleeps
