"""11_process_queue: process queues — the method set, the seed's racy consumer, a reliable one, FIFO/LIFO."""

from __future__ import annotations

import re

from lessons.nbcheck import cell, lines, matches, stdout


def check(nb, params):
    got = lines(cell(nb, "ex:S4-11-methods"))
    assert got[:7] == [
        "Qsize: 3 Full: true",
        'PutNowait("消息4"): queue.Full',
        "Get: 消息1",
        "Get: 消息2",
        "Get: 消息3",
        "Qsize: 0 Empty: true",
        "GetNowait(): queue.Empty",
    ], got
    waited = float(matches(r"^GetOpts\(true, 200ms\): queue\.Empty（等了 (\d+\.\d) 秒）$", got[7]).group(1))
    assert waited >= 0.1 and len(got) == 8, got

    # S2-08: the consumer may stop early, but what it got is an in-order prefix of what was sent.
    got = lines(cell(nb, "ex:S2-08"))
    assert len(got) == 2 and got[1] == "结束...", got
    items = matches(r"^模拟数据处理: \[([\d ]*)\]$", got[0]).group(1).split()
    assert items == ["10", "11", "12", "15"][: len(items)], got
    # The end marker makes the consumer get everything.
    assert lines(cell(nb, "ex:S2-08-robust")) == ["模拟数据处理: [10 11 12 15]", "结束..."]

    # S4-11 fixed: the message put by one child is read by another.
    assert re.fullmatch(r"子进程 \d+ 取到：消息\n", stdout(cell(nb, "ex:S4-11"))), stdout(cell(nb, "ex:S4-11"))

    assert lines(cell(nb, "ex:queue-fifo-lifo")) == ["1 2 3 ← FIFO", "3 2 1 ← LIFO"]
    assert stdout(cell(nb, "ex:queue-chan")) == "1 2 3 \n"
