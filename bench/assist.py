#!/usr/bin/env python3
"""Completion and inspection through jupyter_client on a 50-cell session, gokernel beside ipykernel (a benchmark).

Run from the repo root after scripts/setup.sh:  .venv/bin/python bench/assist.py [--kernels gokernel,python3]

For each kernel, on its own 50-cell session of the same kinds of cells (documented types with methods, generators,
locks, strings, time; Go: the session of kernel/gotypes/bench_test.go (lessonCells); Python: the equivalent cells,
PY_CELLS), it measures: idle RSS of the kernel and its children after one trivial cell and after the requests;
the first complete_request after the session (gokernel loads the session and the packages; ipykernel warms up
jedi); then 40 completions and 20 inspections, 5 times over (round trip request -> reply, p50/p95). Every answer
is checked: a completion must offer the name given with it, an inspection must be found and its text/plain
(ANSI colours removed) must contain the given words (case-insensitive). The two request lists ask the same things
in each language, item by item (Go `c3.In|` / Python `c3.in|`, `time.Sl|` / `time.sl|`, `mt.NewLock` /
`threading.Lock`, `coro.NewGenerator` / a generator function).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import loadavg, machine, tree_rss_kib  # noqa: E402  (sets JUPYTER_PATH: the venv's kernelspecs)
from jupyter_client import KernelManager  # noqa: E402


def lesson_cells() -> list[str]:
    cells = ['import (\n\t"fmt"\n\t"strings"\n\t"sync"\n\t"time"\n)']
    for i in range(7):
        cells += [
            f"// Counter{i} counts events under a lock.\ntype Counter{i} struct {{\n\tmu sync.Mutex\n\tN  int\n\tName string\n}}\n\n"
            f"// Inc adds one and returns the new count.\nfunc (c *Counter{i}) Inc() int {{\n\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n"
            "\tc.N++\n\treturn c.N\n}",
            f"// fib{i} returns a generator of the first n Fibonacci numbers.\nfunc fib{i}(n int) *coro.Generator {{\n"
            "\treturn coro.NewGenerator(func(y *coro.Yielder) any {\n\t\ta, b := 0, 1\n\t\tfor range n {\n\t\t\ty.Yield(a)\n"
            "\t\t\ta, b = b, a+b\n\t\t}\n\t\treturn nil\n\t})\n}",
            f'c{i} := &Counter{i}{{Name: "c{i}"}}\nfor range 3 {{\n\tc{i}.Inc()\n}}\nfmt.Println(c{i}.N)',
            f'words{i} := strings.Fields("a b c d")\nupper{i} := strings.ToUpper(words{i}[0])\nfmt.Println(len(words{i}), upper{i})',
            f"lock{i} := mt.NewLock()\nstart{i} := time.Now()\n_ = lock{i}\n_ = start{i}",
            f"const limit{i} = {i + 3}\nvar results{i} []int\nfor v := range limit{i} {{\n\tresults{i} = append(results{i}, v*v)\n}}",
            f"// Task{i} is one piece of work.\ntype Task{i} struct{{ ID int; Label string }}\n\n// String names the task.\n"
            f'func (t Task{i}) String() string {{ return fmt.Sprintf("task %d", t.ID) }}\ntasks{i} := []Task{i}{{{{1, "a"}}, {{2, "b"}}}}',
        ]
    return cells[:50]


# (code with | at the cursor, inspect?, what the answer must hold: a match to offer ("" for none) or, for an
# inspection, words of its text)
REQUESTS = [
    ("c3.|", False, "Inc"), ("c3.In|", False, "Inc"), ("fmt.Pri|", False, "Println"), ("coro.|", False, "NewGenerator"),
    ("mt.NewP|", False, "NewPool"), ("strings.ToU|", False, "ToUpper"), ("time.Sl|", False, "Sleep"),
    ("fib|", False, "fib0"), ("tasks5[0].|", False, "Label"), ("g := fib2(5)\ng.|", False, "Next"),
    ("res|", False, "results0"), ("t := Task1{|", False, "ID"), ('import "enc|', False, "encoding/json"),
    ("for _, w := range words4 {\n\tstrings.Rep|", False, "Repeat"), ("lock2.|", False, "Lock"), ("start1.|", False, "Sub"),
    ("c6.mu.|", False, "Lock"), ("upp|", False, "upper0"), ("x := le|", False, "len"), ("fo|", False, "for"),
    ("sync.|", False, "WaitGroup"), ("var wg sync.WaitGroup\nwg.|", False, "Wait"), ("display.|", False, "HTML"),
    ('名字 := "张三"\n名|', False, "名字"), ("(*Counter4).|", False, "Inc"), ("p, _ := mt.NewPool(2)\np.|", False, "Close"),
    ("coro.Go(func() {\n\tfmt.Pr|", False, "Print"), ("results3 = append(results3, lim|", False, "limit3"),
    ("time.Now().|", False, "Unix"), ('strings.NewReader("x").|', False, "Read"), ('fmt.Sprintf("%d", c2.|', False, "N"),
    ("tasks0[1].Str|", False, "String"), ("x := [}\nfmt.Spr|", False, "Sprintf"),
    ("type Mine struct{ A int }\nvar m Mine\nm.|", False, "A"), ("func helper() {\n\tc5.|", False, "Inc"),
    ("mt.|", False, "NewPool"), ("coro.R|", False, "Range"), ("c0.|", False, "Name"), ("words1[0]|", False, ""),
    ("Cou|", False, "Counter0"),
    ("fmt.Print|ln(1)", True, "Println"), ("mt.NewPo|ol(2)", True, "NewPool"),
    ("coro.NewGener|ator", True, "NewGenerator"), ("c1.In|c()", True, "adds one"), ("fib|3(4)", True, "Fibonacci"),
    ('strings.Fie|lds("")', True, "Fields"), ("time.Sle|ep(1)", True, "Sleep"), ("c2.Na|me", True, "string"),
    ("tasks1[0].Str|ing()", True, "names the task"), ("le|n(words2)", True, "len"),
    ("Coun|ter3{}", True, "counts events"), ("lock3|", True, "Lock"), ("sync.Mut|ex{}", True, "Mutex"),
    ('display.HT|ML("x")', True, "HTML"), ("results2|", True, "[]int"), ("limit4|", True, "limit4"),
    ("upper1|", True, "string"), ("start2.Su|b(start3)", True, "Sub"), ("fmt|", True, "fmt"),
    ("mt.NewLo|ck()", True, "NewLock"),
]


def py_cells() -> list[str]:
    """The Python session equivalent to lesson_cells, cell for cell (a lock in a documented class, a generator,
    a loop over a method, str methods, a lock and a time, a loop filling a list, a documented class with __str__)."""
    cells = ["import threading\nimport time\nimport datetime\nimport multiprocessing\nimport IPython.display"]
    for i in range(7):
        cells += [
            f'class Counter{i}:\n    """Counter{i} counts events under a lock."""\n\n'
            '    def __init__(self, name=""):\n        self.mu = threading.Lock()\n        self.n = 0\n'
            '        self.name = name\n\n    def inc(self):\n        """Inc adds one and returns the new count."""\n'
            "        with self.mu:\n            self.n += 1\n            return self.n",
            f'def fib{i}(n):\n    """fib{i} returns a generator of the first n Fibonacci numbers."""\n    a, b = 0, 1\n'
            "    for _ in range(n):\n        yield a\n        a, b = b, a + b",
            f'c{i} = Counter{i}(name="c{i}")\nfor _ in range(3):\n    c{i}.inc()\nprint(c{i}.n)',
            f'words{i} = "a b c d".split()\nupper{i} = words{i}[0].upper()\nprint(len(words{i}), upper{i})',
            f"lock{i} = threading.Lock()\nstart{i} = datetime.datetime.now()\n_ = lock{i}\n_ = start{i}",
            f"limit{i} = {i + 3}\nresults{i} = []\nfor v in range(limit{i}):\n    results{i}.append(v * v)",
            f'class Task{i}:\n    """Task{i} is one piece of work."""\n\n    def __init__(self, id, label):\n'
            "        self.id = id\n        self.label = label\n\n    def __str__(self):\n"
            f'        """String names the task."""\n        return f"task {{self.id}}"\n\n'
            f'tasks{i} = [Task{i}(1, "a"), Task{i}(2, "b")]',
        ]
    return cells[:50]


# The same questions asked of the Python session, item for item with REQUESTS.
PY_REQUESTS = [
    ("c3.|", False, "inc"), ("c3.in|", False, "inc"), ("pri|", False, "print"), ("threading.|", False, "Thread"),
    ("multiprocessing.P|", False, "Pool"), ('"a".upp|', False, "upper"), ("time.sl|", False, "sleep"),
    ("fib|", False, "fib0"), ("tasks5[0].|", False, "label"), ("g = fib2(5)\ng.|", False, "send"),
    ("res|", False, "results0"), ("t = Task1(|", False, "id="), ("import js|", False, "json"),
    ("for w in words4:\n    w.rep|", False, "replace"), ("lock2.|", False, "acquire"),
    ("start1.|", False, "timestamp"), ("c6.mu.|", False, "acquire"), ("upp|", False, "upper0"),
    ("x = le|", False, "len"), ("fo|", False, "for"), ("threading.|", False, "Barrier"),
    ("wg = threading.Barrier(2)\nwg.|", False, "wait"), ("IPython.display.|", False, "HTML"),
    ('名字 = "张三"\n名|', False, "名字"), ("Counter4.|", False, "inc"),
    ("p = multiprocessing.Pool(2)\np.|", False, "close"), ("threading.Thread(target=lambda: pri|", False, "print"),
    ("results3.append(lim|", False, "limit3"), ("datetime.datetime.now().|", False, "timestamp"),
    ('"x".encode().|', False, "decode"), ('"%d" % c2.|', False, "n"), ("tasks0[1].__st|", False, "__str__"),
    ("x = [}\npri|", False, "print"), ("class Mine:\n    a = 1\nm = Mine()\nm.|", False, "a"),
    ("def helper():\n    c5.|", False, "inc"), ("multiprocessing.|", False, "Pool"),
    ("threading.Lo|", False, "Lock"), ("c0.|", False, "name"), ("words1[0]|", False, ""), ("Cou|", False, "Counter0"),
    ("pri|nt(1)", True, "print"), ("multiprocessing.Po|ol(2)", True, "Pool"), ("threading.Thre|ad", True, "Thread"),
    ("c1.in|c()", True, "adds one"), ("fib|3(4)", True, "Fibonacci"), ('str.spl|it("")', True, "split"),
    ("time.sle|ep(1)", True, "sleep"), ("c2.na|me", True, "str"), ("tasks1[0].__st|r__()", True, "names the task"),
    ("le|n(words2)", True, "len"), ("Coun|ter3()", True, "counts events"), ("lock3|", True, "lock"),
    ("threading.Lo|ck()", True, "lock"), ("IPython.display.HT|ML('x')", True, "HTML"), ("results2|", True, "list"),
    ("limit4|", True, "int"), ("upper1|", True, "str"), ("start2.timest|amp()", True, "timestamp"),
    ("time|", True, "time"), ("threading.Ev|ent()", True, "Event"),
]

SESSIONS = {"go": (lesson_cells, REQUESTS, ("c0.|", "Inc")), "python": (py_cells, PY_REQUESTS, ("c0.|", "inc"))}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def offered(want: str, matches: list[str]) -> bool:
    """A completion offers want when a match is want, or ends in it after a dot (a kernel may return the dotted
    path from the start of the token)."""
    return want == "" or any(m == want or m.endswith("." + want) for m in matches)


def measure(name: str, reps: int) -> dict:
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    lang = "go" if km.kernel_spec.language == "go" else "python"
    cells, requests, (first_code, first_want) = SESSIONS[lang]
    pid = km.provisioner.process.pid
    try:
        kc.execute_interactive("_ = 1", timeout=30)
        time.sleep(1.5)  # gokernel's worker trims its pages after a second without cells
        idle = tree_rss_kib(pid) / 1024
        for cell in cells():
            r = kc.execute_interactive(cell, timeout=60, output_hook=lambda m: None)
            assert r["content"]["status"] == "ok", (cell, r["content"])

        def ask(code: str, inspect: bool) -> tuple[float, dict]:
            cur = code.index("|")  # code points, as the protocol counts
            code = code.replace("|", "", 1)
            t0 = time.perf_counter()
            msg_id = kc.inspect(code, cur, 0) if inspect else kc.complete(code, cur)
            while True:
                reply = kc.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return time.perf_counter() - t0, reply["content"]

        first, c = ask(first_code, False)
        assert offered(first_want, c["matches"]), c
        lat: dict[bool, list[float]] = {False: [], True: []}
        wrong = set()
        for _ in range(reps):
            for code, inspect, want in requests:
                dt, c = ask(code, inspect)
                lat[inspect].append(dt)
                if inspect:
                    text = ANSI.sub("", c.get("data", {}).get("text/plain", ""))
                    ok = c.get("found", False) and want.lower() in text.lower()
                else:
                    ok = offered(want, c.get("matches", []))
                if not ok:
                    wrong.add(code)
        time.sleep(1.5)
        used = tree_rss_kib(pid) / 1024
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return {"idle": idle, "used": used, "first": first, "lat": lat, "wrong": sorted(wrong), "n": len(requests)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernels", default="gokernel,python3", help="kernelspec names, comma separated")
    ap.add_argument("--reps", type=int, default=5, help="passes over the request list")
    args = ap.parse_args()
    names = args.kernels.split(",")
    load0 = loadavg()
    res = {n: measure(n, args.reps) for n in names}

    def q(xs: list[float], p: float) -> str:
        xs = sorted(xs)
        return f"{xs[min(len(xs) - 1, int(len(xs) * p))] * 1000:.2f}"

    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {machine()}; "
          f"load average {load0} at the start, {loadavg()} at the end\n")
    print("| metric | " + " | ".join(names) + " |\n|---|" + "---:|" * len(names))
    rows = [
        ("idle RSS, kernel + children, after one trivial cell", lambda r: f"{r['idle']:.1f} MiB"),
        ("first completion after the 50-cell session", lambda r: f"{r['first'] * 1000:.1f} ms"),
        (f"completion round trip p50 / p95 ({args.reps} x 40)",
         lambda r: f"{q(r['lat'][False], .5)} / {q(r['lat'][False], .95)} ms"),
        (f"inspection round trip p50 / p95 ({args.reps} x 20)",
         lambda r: f"{q(r['lat'][True], .5)} / {q(r['lat'][True], .95)} ms"),
        ("answers wrong (of 60 distinct requests)", lambda r: str(len(r["wrong"]))),
        ("idle RSS, kernel + children, after the requests", lambda r: f"{r['used']:.1f} MiB"),
    ]
    for label, f in rows:
        print(f"| {label} | " + " | ".join(f(res[n]) for n in names) + " |")
    for n in names:
        if res[n]["wrong"]:
            print(f"\n{n} wrong: {res[n]['wrong']}")
        print(f"{n}: median of all requests {statistics.median(res[n]['lat'][False] + res[n]['lat'][True]) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
