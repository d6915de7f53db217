"""The teacher's limits (issue 12, item 3): memory per worker, live child processes, size of one message.

Each test starts its own kernel with a limit set the two ways a teacher can: the kernelspec's environment
(GOKERNEL_MEMORY_LIMIT, GOKERNEL_MAX_CHILDREN, GOKERNEL_MAX_MESSAGE) or gokernel kernel's flags.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator

import pytest
from conftest import Kernel, start_kernel
from test_hostile import assert_alive, raw_peer, wait_closed


def start(env: dict[str, str] | None = None, flags: list[str] | None = None) -> Kernel:
    return start_kernel(env={**os.environ, **(env or {})}, extra_arguments=flags or [])


@pytest.fixture
def limited(request: pytest.FixtureRequest) -> Iterator[Kernel]:
    env, flags = request.param
    k = start(env, flags)
    yield k
    k.shutdown()


BIG_CELLS = {
    "kept-chunks": "var keep [][]byte\nfor i := 0; i < 64; i++ { keep = append(keep, make([]byte, 16<<20)) }\nlen(keep)",
    "one-huge-block": "huge := make([]byte, 8<<30)\nlen(huge)",
}


@pytest.mark.parametrize(
    "limited",
    [({"GOKERNEL_MEMORY_LIMIT": "256"}, None), (None, ["--memory-limit", "256"])],
    ids=["env", "flag"],
    indirect=True,
)
def test_memory_limit_fails_the_cell_not_the_kernel(limited: Kernel) -> None:
    limited.ok('import "strings"\nx := 41\nfunc inc(n int) int { return n + 1 }')
    for name, code in BIG_CELLS.items():
        run = limited.execute(code)
        assert run.status == "error", f"{name}: {run.describe()}"
        assert run.content["ename"] == "MemoryError", f"{name}: {run.error_text()}"
        assert "256 MiB" in run.content["evalue"], run.error_text()
        assert not run.results(), f"{name}: a value after the limit: {run.results()}"
        # The session lives on: declarations are back, the kernel process is the same.
        assert limited.ok("inc(x)").results()[0]["data"]["text/plain"] == "42"
        assert limited.ok('strings.Repeat("ab", 2)').results()[0]["data"]["text/plain"] == '"abab"'
    assert limited.km.is_alive()


@pytest.mark.parametrize("limited", [({"GOKERNEL_MEMORY_LIMIT": "256"}, None)], indirect=True)
def test_memory_limit_ignores_garbage(limited: Kernel) -> None:
    run = limited.ok("n := 0\nfor i := 0; i < 128; i++ { b := make([]byte, 16<<20); n += len(b) }\nn >> 20")
    assert run.results()[0]["data"]["text/plain"] == "2048"


POOL = "func sq(x int) int { return x * x }\npool, err := mt.NewPool({n})\nif err != nil { panic(err) }"


@pytest.mark.parametrize(
    "limited",
    [({"GOKERNEL_MAX_CHILDREN": "2"}, None), (None, ["--max-children=2"])],
    ids=["env", "flag"],
    indirect=True,
)
def test_child_process_cap(limited: Kernel) -> None:
    run = limited.execute(POOL.replace("{n}", "3"))
    assert run.status == "error"
    assert "OSError" in run.error_text() and "the limit is 2" in run.error_text(), run.error_text()
    run = limited.ok(POOL.replace("{n}", "2") + "\nr, _ := pool.Map(sq, []int{1, 2, 3})\npool.Close()\npool.Join()\nr")
    assert run.results()[0]["data"]["text/plain"] == "[1 4 9]"
    # Three processes one after another: each is reaped before the next starts.
    limited.ok(
        "import \"fmt\"\nfunc hello(i int) { fmt.Println(i) }\n"
        "for i := 0; i < 3; i++ { p := mt.NewProcess(hello, i); if err := p.Start(); err != nil { panic(err) }; p.Join() }"
    )


@pytest.mark.parametrize("limited", [({"GOKERNEL_MAX_MESSAGE": "1"}, None)], indirect=True)
def test_message_size_cap(limited: Kernel) -> None:
    s = raw_peer(limited, "shell", "DEALER")
    try:
        try:
            s.sendall(b"\x02" + struct.pack(">Q", 2 << 20) + b"\x00" * (2 << 20))  # one 2 MiB frame
        except (ConnectionResetError, BrokenPipeError):
            pass  # the kernel read the frame's size and hung up before the rest arrived: what the cap is for
        else:
            wait_closed(s)  # over the teacher's 1 MiB: the kernel hangs up on this peer
    finally:
        s.close()
    assert_alive(limited)
    # A request under the cap (half a MiB of code) is served.
    run = limited.ok('len("' + "x" * 500_000 + '")')
    assert run.results()[0]["data"]["text/plain"] == "500000"


@pytest.mark.parametrize("stream,other", [("Stdout", "stderr"), ("Stderr", "stdout")])
def test_closed_standard_stream_is_reopened(kernel: Kernel, stream: str, other: str) -> None:
    """os.Stdout.Close() / os.Stderr.Close() in a cell: the cell is told, the next cell prints again (item 6)."""
    run = kernel.ok(f'import "fmt"\nimport "os"\nos.{stream}.Close()\nfmt.Fprintln(os.{stream}, "lost")')
    assert f"this cell closed os.{stream}" in run.stream("stderr"), run.describe()
    assert "lost" not in run.stream(stream.lower()).splitlines()
    run = kernel.ok(f'fmt.Fprintln(os.{stream}, "back")\nfmt.Fprintln(os.{other.title()}, "other")')
    assert run.stream(stream.lower()) == "back\n", run.describe()
    assert run.stream(other) == "other\n", run.describe()
