"""Deadlock detection with a real Jupyter client: a cell whose goroutines all wait on channels or sync primitives,
with no timer pending, fails by itself with Go's "fatal error: all goroutines are asleep - deadlock!" and the wait
of each goroutine, and the session keeps its variables; a cell that waits for something that will come (a timer,
a sleeping goroutine, a thread) is left alone.
"""

from __future__ import annotations

import pytest
from conftest import TIMINGS, Kernel

SETUP = """import ("fmt"; "sync"; "time")
type point struct{ X, Y int }
var counter = 5
nums := []int{1, 2, 3}"""
CHECK = "fmt.Println(counter, nums, point{1, 2})"

DEADLOCKS = {
    "send-without-receiver": ("ch := make(chan int)\nch <- 1", "[chan send]"),
    "waitgroup-never-done": ("var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()", "[sync.WaitGroup.Wait]"),
    "goroutines-wait-for-each-other": (
        "a, b := make(chan int), make(chan int)\ngo func() { <-a; b <- 1 }()\n<-b",
        "a goroutine of the cell",
    ),
}


@pytest.mark.timeout(120)
def test_deadlock_fails_the_cell_and_keeps_the_session(kernel: Kernel) -> None:
    k = kernel
    k.ok(SETUP)
    for i, (name, (code, wait)) in enumerate(DEADLOCKS.items()):
        k.ok(f"counter = {10 + i}\nnums = append(nums, {i})")
        before = k.ok(CHECK).stdout
        run = k.execute(f"counter++\n{code}", timeout=30)
        TIMINGS[f"deadlock {name}: execute_request -> execute_reply"] = run.reply_at - run.sent
        assert run.status == "error", run.describe()
        assert run.content["ename"] == "fatal error", run.error_text()
        assert run.content["evalue"] == "all goroutines are asleep - deadlock!", run.error_text()
        text = run.error_text()
        assert wait in text and "cell[" in text, text
        assert "fresh worker" not in text, text
        # The cell's own increment happened before it blocked; everything else is as it was.
        after = k.ok(CHECK).stdout
        assert after == before.replace(str(10 + i), str(11 + i), 1), (before, after)


WAITS = {
    "time-after": "<-time.After(700 * time.Millisecond)",
    "goroutine-sleeps-then-sends": "ch := make(chan int)\ngo func() { time.Sleep(700 * time.Millisecond); ch <- 1 }()\n<-ch",
    "thread-join": "mt.Go(func() { time.Sleep(700 * time.Millisecond) }).Join()",
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("code", WAITS.values(), ids=WAITS.keys())
def test_waiting_is_not_a_deadlock(kernel: Kernel, code: str) -> None:
    """Each cell waits longer than detection takes for something that comes: it must end ok."""
    kernel.ok(SETUP)
    kernel.ok(code, timeout=30)
