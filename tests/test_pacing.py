"""Stream pacing: under a Jupyter server (which sets JPY_SESSION_NAME for notebook kernels) output is slowed to
stay under the server's IOPub data rate limit, and not a byte is dropped."""

from __future__ import annotations

import time

import pytest
from conftest import TIMINGS, start_kernel

LINES = 40_000  # 228,890 bytes of "0\n" .. "39999\n"
EXPECTED = "".join(f"{i}\n" for i in range(LINES))


@pytest.mark.timeout(120)
def test_server_session_is_paced_and_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JPY_SESSION_NAME", "/notebooks/paced.ipynb")
    monkeypatch.setenv("GOKERNEL_STREAM_RATE", "100000")  # bytes/s; the default under a server is 900,000
    k = start_kernel()
    try:
        t0 = time.monotonic()
        run = k.ok(f'import "fmt"\nfor i := 0; i < {LINES}; i++ {{ fmt.Println(i) }}', timeout=60)
        elapsed = time.monotonic() - t0
        TIMINGS["paced 229 kB at 100 kB/s"] = elapsed
        assert run.stdout == EXPECTED
        # A 100 kB burst goes at once, the remaining ~129 kB at 100 kB/s: the pacer cannot be faster than that.
        assert elapsed >= 1.2, f"not paced: {elapsed:.2f}s"
        rates = [len(m["content"]["text"]) for m in run.of_type("stream")]
        assert max(rates) <= 64 * 1024 + 16
    finally:
        k.shutdown()


@pytest.mark.timeout(120)
def test_direct_clients_are_not_paced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.delenv("GOKERNEL_STREAM_RATE", raising=False)
    k = start_kernel()
    try:
        run = k.ok(f'import "fmt"\nfor i := 0; i < {LINES}; i++ {{ fmt.Println(i) }}', timeout=60)
        assert run.stdout == EXPECTED
    finally:
        k.shutdown()
