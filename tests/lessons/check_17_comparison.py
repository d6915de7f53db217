"""17_comparison: the same work for coroutines, threads and processes; the timings are printed and vary with the
machine's load, so the checks are structural (with loose bounds only where the gap is orders of magnitude)."""

from __future__ import annotations

import re

from lessons.nbcheck import cell, lines, result, svgs

UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


def seconds(d: str) -> float:
    """A Go time.Duration as printed (1m2.5s, 33.8ms, 83µs) in seconds."""
    parts = re.findall(r"([\d.]+)(ns|µs|us|ms|s|m|h)", d)
    assert parts and "".join(a + b for a, b in parts) == d, d
    return sum(float(a) * UNITS[b] for a, b in parts)


def check(nb, params):
    def durations(tag):
        out = {}
        for ln in lines(cell(nb, tag)):
            label, _, value = ln.rpartition(": ")
            out[label] = value
        return out

    start = durations("ex:cmp-start")
    assert list(start) == ["每个协程任务", "每个线程", "每个进程"], start
    task, thread, process = (seconds(v) for v in start.values())
    assert 0 < task and 0 < thread < process, start

    out = lines(cell(nb, "ex:cmp-switch"))
    assert len(out) == 2, out
    for ln, who in zip(out, ("greenlet", "线程之间的通道")):
        m = re.fullmatch(rf"{who}: 100000 次往返，每秒约 (\d+) 次切换", ln)
        assert m and int(m.group(1)) > 0, ln

    io = durations("ex:cmp-io")
    assert list(io) == ["一个接一个（估算）", "100 个线程", "100 个协程任务", "4 个进程的进程池"], io
    assert seconds(io["一个接一个（估算）"]) == 2
    # 100 waits of 20 ms at once take about 20 ms; 1.5 s is a very generous bound below the sequential 2 s.
    for label in ("100 个线程", "100 个协程任务"):
        assert 0.02 <= seconds(io[label]) < 1.5, io
    assert seconds(io["4 个进程的进程池"]) >= 0.5, io  # 25 waits of 20 ms per process at least

    cpu = durations("ex:cmp-cpu")
    assert list(cpu) == ["CPU 核数", "一个接一个", "两个线程", "两个协程任务", "两个进程"], cpu
    assert int(cpu["CPU 核数"]) >= 1
    assert all(seconds(cpu[k]) > 0 for k in list(cpu)[1:]), cpu

    # ex:cmp-chart: the four CPU timings as a bar chart (the cell's value), its text the same numbers.
    c = cell(nb, "ex:cmp-chart")
    (svg,) = svgs(c)
    for label in ("一个接一个", "两个线程", "两个协程任务", "两个进程"):
        assert label in svg, label
    text = result(c).splitlines()
    assert text[0] == "CPU 密集：两段计算的耗时" and len(text) == 5, text
    assert all(re.fullmatch(r"\S+: [\d.e+]+ 毫秒", t) for t in text[1:]), text

    # ex:cmp-speedup: speed-up of 1, 2, 4 threads, printed and drawn with the ideal line.
    c = cell(nb, "ex:cmp-speedup")
    m = re.fullmatch(r"CPU 核数 (\d+)，加速比 \[1\.00 ([\d.]+) ([\d.]+)\]", lines(c)[0])
    assert m, lines(c)
    (svg,) = svgs(c)
    assert "实测" in svg and "理想" in svg and "加速比" in svg
