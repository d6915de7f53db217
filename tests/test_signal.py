"""SIGINT: Jupyter's "signal" interrupt mode, and what KernelManager.shutdown_kernel sends before asking to shut
down. It must interrupt the running cell, never kill the kernel."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import KERNEL_NAME, Kernel


@pytest.mark.timeout(60)
def test_sigint_interrupts_cell_not_kernel(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    k.ok('import "fmt"\nfunc hello() string { return "alive" }\nn := 1')
    run = k.send('fmt.Println("started")\nfor {\n\tn = 2\n}')
    k.wait(run, timeout=30, until=lambda r: "started" in r.stdout or r.reply is not None)
    os.kill(k.km.provisioner.process.pid, signal.SIGINT)
    k.wait(run, timeout=10)
    assert run.status == "error" and run.content["ename"] == "KeyboardInterrupt", run.describe()
    assert k.km.is_alive()
    assert k.ok("fmt.Println(hello(), n)").stdout == "alive 2\n"


@pytest.mark.timeout(60)
def test_sigint_while_idle_is_harmless(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    os.kill(k.km.provisioner.process.pid, signal.SIGINT)
    # A fatal signal would be acted on before the kernel ran again, so before it answers the cell below. The signal
    # reaches the kernel's handler when the scheduler lets it: on a loaded machine that can be after this cell began,
    # which it then interrupts (as pressing ■ just after running a cell would); either way the session goes on.
    first = k.execute('import "fmt"\nfmt.Println(1)')
    # (KeyboardInterrupt once the cell ran in the worker; Interrupted if it was stopped before the worker had it)
    interrupted = first.content.get("ename") in ("KeyboardInterrupt", "Interrupted")
    assert first.status == "ok" and first.stdout == "1\n" or interrupted, first.describe()
    assert k.ok('import "fmt"\nfmt.Println(2)').stdout == "2\n"
    assert k.km.is_alive()


CLIENT = """
import sys, time
from jupyter_client import KernelManager
km = KernelManager(kernel_name=sys.argv[1])
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
kc.execute('import ("fmt"; "os")\\nfmt.Println(os.Getpid())')
while True:
    msg = kc.get_iopub_msg(timeout=30)
    if msg["msg_type"] == "stream":
        break
print(km.provisioner.process.pid, msg["content"]["text"].strip(), flush=True)
time.sleep(600)
"""


@pytest.mark.timeout(60)
def test_kernel_exits_when_its_client_dies() -> None:
    """A client killed without shutting its kernel down (a crashed notebook server, a killed test runner) must not
    leave the kernel and its worker running: the kernel watches JPY_PARENT_PID, as ipykernel does."""
    client = subprocess.Popen([sys.executable, "-c", CLIENT, KERNEL_NAME], stdout=subprocess.PIPE, text=True)
    try:
        kernel_pid, worker_pid = map(int, client.stdout.readline().split())
    finally:
        client.kill()
        client.wait()
    t0 = time.monotonic()
    alive = {kernel_pid, worker_pid}
    while alive and time.monotonic() - t0 < 10:
        for pid in list(alive):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                alive.discard(pid)
        time.sleep(0.05)
    assert not alive, f"still running 10 s after the client died: {alive}"
