#!/usr/bin/env python3
"""The kernel <-> worker hop, side by side: several kernelspecs measured in one run, interleaved (a benchmark).

Run from the repo root after scripts/setup.sh:  .venv/bin/python bench/hop.py --kernels gokernel,python3 [--rounds 300]

For each kernelspec, in each of --reps interleaved passes (kernel A, B, C, then A, B, C again, so a busy spell of
the machine hits all of them alike):
  startup        launch -> first kernel_info_reply and its idle (bench.py's Client.ready)
  trivial cell   `_ = 1` (Python: the same), --rounds times after a warm-up: execute_request sent -> execute_reply,
                 and sent -> status idle; the median and the 90th percentile over all passes
  kernel_info    kernel_info_request -> reply and idle, --rounds/2 times: what the client, zmq and the kernel's
                 message handling cost without the worker (the floor under the trivial cell)
  idle RSS       VmRSS of the kernel process alone (not its worker), and of its descendants, after 1 s idle
To compare builds, install each binary as a kernelspec of its own (`BIN install --sys-prefix --name NAME`).
gophernotes (a kernel whose language is "go" gets the Go cells): in a copy of its repository (commit 5514204 was
measured) on Go 1.26, `go get golang.org/x/tools@v0.52.0` (its v0.14.0 does not compile on Go 1.26: "invalid array
length -delta * delta") and add `godebug gotypesalias=0` to its go.mod (else gomacro panics at start:
"Converter.Type(): unsupported types.Type: *types.Alias"), `go build`, and write
.venv/share/jupyter/kernels/gophernotes/kernel.json with "argv": ["/path/to/gophernotes", "{connection_file}"] and
"language": "go"; then --kernels gokernel,gophernotes,python3.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import zmq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CELLS, Client, loadavg, machine, tree_rss_kib  # noqa: E402


def vmrss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def info_trip(c: Client) -> float:
    """kernel_info_request -> its reply and its idle: the client's and the transport's floor, no worker involved."""
    poller = zmq.Poller()
    poller.register(c.kc.shell_channel.socket, zmq.POLLIN)
    poller.register(c.kc.iopub_channel.socket, zmq.POLLIN)
    msg_id = c.kc.kernel_info()
    t0 = time.perf_counter()
    reply = idle = False
    while not (reply and idle):
        poller.poll(1000)
        while c.kc.shell_channel.msg_ready():
            m = c.kc.shell_channel.get_msg(timeout=0)
            reply |= m["parent_header"].get("msg_id") == msg_id
        while c.kc.iopub_channel.msg_ready():
            m = c.kc.iopub_channel.get_msg(timeout=0)
            idle |= (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                     and m["content"]["execution_state"] == "idle")
    return time.perf_counter() - t0


def one_pass(name: str, rounds: int, acc: dict[str, list[float]]) -> None:
    t0 = time.perf_counter()
    c = Client(name)
    try:
        c.ready()
        acc["startup"].append(time.perf_counter() - t0)
        c.drain()
        cells = CELLS[c.lang]
        assert c.run(cells["setup"])["content"]["status"] == "ok"
        for _ in range(20):
            c.run(cells["trivial"])
        for _ in range(rounds):
            r = c.run(cells["trivial"])
            assert r["content"]["status"] == "ok", r["content"]
            acc["reply"].append(r["reply"] - r["sent"])
            acc["idle"].append(r["idle"] - r["sent"])
        for _ in range(rounds // 2):
            acc["info"].append(info_trip(c))
        time.sleep(1)
        pid = c.km.provisioner.process.pid
        own = vmrss_kib(pid)
        acc["rss_kernel"].append(own / 1024)
        acc["rss_children"].append((tree_rss_kib(pid) - own) / 1024)
    finally:
        c.close()


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernels", default="gokernel,python3", help="kernelspec names, comma separated")
    ap.add_argument("--rounds", type=int, default=100, help="trivial cells per pass")
    ap.add_argument("--reps", type=int, default=3, help="interleaved passes per kernel")
    args = ap.parse_args()
    names = args.kernels.split(",")
    accs = {n: {k: [] for k in ("startup", "reply", "idle", "info", "rss_kernel", "rss_children")} for n in names}
    load0 = loadavg()
    for _ in range(args.reps):
        for n in names:
            one_pass(n, args.rounds, accs[n])
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {machine()}; "
          f"{args.reps} interleaved passes x {args.rounds} trivial cells per kernel; "
          f"load average {load0} at the start, {loadavg()} at the end\n")
    print("| kernel | startup (median) | trivial cell -> reply p50 / p90 | -> idle p50 / p90 "
          "| kernel_info -> reply + idle p50 | idle RSS: kernel process / its children |")
    print("|---|---|---|---|---|---|")
    for n in names:
        a = accs[n]
        print(f"| {n} | {statistics.median(a['startup']) * 1000:.1f} ms "
              f"| {pct(a['reply'], .5) * 1000:.3f} / {pct(a['reply'], .9) * 1000:.3f} ms "
              f"| {pct(a['idle'], .5) * 1000:.3f} / {pct(a['idle'], .9) * 1000:.3f} ms "
              f"| {pct(a['info'], .5) * 1000:.3f} ms "
              f"| {statistics.median(a['rss_kernel']):.1f} / {statistics.median(a['rss_children']):.1f} MiB |")


if __name__ == "__main__":
    main()
