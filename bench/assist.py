#!/usr/bin/env python3
"""Completion and inspection through jupyter_client on a 50-cell session (a benchmark, not a test).

Run from the repo root after scripts/setup.sh:  .venv/bin/python bench/assist.py

Measures, on the installed gokernel: idle RSS of kernel + worker after one trivial cell (type-checked before it ran,
with no package to load) and after the requests;
the first complete_request after the session (it loads the session and the packages); then 40 completions and 20
inspections (round trip request -> reply, p50/p95), each checked for the answer it must contain. The session is the
one of kernel/gotypes/bench_test.go (lessonCells): documented types with methods, coro generators, mt locks, strings,
time.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import tree_rss_kib  # noqa: E402
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


# (code with | at the cursor, inspect?, a match it must offer or "" for inspections: found)
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
    ("fmt.Print|ln(1)", True, ""), ("mt.NewPo|ol(2)", True, ""), ("coro.NewGener|ator", True, ""), ("c1.In|c()", True, ""),
    ("fib|3(4)", True, ""), ('strings.Fie|lds("")', True, ""), ("time.Sle|ep(1)", True, ""), ("c2.Na|me", True, ""),
    ("tasks1[0].Str|ing()", True, ""), ("le|n(words2)", True, ""), ("Coun|ter3{}", True, ""), ("lock3|", True, ""),
    ("sync.Mut|ex{}", True, ""), ('display.HT|ML("x")', True, ""), ("results2|", True, ""), ("limit4|", True, ""),
    ("upper1|", True, ""), ("start2.Su|b(start3)", True, ""), ("fmt|", True, ""), ("mt.NewLo|ck()", True, ""),
]


def main() -> None:
    km = KernelManager(kernel_name="gokernel")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    pid = km.provisioner.process.pid
    try:
        kc.execute_interactive("_ = 1", timeout=30)
        time.sleep(1.5)  # the worker trims its pages after a second without cells
        idle = tree_rss_kib(pid) / 1024
        for cell in lesson_cells():
            r = kc.execute_interactive(cell, timeout=60, output_hook=lambda m: None)
            assert r["content"]["status"] == "ok", (cell, r["content"])

        def ask(code: str, inspect: bool) -> tuple[float, dict]:
            cur = code.index("|")
            code = code.replace("|", "", 1)
            t0 = time.perf_counter()
            if inspect:
                msg_id = kc.inspect(code, cur, 0)
            else:
                msg_id = kc.complete(code, cur)
            while True:
                reply = kc.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return time.perf_counter() - t0, reply["content"]

        first, c = ask("c0.|", False)
        assert "Inc" in c["matches"], c
        lat: dict[bool, list[float]] = {False: [], True: []}
        wrong = []
        for _ in range(5):
            for code, inspect, want in REQUESTS:
                dt, c = ask(code, inspect)
                lat[inspect].append(dt)
                ok = c["found"] if inspect else (want == "" or want in c["matches"])
                if not ok:
                    wrong.append(code)
        time.sleep(1.5)
        used = tree_rss_kib(pid) / 1024
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)

    def q(xs: list[float], p: float) -> str:
        xs = sorted(xs)
        return f"{xs[min(len(xs) - 1, int(len(xs) * p))] * 1000:.2f} ms"

    print("| metric | gokernel |\n|---|---:|")
    print(f"| idle RSS, kernel + worker, after one trivial cell | {idle:.1f} MiB |")
    print(f"| first completion after the 50-cell session | {first * 1000:.1f} ms |")
    print(f"| completion round trip p50 / p95 ({len(lat[False])}) | {q(lat[False], 0.5)} / {q(lat[False], 0.95)} |")
    print(f"| inspection round trip p50 / p95 ({len(lat[True])}) | {q(lat[True], 0.5)} / {q(lat[True], 0.95)} |")
    print(f"| answers wrong | {len(set(wrong))} of {len(REQUESTS)} {sorted(set(wrong))} |")
    print(f"| idle RSS, kernel + worker, after the requests | {used:.1f} MiB |")
    print(f"\nmedian of all: {statistics.median(lat[False] + lat[True]) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
