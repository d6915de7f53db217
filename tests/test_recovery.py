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

SETUP = """import ("fmt"; "time")
type point struct{ X, Y int }
func double(n int) int { return n * 2 }
var counter = 5
const answer = 42"""
CHECK = "fmt.Println(double(counter), point{1, 2}, answer)"

# Each blocker, how an interrupt ends it, and what counter (6 before the cell) holds afterwards. Every cell prints
# "started" first, so the test knows it runs. "KeyboardInterrupt": the interrupt stops interpreted code (yaegi's
# cancellation ends loops, channel operations and selects; coro's signal ends its waits and time.Sleep) and the
# session is kept: counter keeps what the cell left (6, or more after a loop that incremented it); sync's Mutex,
# RWMutex and WaitGroup in cells and pkg/mt's waits end on an interrupt too. "Interrupted": a compiled call nothing
# can end (sync.Cond's Wait) costs the worker; the fresh worker restores counter's 6 from the snapshot taken after the
# last finished cell; the message names the call.
# Each blocking cell first starts a goroutine sleeping for an hour: a pending timer, so that a cell whose other
# goroutines all wait on channels or locks is not a deadlock (which the worker would report by itself, see
# test_deadlock.py) but waits for the interrupt.
P = 'go time.Sleep(time.Hour)\nfmt.Println("started")\n'
BLOCKERS = {
    "busy-loop": (P + "for {\n\tcounter++\n}", "KeyboardInterrupt", "grew"),
    "busy-loop-in-func": (P + "func spin() {\n\tfor {\n\t\tcounter++\n\t}\n}\nspin()", "KeyboardInterrupt", "grew"),
    "chan-receive": (P + "<-make(chan int)", "KeyboardInterrupt", "same"),
    "chan-send": (P + "make(chan int) <- 1", "KeyboardInterrupt", "same"),
    "select": (P + "select {}", "KeyboardInterrupt", "same"),
    "sleep": ('import "time"\n' + P + "time.Sleep(time.Hour)", "KeyboardInterrupt", "same"),
    "goroutines": (
        'import "time"\ngo func() { time.Sleep(time.Hour) }()\ngo func() { for { counter++ } }()\n'
        "go func() { <-make(chan int) }()\n" + P + "select {}",
        "KeyboardInterrupt",
        "grew",
    ),
    "coro-run": (
        'import "time"\nfunc tick() {\n\tfor {\n\t\tcoro.Sleep(time.Millisecond)\n\t}\n}\n'
        + P
        + "coro.Run(func() { coro.Gather(coro.CreateTask(tick), coro.CreateTask(tick)) })",
        "KeyboardInterrupt",
        "same",
    ),
    "gevent-joinall": (
        'import "time"\n' + P + "coro.JoinAll(coro.Spawn(func() { for { time.Sleep(time.Millisecond) } }))",
        "KeyboardInterrupt",
        "same",
    ),
    "mutex": ('import "sync"\nvar mu sync.Mutex\nmu.Lock()\n' + P + "mu.Lock()", "KeyboardInterrupt", "same"),
    "rwmutex": ('import "sync"\nvar rw sync.RWMutex\nrw.RLock()\n' + P + "rw.Lock()", "KeyboardInterrupt", "same"),
    "waitgroup": ('import "sync"\nvar wg sync.WaitGroup\nwg.Add(1)\n' + P + "wg.Wait()", "KeyboardInterrupt", "same"),
    "mt-lock": ("l := mt.NewLock()\nl.Acquire()\n" + P + "l.Acquire()", "KeyboardInterrupt", "same"),
    "mt-join": (P + "mt.Go(func() { select {} }).Join()", "KeyboardInterrupt", "same"),
    "mt-queue": (P + "mt.NewQueue(0).Get()", "KeyboardInterrupt", "same"),
    "cond": ('import "sync"\nc := sync.NewCond(&sync.Mutex{})\nc.L.Lock()\n' + P + "c.Wait()", "Interrupted", "same"),
}
def started(run) -> bool:  # noqa: ANN001
    return "started" in run.stdout or run.reply is not None


@pytest.mark.timeout(90)
@pytest.mark.parametrize("code, ename, after", BLOCKERS.values(), ids=BLOCKERS.keys())
def test_interrupt(fresh_kernel: Kernel, code: str, ename: str, after: str, request: pytest.FixtureRequest) -> None:
    k = fresh_kernel
    k.ok(SETUP)
    k.ok("counter = 6")
    run = k.send(code)
    k.wait(run, timeout=30, until=started)
    assert run.reply is None, f"blocking cell ended by itself:\n{run.describe()}"
    t0 = time.monotonic()
    k.km.interrupt_kernel()
    k.wait(run, timeout=10)
    latency = run.reply_at - t0
    TIMINGS[f"interrupt {request.node.callspec.id}: request -> execute_reply"] = latency
    assert run.status == "error", run.describe()
    assert run.content["ename"] == ename, run.error_text()
    assert latency <= 3.0, f"interrupt took {latency:.2f}s"
    if ename == "KeyboardInterrupt":
        assert "fresh worker" not in run.error_text(), run.error_text()
        assert "cell[" in run.error_text(), f"no position: {run.error_text()}"
    else:
        assert "sync.(*Cond).Wait" in run.error_text(), f"the blocking call is not named: {run.error_text()}"
    out = k.ok("fmt.Println(double(21), point{1, 2}, answer, counter)", timeout=30).stdout.split()
    assert out[:4] == ["42", "{1", "2}", "42"], out
    if after == "grew":  # the loop's increments are kept
        assert int(out[4]) > 6, out
    else:  # kept at 6, or restored to 6 in a fresh worker
        assert out[4] == "6", out


@pytest.mark.timeout(120)
def test_interrupt_storm(fresh_kernel: Kernel) -> None:
    """100 interrupts, each while a cell runs (loops, channels, sleeps, goroutines), leave a working session with
    its variables: each interrupted cell ends with KeyboardInterrupt and the next sees what it left."""
    k = fresh_kernel
    k.ok('import ("fmt"; "sync"; "time")\nvar hits = 0')
    blockers = [
        "for {}",
        "<-make(chan int)",
        "select {}",
        "time.Sleep(time.Hour)",
        "go func() { for {} }()\nselect {}",
        "var mu sync.Mutex\nmu.Lock()\nmu.Lock()",
        "mt.NewLock().Acquire()\nmt.Go(func() { select {} }).Join()",
    ]
    for i in range(100):
        run = k.send(f"hits++\n{P}{blockers[i % len(blockers)]}")
        k.wait(run, timeout=30, until=started)
        k.km.interrupt_kernel()
        k.wait(run, timeout=10)
        assert run.content.get("ename") == "KeyboardInterrupt", run.error_text()
    assert k.ok("fmt.Println(hits)").stdout == "100\n"


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
    # counter gets back the 7 it had after the last finished cell (the worker's snapshot), and the next cell is told.
    assert after.stdout.endswith("14 {1 2} 42\n"), after.stdout
    assert "restored from their values after the last finished cell: counter" in after.stderr, after.stderr


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
        # An interrupt that costs the worker (a wait in sync.Cond, which nothing can end) ends the children with
        # it; one that keeps the session keeps them, as it keeps the variables holding them.
        run = k.send('import "sync"\nc := sync.NewCond(&sync.Mutex{})\nc.L.Lock()\nfmt.Println("started")\nc.Wait()')
        k.wait(run, timeout=30, until=lambda r: "started" in r.stdout)
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


@pytest.mark.timeout(60)
def test_goroutine_panic_fails_the_cell(fresh_kernel: Kernel) -> None:
    """A goroutine of the running cell that panics fails the cell with that panic and its position, and stops the
    cell (whose own code here would wait forever), as the panic would end a Go program; the session is kept."""
    k = fresh_kernel
    k.ok(SETUP)
    k.ok("counter = 6")
    run = k.execute("go func() {\n\tvar m map[int]int\n\tm[1] = counter\n}()\nselect {}", timeout=30)
    assert run.status == "error" and run.content["ename"] == "panic", run.describe()
    text = run.error_text()
    assert "assignment to entry in nil map" in text and "goroutine started at cell[" in text, text
    assert "fresh worker" not in text, text
    assert k.ok("fmt.Println(counter)").stdout == "6\n"


INPUTS = {
    "fmt-scan": 'var s string\nfmt.Scanln(&s)\nfmt.Println("got", s)',
    "mt-input": 'name, _ := mt.Input("name? ")\nfmt.Println("got", name)',
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("code", INPUTS.values(), ids=INPUTS.keys())
def test_interrupt_pending_input(fresh_kernel: Kernel, code: str) -> None:
    """An interrupt while an input_request is pending ends the cell with KeyboardInterrupt at once and keeps the
    session; the next read asks the frontend again."""
    k = fresh_kernel
    k.ok(SETUP)
    k.ok("counter = 6")
    run = k.send(code, allow_stdin=True)
    k.wait(run, timeout=30, until=lambda r: bool(r.stdin) or r.reply is not None, stdin=lambda m: None)
    assert run.reply is None, run.describe()
    k.km.interrupt_kernel()
    k.wait(run, timeout=10, stdin=lambda m: None)
    assert run.content["ename"] == "KeyboardInterrupt", run.error_text()
    again = k.execute(code, timeout=30, stdin=lambda m: "ada")
    assert again.status == "ok" and again.stdout.endswith("got ada\n"), again.describe()
    assert len(again.stdin) == 1
    assert k.ok("fmt.Println(counter)").stdout == "6\n"
