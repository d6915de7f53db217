"""05_greenlet: explicit switching between greenlets (seed-inventory §3.5)."""

import re

from lessons.nbcheck import no_stderr, cell, lines, no_errors

ADDR = r"0x[0-9a-f]+"


def check(nb, params):
    no_errors(nb)
    no_stderr(nb)  # no task died unnoticed

    # A/B ping-pong: the order is exact, test1 starts, the cell returns after three rounds.
    assert lines(cell(nb, "ex:S0-21")) == ["---A--", "---B--"] * 3

    # test1 finished and went back to the main greenlet; test2 was left suspended until killed.
    state = lines(cell(nb, "ex:greenlet-ab-state"))
    assert re.fullmatch(rf"<greenlet\.greenlet object at ({ADDR}) \(test1\) dead>", state[0]), state
    assert re.fullmatch(rf"<greenlet\.greenlet object at ({ADDR}) \(test2\) suspended>", state[1]), state
    assert state[0].split()[3] != state[1].split()[3], "two greenlets, two addresses"
    assert state[2] == "gr1 dead: true / gr2 dead: true"

    # producer/consumer: the producer speaks first, each consumed item is the one just produced.
    pc = lines(cell(nb, "ex:S3-23"))
    assert len(pc) == 6, pc
    for made, used in zip(pc[::2], pc[1::2]):
        k = re.fullmatch(r"生产<(\d+)>中\.\.\.", made)
        assert k and 1 <= int(k[1]) <= 10, made
        assert used == f"消费<{k[1]}>中..", (made, used)

    # the faithful unbounded versions are there but never run headless
    for tag in ("ex:S0-21-forever", "ex:S3-23-forever"):
        c = cell(nb, tag)
        assert "skip-execution" in c.metadata.tags and not c.outputs

    extra = lines(cell(nb, "ex:greenlet-extra"))
    assert re.fullmatch(rf"正在运行: <greenlet\.greenlet object at {ADDR} \(work\) current>", extra[0]), extra
    assert extra[1:] == ["收到参数: 7", "返回值: done", "dead: true"]
