"""15_asyncio_basics: event loop, generator-based coroutines, async/await, tasks (seed-inventory §3.15)."""

import re
from datetime import datetime

from lessons.nbcheck import no_stderr, cell, error, lines, no_errors, svgs, timeline_lanes, timeline_bars, overlapping

COUNTDOWN = ["T-minus 2 (A)", "T-minus 5 (B)", "T-minus 1 (A)", "T-minus 4 (B)",
             "T-minus 3 (B)", "T-minus 2 (B)", "T-minus 1 (B)"]


def span(out):
    """Seconds between the 'started at' and 'finished at' lines."""
    t = [datetime.strptime(re.fullmatch(rf"{w} at (\d\d:\d\d:\d\d\.\d\d\d)", l)[1], "%H:%M:%S.%f")
         for w, l in (("started", out[0]), ("finished", out[-1]))]
    return (t[1] - t[0]).total_seconds() % 86400


def check(nb, params):
    no_errors(nb)
    no_stderr(nb)  # no task died unnoticed

    # yield from SleepFuture: the two countdowns interleave, equal sleeps wake in creation order
    assert lines(cell(nb, "ex:S3-25")) == COUNTDOWN
    assert error(cell(nb, "ex:S3-25-err")) == ("RuntimeError", "This event loop is already running")
    # the same with a hand-made sleep: Future + call_later
    assert lines(cell(nb, "ex:S3-26")) == COUNTDOWN
    assert lines(cell(nb, "ex:S3-26-done")) == ["done: false", "done: true"]

    # awaited one after the other: at least the sum of the sleeps
    out = lines(cell(nb, "ex:S3-27"))
    assert out[1:3] == ["hello", "world"], out
    assert span(out) >= 0.3 - 0.01, out
    # as tasks: same lines, at least the longer sleep
    out = lines(cell(nb, "ex:S3-28"))
    assert out[1:3] == ["hello", "world"], out
    assert span(out) >= 0.2 - 0.01, out

    assert lines(cell(nb, "ex:S3-29")) == ["func1 done <nil>"] * 2

    out = lines(cell(nb, "ex:S3-30"))
    assert re.fullmatch(r"<coroutine object nested at 0x[0-9a-f]+>", out[0]), out
    assert out[1:] == ["42", "42", "42", "[42, 42]"]

    out = lines(cell(nb, "ex:S3-31"))
    assert out[:6] == ["Waiting:  0.1", "Waiting:  0.2", "Waiting:  0.4",
                       "Task ret:  Done after 0.1s", "Task ret:  Done after 0.2s", "Task ret:  Done after 0.4s"], out
    assert float(re.fullmatch(r"TIME:  (\d+\.\d+)", out[6])[1]) >= 0.4 - 0.01, out
    # the sleeps overlap: when the first task wakes, all three have started (one after the other: 1, 2, 3)
    assert lines(cell(nb, "ex:S3-31-overlap")) == [
        f"等了 {x} 秒的任务醒来时，已开始的任务有 3 个" for x in ("0.1", "0.2", "0.4")]

    assert lines(cell(nb, "ex:S3-32")) == ["[1, 3]"]

    # ex:S3-31-timeline: the three tasks sleep at the same time.
    (svg,) = svgs(cell(nb, "ex:S3-31-timeline"))
    lanes = timeline_lanes(svg)
    assert lanes == ["main", "gatherAll()", "doSomeWork(0.1)", "doSomeWork(0.2)", "doSomeWork(0.4)"], lanes
    bars = timeline_bars(svg)
    sleeps = [[b for b in bars if b[0] == lane and b[1] == "sleep"] for lane in lanes[2:]]
    assert all(len(s) == 1 for s in sleeps), sleeps
    assert overlapping(sleeps[0], sleeps[1]) and overlapping(sleeps[1], sleeps[2]) and overlapping(sleeps[0], sleeps[2])
