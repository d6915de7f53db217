"""08_threads: two threads interleave, a Thread type with Run, the thread life cycle, an exception in a thread."""

from __future__ import annotations

import re
from datetime import datetime

from lessons.nbcheck import cell, lines, matches, stderr, svgs, timeline_lanes, timeline_bars, overlapping

CTIME = r"([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})"


def check(nb, params):
    # ex:S2-01: start line, 5 lines of each function, interleaved (one of each per round when the machine keeps
    # time), end line. The end line is timed by a sleep, so on a loaded machine a thread's last line may follow it,
    # as it may in Python: the check asks only for what does not depend on the clock.
    out = lines(cell(nb, "ex:S2-01"))
    start = re.fullmatch(rf"-------主线程执行开始:{CTIME}-----------------", out[0])
    ends = [m for m in (re.fullmatch(rf"-------主线程执行结束:{CTIME}-----------------", ln) for ln in out) if m]
    assert start and len(ends) == 1, out
    end = ends[0]
    body = [ln for ln in out[1:] if not ln.startswith("-------主线程执行结束")]
    f1, f2 = "这是一个线程测试函数func1", "这是一个线程测试函数func2"
    assert sorted(body) == [f1] * 5 + [f2] * 5, body
    assert {body[0], body[1]} == {f1, f2}, body  # both threads run from the start: neither waits for the other
    t0, t1 = (datetime.strptime(m.group(1), "%a %b %d %H:%M:%S %Y") for m in (start, end))
    assert 0 <= (t1 - t0).total_seconds() <= 3, (t0, t1)

    # ex:S2-02: 5 threads, each prints i = 0..4 in order; round r complete before round r+1 starts.
    out = lines(cell(nb, "ex:S2-02"))
    assert len(out) == 25, out
    seen: dict[str, list[int]] = {}
    for ln in out:
        m = re.fullmatch(r"I'm (Thread-\d+) > ([0-4])", ln)
        assert m, ln
        seen.setdefault(m.group(1), []).append(int(m.group(2)))
    assert len(seen) == 5 and all(v == [0, 1, 2, 3, 4] for v in seen.values()), seen
    rounds = [int(ln[-1]) for ln in out]
    assert rounds == sorted(rounds), rounds

    # ex:S2-3.1: 1 thread before start, 3 while running (MainThread + two), 1 after join.
    out = lines(cell(nb, "ex:S2-3.1"))
    assert out[0] == "创建之后: 1 个线程, singer 活着吗? false", out
    assert out[1] == "启动之后: 3 个线程, singer 活着吗? true", out
    assert out[2].strip() == "MainThread", out
    assert re.fullmatch(r"Thread-\d+ \(sing\)", out[3].strip()), out
    assert re.fullmatch(r"Thread-\d+ \(dance\)", out[4].strip()), out
    assert out[5] == "结束之后: 1 个线程, singer 活着吗? false", out

    # ex:thread-exception: reported like Python's, the main thread goes on.
    c = cell(nb, "ex:thread-exception")
    matches(r"^Exception in thread Thread-\d+ \(divide\):\n.*divide by zero", stderr(c))
    assert lines(c) == ["主线程照常运行，出错的线程已经结束: true"], lines(c)

    # ex:S2-01-timeline: a lane per thread, named as Python names it; their sleeps overlap; main waits in Join.
    (svg,) = svgs(cell(nb, "ex:S2-01-timeline"))
    lanes = timeline_lanes(svg)
    assert len(lanes) == 3 and lanes[0] == "main", lanes
    assert re.fullmatch(r"Thread-\d+ \(func1\)", lanes[1]) and re.fullmatch(r"Thread-\d+ \(func2\)", lanes[2]), lanes
    bars = timeline_bars(svg)
    sleeps = [[b for b in bars if b[0] == lane and b[1] == "sleep"] for lane in lanes[1:]]
    assert all(len(s) >= 5 for s in sleeps) and overlapping(*sleeps), sleeps
    assert any(b[0] == "main" and b[1] == "wait join" for b in bars), bars
    assert svg.count("这是一个线程测试函数func1</title>") == 5, svg
