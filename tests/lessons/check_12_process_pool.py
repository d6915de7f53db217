"""12_process_pool: pid reuse in a pool, blocking Apply, Manager queues, silent task errors, close/join/terminate."""

from __future__ import annotations

import re

from lessons.nbcheck import cell, error, lines, matches, svgs, timeline_lanes, timeline_bars

PARAMS = {"poolSize": 2, "tasks": 5}


def check(nb, params):
    size, tasks = params.get("poolSize", 3), params.get("tasks", 10)

    # S2-09: every task starts and finishes once, on at most `size` reused workers.
    got = lines(cell(nb, "ex:S2-09"))
    assert got[0] == "--------start--------------" and got[-1] == "--------end--------------", got
    starts = [re.fullmatch(r"(\d+) 开始执行， 进程号 (\d+)", s) for s in got]
    ends = [re.fullmatch(r"(\d+) 执行完毕，耗时(\d+\.\d\d)", s) for s in got]
    assert len(got) == 2 + 2 * tasks and all(s or e for s, e in zip(starts[1:-1], ends[1:-1])), got
    assert sorted(int(m.group(1)) for m in starts if m) == list(range(tasks)), got
    assert sorted(int(m.group(1)) for m in ends if m) == list(range(tasks)), got
    assert all(float(m.group(2)) < 5 for m in ends if m), got
    pids = {m.group(2) for m in starts if m}
    assert len(pids) == min(size, tasks), (pids, got)
    running, most, begun = 0, 0, set()
    for s, e in zip(starts, ends):
        if s:
            begun.add(s.group(1))
        if e:
            assert e.group(1) in begun, f"task {e.group(1)} finished before it started"
        running += bool(s) - bool(e)
        most = max(most, running)
    assert most <= size, got

    # S4-13: Apply blocks, so starts and finishes alternate.
    assert lines(cell(nb, "ex:S4-13")) == ["0 开始", "0 结束", "1 开始", "1 结束", "2 开始", "2 结束"]

    # S2-10: a plain process queue cannot go to a pool; a Manager queue can.
    assert error(cell(nb, "ex:S2-10-error")) == (
        "RuntimeError",
        "Queue objects should only be shared between processes through inheritance.",
    )
    got = lines(cell(nb, "ex:S2-10"))
    me = matches(r"^\((\d+)\) start$", got[0]).group(1)
    w = matches(rf"^writer启动\((\d+)\),父进程为\({me}\)$", got[1]).group(1)
    r = matches(rf"^reader启动\((\d+)\),父进程为\({me}\)$", got[2]).group(1)
    assert me not in (w, r)
    assert got[3:] == [f"reader从Queue获取到消息：{c}" for c in "itcast"] + [f"({me}) End"], got

    # S2-11's note: the pool printed nothing; Get has the error.
    assert lines(cell(nb, "ex:S2-11-note")) == ["Ready: true Successful: false", "Get 返回的错误: panic: 任务 7 出错了"]

    assert error(cell(nb, "ex:pool-join-before-close")) == ("ValueError", "Pool is still running")
    got = lines(cell(nb, "ex:pool-terminate"))
    assert float(matches(r"^Terminate \+ Join 用了 (\d+\.\d) 秒$", got[0]).group(1)) < 5, got
    assert len(got) == 3 and all(re.fullmatch(r"工作进程 \d+ 还在吗？ no such process", s) for s in got[1:]), got

    # ex:S2-09-timeline: one lane per worker process (its pid), the tasks spread over them, each run once.
    (svg,) = svgs(cell(nb, "ex:S2-09-timeline"))
    lanes = timeline_lanes(svg)
    assert lanes[0] == "main" and len(lanes) == 1 + min(size, tasks), lanes
    assert all(re.fullmatch(r"pid \d+", lane) for lane in lanes[1:]), lanes
    runs = [b for b in timeline_bars(svg) if b[1] == "run" and b[0] != "main"]
    assert sorted(b[4] for b in runs) == sorted(f"worker({i})" for i in range(tasks)), runs
    assert any(b[0] == "main" and b[1] == "wait join" and b[4] == "pool" for b in timeline_bars(svg))
