#!/usr/bin/env python3
"""Benchmark gokernel against ipykernel side by side, through jupyter_client (a benchmark, not a test).

Run from the repo root after scripts/setup.sh:  .venv/bin/python bench/bench.py [--lines 200000] [--rounds 200]

For each kernelspec it measures, with the same client code and equivalent cells:
  startup      launch -> first kernel_info_reply and an IOPub idle for one of our kernel_info requests
               (requests are re-sent every 10 ms, as jupyter_server's nudge does; the client sockets retry
               connecting every 5 ms instead of zmq's default 100 ms, so the kernel is timed, not the retry)
  round trip   trivial cell `_ = 1`: execute_request sent -> execute_reply and idle both in (median)
  first byte   execute_request sent -> first stream message of a cell that prints, then sleeps (median)
  lines/s      N printed lines, request -> idle, every line checked
  interrupt    per blocking case of INTERRUPTS (busy loops, channel/queue waits, sleep, locks, joins; all keep the
               session except a sync.Cond wait, which costs gokernel its worker):
               interrupt_kernel() -> execute_reply; and -> next trivial cell done
  deadlock     a cell that can never finish (`ch <- 1` with no receiver): execute_request -> the error reply
               (gokernel detects it; Python hangs until interrupted, shown as "hangs")
Run only the interrupt and deadlock rows with --only interrupt.
  idle RSS     sum of VmRSS over the kernel process and all its descendants, after warm-up, 1 s idle; and the
               sum of their PSS (pages shared between processes, such as gokernel's binary mapped by both the
               kernel and its worker, counted once)
Prints a markdown table with the date and the machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in (os.path.join(sys.prefix, "share", "jupyter"), os.environ.get("JUPYTER_PATH")) if p
)
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

import zmq  # noqa: E402
from jupyter_client import KernelManager  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Equivalent cells per language: (warm-up/imports, trivial, prints-then-waits, N lines, busy loop).
CELLS = {
    "go": {
        "setup": 'import (\n\t"fmt"\n\t"sync"\n\t"time"\n)\n_ = time.Now()\nvar benchMu sync.Mutex\nfmt.Print("")',
        "trivial": "_ = 1",
        "first_byte": 'fmt.Println("x")\ntime.Sleep(300 * time.Millisecond)',
        "lines": "for i := 0; i < {n}; i++ {{\n\tfmt.Println(i)\n}}",
        "busy": "for {\n}",
        "sleeping": "time.Sleep(time.Hour)",
        "proc_setup": 'func hello() { fmt.Println("hi") }\nfunc ident(x int) int { return x }\npo, _ := mt.NewPool(2)',
        "proc": "p := mt.NewProcess(hello)\np.Start()\np.Join()",
        "pool": "for i := 0; i < {n}; i++ {{\n\tpo.Apply(ident, i)\n}}",
    },
    "python": {
        "setup": "import time",
        "trivial": "_ = 1",
        "first_byte": 'print("x")\ntime.sleep(0.3)',
        "lines": "for i in range({n}):\n    print(i)",
        "busy": "while True:\n    pass",
        "sleeping": "time.sleep(3600)",
        "proc_setup": "import multiprocessing as mp\ndef hello(): print('hi', flush=True)\ndef ident(x): return x\npo = mp.Pool(2)",
        "proc": "p = mp.Process(target=hello)\np.start()\np.join()",
        "pool": "for i in range({n}):\n    po.apply(ident, (i,))",
    },
}


# Interrupt cases, side by side: (label, Go cell, equivalent Python cell). A Go cell whose goroutines would all be
# blocked starts a goroutine sleeping for an hour first, so that it waits for the interrupt instead of failing as a
# deadlock; an interrupt stops that goroutine too.
SLEEPER = "go time.Sleep(time.Hour)\n"
INTERRUPTS = [
    ("busy loop", "for {\n}", "while True:\n    pass"),
    ("busy loop in a function", "func spin() {\n\tfor {\n\t}\n}\nspin()", "def spin():\n    while True:\n        pass\nspin()"),
    ("sleep", "time.Sleep(time.Hour)", "time.sleep(3600)"),
    ("channel receive / queue.get", SLEEPER + "<-make(chan int)", "import queue\nqueue.Queue().get()"),
    ("select {} / Event.wait", SLEEPER + "select {}", "import threading\nthreading.Event().wait()"),
    ("mutex locked twice", SLEEPER + "var mu sync.Mutex\nmu.Lock()\nmu.Lock()",
     "import threading\nmu = threading.Lock()\nmu.acquire()\nmu.acquire()"),
    ("WaitGroup.Wait / Semaphore.acquire", SLEEPER + "var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()",
     "import threading\nthreading.Semaphore(0).acquire()"),
    ("thread join", "mt.Go(func() { time.Sleep(time.Hour) }).Join()",
     "import threading\nt = threading.Thread(target=time.sleep, args=(3600,), daemon=True)\nt.start()\nt.join()"),
    ("mt.Queue / queue.Queue get", "mt.NewQueue(0).Get()", "import queue\nqueue.Queue().get()"),
    ("sync.Cond.Wait (gokernel: worker replaced)",
     SLEEPER + "cv := sync.NewCond(&sync.Mutex{})\ncv.L.Lock()\ncv.Wait()",
     "import threading\ncv = threading.Condition()\ncv.acquire()\ncv.wait()"),
]
DEADLOCK = {"go": "dl := make(chan int)\ndl <- 1", "python": None}


class Client:
    """A started kernel with a blocking client whose sockets reconnect fast."""

    def __init__(self, name: str) -> None:
        self.ctx = zmq.Context()
        self.ctx.setsockopt(zmq.RECONNECT_IVL, 5)
        self.km = KernelManager(kernel_name=name, context=self.ctx)
        self.km.start_kernel()
        self.kc = self.km.client(context=self.ctx)
        self.kc.start_channels()
        self.lang = "go" if self.km.kernel_spec.language == "go" else "python"

    def ready(self, timeout: float = 60) -> None:
        """Nudge with kernel_info every 10 ms until a reply and an idle for one of ours have arrived."""
        sent: set[str] = set()
        reply = idle = False
        deadline = time.perf_counter() + timeout
        poller = zmq.Poller()
        poller.register(self.kc.shell_channel.socket, zmq.POLLIN)
        poller.register(self.kc.iopub_channel.socket, zmq.POLLIN)
        while not (reply and idle):
            if time.perf_counter() > deadline:
                raise TimeoutError("kernel did not answer kernel_info")
            sent.add(self.kc.kernel_info())
            end = time.perf_counter() + 0.01
            while not (reply and idle) and (left := end - time.perf_counter()) > 0:
                if not poller.poll(left * 1000):
                    break
                while self.kc.shell_channel.msg_ready():
                    m = self.kc.shell_channel.get_msg(timeout=0)
                    reply |= m["msg_type"] == "kernel_info_reply" and m["parent_header"].get("msg_id") in sent
                while self.kc.iopub_channel.msg_ready():
                    m = self.kc.iopub_channel.get_msg(timeout=0)
                    idle |= (
                        m["msg_type"] == "status"
                        and m["content"]["execution_state"] == "idle"
                        and m["parent_header"].get("msg_id") in sent
                    )

    def drain(self, wait: float = 0.05) -> None:
        """Throw away whatever is still queued (late idles of the extra kernel_info requests)."""
        for ch in (self.kc.shell_channel, self.kc.iopub_channel):
            while True:
                try:
                    ch.get_msg(timeout=wait)
                except Exception:
                    break

    def run(self, code: str, timeout: float = 600, on_sent=None) -> dict:
        """Execute code; return timings (perf_counter) of send, first stream, reply, idle, plus stdout text."""
        poller = zmq.Poller()
        poller.register(self.kc.shell_channel.socket, zmq.POLLIN)
        poller.register(self.kc.iopub_channel.socket, zmq.POLLIN)
        msg_id = self.kc.execute(code, allow_stdin=False)
        r = {"sent": time.perf_counter(), "first_stream": None, "reply": None, "idle": None, "out": [], "content": None}
        if on_sent:
            on_sent(r)
        deadline = r["sent"] + timeout
        while r["reply"] is None or r["idle"] is None:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"cell did not finish: {code[:60]!r}")
            poller.poll(100)
            while self.kc.shell_channel.msg_ready():
                m = self.kc.shell_channel.get_msg(timeout=0)
                if m["parent_header"].get("msg_id") == msg_id:
                    r["reply"], r["content"] = time.perf_counter(), m["content"]
            while self.kc.iopub_channel.msg_ready():
                m = self.kc.iopub_channel.get_msg(timeout=0)
                if m["parent_header"].get("msg_id") != msg_id:
                    continue
                if m["msg_type"] == "stream":
                    r["first_stream"] = r["first_stream"] or time.perf_counter()
                    r["out"].append(m["content"]["text"])
                elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    r["idle"] = time.perf_counter()
        r["done"] = max(r["reply"], r["idle"])
        return r

    def interrupt_soon(self, run: dict) -> None:
        """on_sent hook: let the cell get going, then interrupt it and note when."""
        time.sleep(0.3)
        run["interrupted"] = time.perf_counter()
        self.km.interrupt_kernel()

    def rss_mib(self) -> float:
        return tree_rss_kib(self.km.provisioner.process.pid) / 1024

    def pss_mib(self) -> float:
        return tree_rss_kib(self.km.provisioner.process.pid, pss=True) / 1024

    def close(self) -> float:
        t0 = time.perf_counter()
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
        self.ctx.destroy(linger=0)
        return time.perf_counter() - t0


def tree_rss_kib(root: int, pss: bool = False) -> int:
    """Sum VmRSS (or, with pss, Pss) in KiB of root and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        source, key = (f"/proc/{pid}/smaps_rollup", "Pss:") if pss else (f"/proc/{pid}/status", "VmRSS:")
        try:
            for line in Path(source).read_text().splitlines():
                if line.startswith(key):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def bench(name: str, args: argparse.Namespace) -> dict[str, str]:
    if args.only == "interrupt":
        return bench_interrupts(name)
    res: dict[str, str] = {}
    starts, closes = [], []
    for _ in range(args.startups):
        t0 = time.perf_counter()
        c = Client(name)
        c.ready()
        starts.append(time.perf_counter() - t0)
        c.drain()
        closes.append(c.close())
    res["startup to kernel_info reply + idle"] = f"{statistics.median(starts) * 1000:.1f} ms"
    res["shutdown_kernel (graceful)"] = f"{statistics.median(closes) * 1000:.0f} ms"

    c = Client(name)
    try:
        c.ready()
        c.drain()
        cells = CELLS[c.lang]
        assert c.run(cells["setup"])["content"]["status"] == "ok"
        for _ in range(10):
            c.run(cells["trivial"])
        trips = [(r["done"] - r["sent"]) for r in (c.run(cells["trivial"]) for _ in range(args.rounds))]
        res["trivial cell round trip (median)"] = f"{statistics.median(trips) * 1000:.2f} ms"
        time.sleep(1)
        res["idle RSS, kernel + children"] = f"{c.rss_mib():.1f} MiB"
        res["idle PSS, kernel + children"] = f"{c.pss_mib():.1f} MiB"

        firsts = [(r["first_stream"] - r["sent"]) for r in (c.run(cells["first_byte"]) for _ in range(5))]
        res["time to first streamed byte (median)"] = f"{statistics.median(firsts) * 1000:.1f} ms"

        r = c.run(cells["lines"].format(n=args.lines))
        elapsed = r["done"] - r["sent"]
        complete = "".join(r["out"]) == "".join(f"{i}\n" for i in range(args.lines))
        res[f"{args.lines:,} printed lines"] = f"{elapsed:.3f} s = {args.lines / elapsed:,.0f} lines/s" + (
            "" if complete else " (INCOMPLETE)"
        )

        assert c.run(cells["proc_setup"])["content"]["status"] == "ok"
        procs = [c.run(cells["proc"]) for _ in range(10)]
        assert all("".join(r["out"]) == "hi\n" for r in procs), [r["out"] for r in procs]
        res["process start -> first output (median)"] = (
            f"{statistics.median(r['first_stream'] - r['sent'] for r in procs) * 1000:.1f} ms"
        )
        res["process start -> joined, cell done (median)"] = (
            f"{statistics.median(r['done'] - r['sent'] for r in procs) * 1000:.1f} ms"
        )
        n = 500
        r = c.run(cells["pool"].format(n=n))
        assert r["content"]["status"] == "ok", r["content"]
        res["pool task round trip (apply, 2 workers)"] = f"{(r['done'] - r['sent']) / n * 1e6:.0f} µs"

    finally:
        c.close()
    res.update(bench_interrupts(name))
    return res


def bench_interrupts(name: str, rounds: int = 3) -> dict[str, str]:
    """The interrupt rows (INTERRUPTS) and the deadlock row, in a kernel of their own."""
    res: dict[str, str] = {}
    c = Client(name)
    try:
        c.ready()
        c.drain()
        cells = CELLS[c.lang]
        assert c.run(cells["setup"])["content"]["status"] == "ok"
        for label, go, py in INTERRUPTS:
            code = go if c.lang == "go" else py
            lat, again = [], []
            for _ in range(rounds):
                r = c.run(code, timeout=60, on_sent=c.interrupt_soon)
                assert r["content"]["status"] == "error", (label, r["content"])
                lat.append(r["reply"] - r["interrupted"])
                nxt = c.run(cells["trivial"], timeout=60)
                again.append(nxt["done"] - r["interrupted"])
            res[f"interrupt {label} -> execute_reply / next cell done (median)"] = (
                f"{statistics.median(lat) * 1000:.1f} / {statistics.median(again) * 1000:.1f} ms"
            )
        code = DEADLOCK[c.lang]
        if code is None:
            res["deadlock (`ch <- 1`, no receiver) -> error reply"] = "hangs"
        else:
            times = []
            for _ in range(rounds):
                r = c.run(code, timeout=60)
                assert r["content"].get("evalue") == "all goroutines are asleep - deadlock!", r["content"]
                times.append(r["reply"] - r["sent"])
            res["deadlock (`ch <- 1`, no receiver) -> error reply"] = f"{statistics.median(times) * 1000:.0f} ms"
    finally:
        c.close()
    return res


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}"


def loadavg() -> str:
    """The 1-minute load average now: the shared machine's business, printed beside the numbers."""
    return f"{os.getloadavg()[0]:.1f}"


def version_of(name: str) -> str:
    try:
        km = KernelManager(kernel_name=name)
        argv0 = km.kernel_spec.argv[0]
        if name == "gokernel":
            out = subprocess.run([argv0, "version"], capture_output=True, text=True, timeout=10).stdout.strip()
            return out or "gokernel"
        import ipykernel

        return f"ipykernel {ipykernel.__version__}"
    except Exception as e:  # the table is still useful without a version
        return f"{name} (version unknown: {e})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernels", default="gokernel,python3", help="kernelspec names, comma separated")
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=200, help="trivial cells for the round-trip median")
    ap.add_argument("--startups", type=int, default=5, help="kernel launches for the startup median")
    ap.add_argument("--only", choices=("all", "interrupt"), default="all", help="all rows, or the interrupt rows")
    args = ap.parse_args()
    names = args.kernels.split(",")
    results = {}
    for name in names:
        print(f"benchmarking {name} ...", file=sys.stderr, flush=True)
        results[name] = bench(name, args)

    print(f"Measured {datetime.date.today().isoformat()} on {machine()}, Python {platform.python_version()}.")
    print("Kernels: " + "; ".join(f"`{n}` = {version_of(n)}" for n in names) + ".\n")
    print("| metric | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for metric in results[names[0]]:
        print(f"| {metric} | " + " | ".join(results[n].get(metric, "-") for n in names) + " |")


if __name__ == "__main__":
    main()
