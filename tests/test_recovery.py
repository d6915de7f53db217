"""Interrupts, worker crashes and restarts: each test gets a kernel of its own (fixture `fresh_kernel`).

After an interrupt or a crash the session must go on: the next cell sees the funcs, types, consts and vars
declared before, with the user told which variables were reset.
"""

from __future__ import annotations

import os
import re
import time

import pytest
from conftest import TIMINGS, Kernel

SETUP = """import "fmt"
type point struct{ X, Y int }
func double(n int) int { return n * 2 }
var counter = 5
const answer = 42"""
CHECK = "fmt.Println(double(counter), point{1, 2}, answer)"

# Each blocker and how an interrupt ends it: "KeyboardInterrupt" when the cell's wait hears the interrupt (a
# time.Sleep in its own code, the waits of pkg/coro) and the session is kept; "Interrupted" when the worker has to
# be replaced (loops, channels, locks), which resets variables to their declared values.
# The third item is how many waits the interrupt ends once the cell blocks (its own and its tasks'); the test
# interrupts when coro.InterruptibleWaits reaches it, or for 0 once the cell printed MARK just before blocking.
BLOCKERS = {
    "busy-loop": ("for {\n}", "Interrupted", 0),
    "chan-receive": ("<-make(chan int)", "Interrupted", 0),
    "sleep": ('import "time"\ntime.Sleep(time.Hour)', "KeyboardInterrupt", 1),
    "mutex": ('import "sync"\nvar mu sync.Mutex\nmu.Lock()\nmu.Lock()', "Interrupted", 0),
    "select": ("select {}", "Interrupted", 0),
    "coro-run": (
        'import "time"\nfunc tick() {\n\tfor {\n\t\tcoro.Sleep(time.Millisecond)\n\t}\n}\n'
        "coro.Run(func() { coro.Gather(coro.CreateTask(tick), coro.CreateTask(tick)) })",
        "KeyboardInterrupt",
        1,
    ),
    "gevent-joinall": (
        'import "time"\ncoro.JoinAll(coro.Spawn(func() { for { time.Sleep(time.Millisecond) } }))',
        "KeyboardInterrupt",
        2,
    ),
}
MARK = "blocking now"
# Defined in SETUP's session: prints MARK from a goroutine once n interruptible waits are in progress.
MARK_WHEN_WAITING = f"""import "runtime"
func markWhenWaiting(n int) {{
\tgo func() {{
\t\tfor coro.InterruptibleWaits() < n {{
\t\t\truntime.Gosched()
\t\t}}
\t\tfmt.Println("{MARK}")
\t}}()
}}"""


def marked(code: str, waits: int) -> str:
    """code that says on stdout when it blocks (see BLOCKERS), so the test interrupts it then, not after a delay."""
    if waits:
        return f"markWhenWaiting({waits})\n{code}"
    return f'fmt.Println("{MARK}")\n{code}'


@pytest.mark.timeout(90)
@pytest.mark.parametrize("code, ename, waits", BLOCKERS.values(), ids=BLOCKERS.keys())
def test_interrupt(fresh_kernel: Kernel, code: str, ename: str, waits: int, request: pytest.FixtureRequest) -> None:
    k = fresh_kernel
    k.ok(SETUP)
    k.ok(MARK_WHEN_WAITING)
    k.ok("counter = 6")
    run = k.send(marked(code, waits))
    k.wait(run, timeout=30, until=lambda r: MARK in r.stdout or r.reply is not None)
    assert run.reply is None, f"blocking cell ended by itself:\n{run.describe()}"
    t0 = time.monotonic()
    k.km.interrupt_kernel()
    k.wait(run, timeout=10)
    latency = run.reply_at - t0
    TIMINGS[f"interrupt {request.node.callspec.id}: request -> execute_reply"] = latency
    assert run.status == "error", run.describe()
    assert run.content["ename"] == ename, run.error_text()
    assert latency <= 3.0, f"interrupt took {latency:.2f}s"
    after = k.ok(CHECK, timeout=30)
    # Kept by a KeyboardInterrupt, reset to its declared 5 when the worker was replaced.
    assert after.stdout == ("12 {1 2} 42\n" if ename == "KeyboardInterrupt" else "10 {1 2} 42\n"), after.stdout


CRASHES = {
    "os-exit": ('import "os"\nos.Exit(3)', r"exit.*\b3\b"),
    "goroutine-panic": ('import "time"\ntime.AfterFunc(0, func() { panic("boom") })\ntime.Sleep(time.Second)', r"boom"),
    "stack-overflow": ("func r(n int) int { return r(n+1) + 1 }\nr(0)", r"stack"),
    "concurrent-map-writes": (
        "m := map[int]int{}\ngo func() {\n\tfor i := 0; ; i++ {\n\t\tm[i%64] = i\n\t}\n}()\n"
        "for i := 0; ; i++ {\n\tm[i%64] = -i\n}",
        r"concurrent map writes",
    ),
}


@pytest.mark.timeout(180)
@pytest.mark.parametrize("code, cause", CRASHES.values(), ids=CRASHES.keys())
def test_worker_crash_recovery(fresh_kernel: Kernel, code: str, cause: str, request: pytest.FixtureRequest) -> None:
    k = fresh_kernel
    k.ok(SETUP)
    k.ok("counter = 7")
    t0 = time.monotonic()
    crash = k.execute(code, timeout=120)
    TIMINGS[f"crash {request.node.callspec.id}: request -> execute_reply"] = crash.reply_at - t0
    assert crash.status == "error", crash.describe()
    assert crash.content["ename"] == "WorkerDied", crash.error_text()
    assert re.search(cause, crash.content["evalue"], re.IGNORECASE), crash.content["evalue"]
    assert k.km.is_alive(), "the kernel process died with its worker"
    after = k.ok(CHECK, timeout=60)
    # counter was re-declared by the replay (5), not kept at 7: the user must be told it was reset.
    assert after.stdout.endswith("10 {1 2} 42\n"), after.stdout
    told = crash.error_text() + crash.stdout + crash.stderr + after.stdout + after.stderr
    assert "counter" in told, f"no message names the reset variable counter:\n{told}"


@pytest.mark.timeout(60)
def test_shutdown_request_with_restart(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    k.ok("var keep = 1")
    old_session = k.seen[-1][1]["header"]["session"]
    shutdown = k.request("shutdown_request", {"restart": True}, channel="control")
    run = k.wait(shutdown, until=lambda r: r.reply is not None)
    assert run.reply["msg_type"] == "shutdown_reply"
    assert run.content == {"status": "ok", "restart": True}
    t0 = time.monotonic()
    while k.km.is_alive() and time.monotonic() - t0 < 5:
        time.sleep(0.01)
    exited = time.monotonic() - t0
    TIMINGS["shutdown_request -> process exit"] = exited
    assert exited < 2.5, f"kernel still alive {exited:.1f}s after shutdown_reply"

    t0 = time.monotonic()
    k.km.restart_kernel(now=False)
    k.kc.wait_for_ready(timeout=60)
    TIMINGS["restart_kernel -> ready"] = time.monotonic() - t0
    after = k.execute("keep")
    assert after.status == "error", "state survived a restart"
    assert k.seen[-1][1]["header"]["session"] != old_session
    assert k.ok("1 + 2").results()[0]["data"]["text/plain"] == "3"


@pytest.mark.timeout(60)
def test_restart_of_live_kernel_is_quick(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    k.ok("var liveState = 1")
    t0 = time.monotonic()
    k.km.restart_kernel(now=False)
    restarted = time.monotonic() - t0
    TIMINGS["restart_kernel(now=False) of a live kernel"] = restarted
    assert restarted < 2.5, f"restart took {restarted:.1f}s: the kernel needed SIGTERM"
    k.kc.wait_for_ready(timeout=60)
    assert k.ok("2 + 2").results()[0]["data"]["text/plain"] == "4"


def _gone(pid: int, within: float) -> bool:
    """Whether no process (running or zombie) has pid within `within` seconds."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < within:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


PROCS = """import ("fmt"; "os"; "time")
func forever() { for { time.Sleep(time.Second) } }
p := mt.NewProcess(forever)
p.Start()
po, _ := mt.NewPool(2)
fmt.Println(os.Getpid(), p.Pid(), po.Pids()[0], po.Pids()[1])"""


@pytest.mark.timeout(90)
@pytest.mark.parametrize("how", ["interrupt", "shutdown", "kill"])
def test_children_do_not_outlive_the_worker(fresh_kernel: Kernel, how: str) -> None:
    """Processes and pool workers started by cells end with an interrupt, a shutdown or a killed kernel, and none
    is left a zombie (the kernel reaps what its killed worker leaves)."""
    k = fresh_kernel
    pids = [int(p) for p in k.ok(PROCS).stdout.split()]
    assert len(pids) == 4 and len(set(pids)) == 4, pids
    if how == "interrupt":
        run = k.send('fmt.Println("blocking")\nselect {}')
        k.wait(run, timeout=30, until=lambda r: "blocking" in r.stdout)
        k.km.interrupt_kernel()
        k.wait(run, timeout=10)
        assert run.content["ename"] == "Interrupted"
    elif how == "shutdown":
        k.shutdown()
    else:
        k.kc.stop_channels()
        k.km.shutdown_kernel(now=True)  # SIGKILL
    for pid in pids:
        assert _gone(pid, 10), open(f"/proc/{pid}/stat").read()
