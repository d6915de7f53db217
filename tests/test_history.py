"""History through a real Jupyter client: history_request's tail, range and search over this session and earlier
ones, kept in the Jupyter data directory (here a temporary one per test), as jupyter console and JupyterLab use it."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import Kernel, start_kernel


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A Jupyter data directory of the test's own; kernels started after this fixture store their history there."""
    d = tmp_path / "jupyter-data"
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(d))
    return d


@pytest.fixture
def hkernel(data_dir):
    k = start_kernel()
    yield k
    k.shutdown()


def history(k: Kernel, **content) -> list:
    defaults = {"output": False, "raw": True}
    run = k.wait(k.request("history_request", {**defaults, **content}))
    assert run.status == "ok", run.describe()
    return run.content["history"]


def test_tail_range_and_output(hkernel: Kernel) -> None:
    k = hkernel
    k.ok("a := 20")
    k.ok("a + 22")
    k.ok('import "strings"\nstrings.Repeat("go", 2)')
    k.ok("a", silent=True)  # silent cells are not stored
    k.ok("a * 2", store_history=False)
    tail = history(k, hist_access_type="tail", n=3)
    assert [h[2] for h in tail] == ["a := 20", "a + 22", 'import "strings"\nstrings.Repeat("go", 2)'], tail
    session = tail[0][0]
    assert [h[:2] for h in tail] == [[session, 1], [session, 2], [session, 3]]
    assert [h[2] for h in history(k, hist_access_type="tail", n=1)] == ['import "strings"\nstrings.Repeat("go", 2)']
    with_output = history(k, hist_access_type="tail", n=3, output=True)
    assert [h[2] for h in with_output] == [["a := 20", ""], ["a + 22", "42"], [tail[2][2], '"gogo"']]
    assert [h[2] for h in history(k, hist_access_type="range", session=0, start=2, stop=3)] == ["a + 22"]
    assert [h[1] for h in history(k, hist_access_type="range", session=0, start=1, stop=0)] == [1, 2, 3]
    assert [h[1] for h in history(k, hist_access_type="range", session=session, start=2, stop=0)] == [2, 3]
    assert history(k, hist_access_type="range", session=session + 5, start=1, stop=0) == []


def test_search_glob_unique_n(hkernel: Kernel) -> None:
    k = hkernel
    for code in ["n := 1", "n++", "n++", "m := n * 2", "n++", 'import "fmt"\nfmt.Println(n)']:
        k.ok(code)
    assert [h[2] for h in history(k, hist_access_type="search", pattern="n*")] == ["n := 1", "n++", "n++", "n++"]
    assert [h[2] for h in history(k, hist_access_type="search", pattern="n*", unique=True)] == ["n := 1", "n++"]
    assert [h[1] for h in history(k, hist_access_type="search", pattern="n+?", unique=True)] == [5]  # the latest
    assert [h[1] for h in history(k, hist_access_type="search", pattern="n*", n=2)] == [3, 5]
    assert [h[2] for h in history(k, hist_access_type="search", pattern="*fmt.Print[a-z]*(n)")] == [
        'import "fmt"\nfmt.Println(n)'
    ]
    assert history(k, hist_access_type="search", pattern="N*") == []  # case-sensitive, as IPython's GLOB
    # JupyterLab's inline completer: prefix + '*', unique, n.
    assert [h[2] for h in history(k, hist_access_type="search", pattern="m*", unique=True, n=10)] == ["m := n * 2"]


def test_earlier_sessions_after_a_restart(hkernel: Kernel, data_dir: Path) -> None:
    k = hkernel
    k.ok("before := 1")
    k.ok("before + 1")
    first = history(k, hist_access_type="tail", n=1)[0][0]
    k.km.restart_kernel(now=False)
    k.kc.wait_for_ready(timeout=60)
    k.ok("after := 2")
    tail = history(k, hist_access_type="tail", n=3)
    assert [h[2] for h in tail] == ["before := 1", "before + 1", "after := 2"], tail
    assert tail[2][0] == first + 1 and tail[2][1] == 1
    assert [h[2] for h in history(k, hist_access_type="range", session=-1, start=1, stop=0)] == [
        "before := 1",
        "before + 1",
    ]
    assert [h[2] for h in history(k, hist_access_type="range", session=0, start=1, stop=0)] == ["after := 2"]
    assert (data_dir / "gokernel" / "history.jsonl").is_file()


def test_concurrent_kernels_keep_their_own_sessions(data_dir: Path) -> None:
    kernels = [start_kernel() for _ in range(2)]
    try:
        runs = []
        for i in range(20):
            for j, k in enumerate(kernels):
                runs.append((k, k.send(f"v{j} := {i}")))
        for k, run in runs:
            k.wait(run)
            assert run.status == "ok", run.describe()
        sessions = set()
        for j, k in enumerate(kernels):
            mine = history(k, hist_access_type="range", session=0, start=1, stop=0)
            assert [h[2] for h in mine] == [f"v{j} := {i}" for i in range(20)]
            sessions.add(mine[0][0])
        assert len(sessions) == 2
    finally:
        for k in kernels:
            k.shutdown()
    lines = (data_dir / "gokernel" / "history.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]  # every line whole
    assert sum(1 for r in records if "source" in r) == 40


def read_until(fd: int, pattern: str, timeout: float = 60.0) -> str:
    """Read the console's terminal output until pattern (a regex) appears; the timeout only guards a hang."""
    buf = b""
    deadline = time.monotonic() + timeout
    while True:
        text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", buf.decode("utf-8", "replace"))
        if re.search(pattern, text):
            return text
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no {pattern!r} in console output:\n{text[-2000:]}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise EOFError(f"console exited before {pattern!r}:\n{text[-2000:]}")
            buf += chunk


@pytest.mark.skipif(shutil.which("jupyter-console", path=os.path.dirname(sys.executable)) is None,
                    reason="jupyter_console is not installed")
def test_jupyter_console_up_arrow_after_restart(data_dir: Path) -> None:
    """An earlier session's cell comes back with ↑ in a new `jupyter console`, through its history tail request."""
    # The earlier session: a kernel that ran one cell and was shut down.
    k = start_kernel()
    try:
        k.ok("earlierCell := 7 * 6")
    finally:
        k.shutdown()
    console = os.path.join(os.path.dirname(sys.executable), "jupyter-console")
    pid, fd = pty.fork()
    if pid == 0:  # the child: a console on the terminal pty.fork made
        os.environ["PROMPT_TOOLKIT_NO_CPR"] = "1"  # the pty answers no cursor position requests
        os.execv(console, [console, "--kernel", "gokernel"])
    exited = False
    try:
        read_until(fd, r"In \[1\]: ")
        os.write(fd, b"\x1b[A")  # ↑
        read_until(fd, r"earlierCell := 7 \* 6")
        os.write(fd, b"\r")
        read_until(fd, r"In \[2\]: ")
        os.write(fd, b"earlierCell\r")
        read_until(fd, r"Out\[2\]: 42(.|\n)*In \[3\]: ")
        os.write(fd, b"\x04")  # Ctrl-D, then yes: the console shuts its kernel down and exits
        read_until(fd, r"Do you really want to exit")
        os.write(fd, b"y\r")
        with pytest.raises(EOFError):
            read_until(fd, r"(?!x)x")
        os.waitpid(pid, 0)
        exited = True
    finally:
        if not exited:
            os.kill(pid, 15)
            os.waitpid(pid, 0)
        os.close(fd)
