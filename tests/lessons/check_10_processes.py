"""10_processes: real child processes — no fork in Go, pids, Process API, globals not shared."""

from __future__ import annotations

import re

from lessons.nbcheck import cell, lines, matches, result, stdout


def check(nb, params):
    # S4-07: Fork only explains itself and points to NewProcess.
    assert lines(cell(nb, "ex:S4-07")) == [
        "-1",
        "OSError: fork() is not available in Go: the runtime is multi-threaded; "
        "start a child with mt.NewProcess(target, args...) instead",
    ]
    out = stdout(cell(nb, "ex:S4-07-go"))
    parent = int(matches(r"^父进程：我的 pid=(\d+)$", out).group(1))
    child, childs_parent = map(int, matches(r"^子进程：我的 pid=(\d+)，我的父进程 pid=(\d+)$", out).groups())
    assert child != parent and childs_parent == parent, out
    pid_max = lines(cell(nb, "ex:S4-07-pidmax"))
    assert len(pid_max) == 1 and re.fullmatch(r"pid_max = \d+|这个系统没有 .*", pid_max[0]), pid_max

    # S2-06: the parent is the same kernel process; the child has another pid.
    got = lines(cell(nb, "ex:S2-06"))
    assert len(got) == 3, got
    assert got[0] == f"父进程pid: {parent}"
    m = re.fullmatch(r"子进程运行中，pid=(\d+)\.\.\.", got[1])
    assert m and int(m.group(1)) != parent, got
    assert got[2] == "子进程将要结束..."

    # S4-08: args and "kwargs"; lifecycle; the Run-method form.
    m = matches(r"^子进程 (\d+) 收到 n=10, m=20$", stdout(cell(nb, "ex:S4-08")))
    assert int(m.group(1)) != parent
    assert re.fullmatch(
        r"名字: Process-\d+ 启动前 IsAlive: false\n启动后 IsAlive: true\nJoin\(300ms\) 之后还活着吗: true\n"
        r"终止后 IsAlive: false exitcode: -15\n",
        stdout(cell(nb, "ex:S4-08-lifecycle")),
    ), stdout(cell(nb, "ex:S4-08-lifecycle"))
    sub = lines(cell(nb, "ex:S4-08-subclass"))
    pids = {re.fullmatch(r"MyProcess 第 [12] 次运行，pid=(\d+)", s).group(1) for s in sub}
    assert len(sub) == 2 and len(pids) == 1 and int(pids.pop()) != parent, sub

    # S2-07: p1 sees its own appends, p2 and the parent still see the initial nums.
    got = lines(cell(nb, "ex:S2-07"))
    assert [re.sub(r"pid=\d+", "pid=C", s) for s in got] == [
        "in process1 pid=C ,nums=[11 22]",
        "in process1 pid=C ,nums=[11 22 0]",
        "in process1 pid=C ,nums=[11 22 0 1]",
        "in process1 pid=C ,nums=[11 22 0 1 2]",
        "in process2 pid=C ,nums=[11 22]",
        "父进程 pid=C ,nums=[11 22]",
    ], got
    p1 = {re.search(r"pid=(\d+)", s).group(1) for s in got[:4]}
    p2 = re.search(r"pid=(\d+)", got[4]).group(1)
    assert len(p1) == 1 and p2 not in p1 and str(parent) not in p1 | {p2}
    assert got[5] == f"父进程 pid={parent} ,nums=[11 22]"
    # A cell that only starts and joins processes shows no value of its own.
    assert result(cell(nb, "ex:S2-07")) is None
