#!/usr/bin/env python3
"""The worker's memory as cells accumulate (issue 12's done-means: the worker after 10,000 cells).

Run from the repo root after scripts/setup.sh:  .venv/bin/python bench/cells_memory.py [--cells 10000]

It runs --cells cells through jupyter_client, cycling through four kinds that a lesson has (a print, a
trailing expression, a short loop with a local variable, a call of a function declared once) and, at
checkpoints, asks the worker for its live heap after a forced GC (runtime/metrics /gc/heap/live:bytes) and
reads its RSS from /proc. Prints a markdown table and the growth per cell between the first checkpoint and the
last. Not a test: the numbers go to README.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))
from conftest import start_kernel  # noqa: E402

KINDS = [
    'fmt.Println("hello", {i})',
    "{i} * 2",
    "s := 0\nfor j := 0; j < 10; j++ {{ s += j }}\n_ = s",
    "double({i})",
]
PROBE = (
    "runtime.GC()\nruntime.GC()\nmetrics.Read(_memSample)\n"
    'fmt.Println("LIVE", _memSample[0].Value.Uint64(), os.Getpid())'
)


def worker_rss(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def probe(k) -> tuple[int, int]:
    out = k.ok(PROBE).stream("stdout").split()
    live, pid = int(out[1]), int(out[2])
    return live, worker_rss(pid)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cells", type=int, default=10_000)
    ap.add_argument("--kind", type=int, help="run only KINDS[KIND] (0-3), to see which kind of cell grows")
    args = ap.parse_args()
    kinds = KINDS if args.kind is None else [KINDS[args.kind]]
    k = start_kernel()
    try:
        k.ok('import "fmt"\nimport "os"\nimport "runtime"\nimport "runtime/metrics"\n'
             'var _memSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}\nfunc double(x int) int { return 2 * x }')
        for i in range(50):  # warm-up: every kind compiled once
            k.ok(KINDS[i % len(KINDS)].format(i=i))
        rows = [(0, *probe(k))]
        checkpoints = {args.cells * p // 10 for p in range(1, 11)}
        for i in range(1, args.cells + 1):
            k.ok(kinds[i % len(kinds)].format(i=i))
            k.runs.clear()
            k.seen.clear()
            if i in checkpoints:
                rows.append((i, *probe(k)))
    finally:
        k.shutdown()
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"{datetime.date.today()} {platform.machine()} {os.cpu_count()} cpus, commit {rev}\n")
    print("| cells | live heap (MiB) | worker RSS (MiB) |\n|---:|---:|---:|")
    for n, live, rss in rows:
        print(f"| {n:,} | {live / 2**20:.2f} | {rss / 2**20:.1f} |")
    (n0, l0, r0), (n1, l1, r1) = rows[1], rows[-1]
    if n1 > n0:
        print(f"\nper cell, {n0:,} -> {n1:,}: live heap {(l1 - l0) / (n1 - n0):.0f} B, RSS {(r1 - r0) / (n1 - n0):.0f} B")


if __name__ == "__main__":
    main()
