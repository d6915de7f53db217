"""SIGINT: Jupyter's "signal" interrupt mode, and what KernelManager.shutdown_kernel sends before asking to shut
down. It must interrupt the running cell, never kill the kernel."""

from __future__ import annotations

import os
import signal
import time

import pytest
from conftest import Kernel


@pytest.mark.timeout(60)
def test_sigint_interrupts_cell_not_kernel(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    k.ok('import "fmt"\nfunc hello() string { return "alive" }')
    run = k.send("for {\n}")
    k.wait(run, timeout=30, until=lambda r: bool(r.of_type("execute_input")) or r.reply is not None)
    time.sleep(0.3)
    os.kill(k.km.provisioner.process.pid, signal.SIGINT)
    k.wait(run, timeout=10)
    assert run.status == "error" and run.content["ename"] == "Interrupted", run.describe()
    assert k.km.is_alive()
    assert k.ok("fmt.Println(hello())").stdout == "alive\n"


@pytest.mark.timeout(60)
def test_sigint_while_idle_is_harmless(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    os.kill(k.km.provisioner.process.pid, signal.SIGINT)
    time.sleep(0.2)
    assert k.km.is_alive()
    assert k.ok('import "fmt"\nfmt.Println(1)').stdout == "1\n"
