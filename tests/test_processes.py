"""The seeds' multiprocessing lessons as cells, through a real kernel: each test is one example of the tutorials
(S2-06 … S2-11, S4-08, S4-13) with the acceptance check the future notebooks will carry.

Child processes are the kernel's worker started again; they replay the notebook's declarations and run their target
by name, so every target below is a top-level func declared before its process or pool starts.
"""

from __future__ import annotations

import re

import pytest
from conftest import Kernel

pytestmark = pytest.mark.timeout(120)

SETUP = """import ("fmt"; "os"; "time")
var kernelPid = os.Getpid()"""


@pytest.fixture(scope="module")
def k(kernel: Kernel) -> Kernel:
    kernel.ok(SETUP)
    return kernel


def test_child_has_its_own_pid(k: Kernel) -> None:
    """S2-06: the parent prints its pid, the child its own, and the child's parent is the worker."""
    out = k.ok(
        """func runProc() {
	fmt.Printf("子进程运行中，pid=%d，父进程=%d...\\n", os.Getpid(), os.Getppid())
	time.Sleep(50 * time.Millisecond)
	fmt.Println("子进程将要结束...")
}
fmt.Printf("父进程pid: %d\\n", os.Getpid())
p := mt.NewProcess(runProc)
p.Start()
p.Join()"""
    ).stdout
    m = re.fullmatch(r"父进程pid: (\d+)\n子进程运行中，pid=(\d+)，父进程=(\d+)\.\.\.\n子进程将要结束\.\.\.\n", out)
    assert m, out
    parent, child, childs_parent = map(int, m.groups())
    assert child != parent and childs_parent == parent


def test_globals_are_not_shared(k: Kernel) -> None:
    """S2-07: p1 appends to nums in its own copy; p2 and the parent still see [11 22]."""
    out = k.ok(
        """var nums = []int{11, 22}
func work1() {
	fmt.Printf("in process1 pid=%d ,nums=%v\\n", os.Getpid(), nums)
	for i := range 3 {
		nums = append(nums, i)
		time.Sleep(20 * time.Millisecond)
		fmt.Printf("in process1 pid=%d ,nums=%v\\n", os.Getpid(), nums)
	}
}
func work2() { fmt.Printf("in process2 pid=%d ,nums=%v\\n", os.Getpid(), nums) }
p1 := mt.NewProcess(work1)
p1.Start()
p1.Join()
p2 := mt.NewProcess(work2)
p2.Start()
p2.Join()
fmt.Printf("nums=%v\\n", nums)"""
    ).stdout
    lines = out.splitlines()
    assert [re.sub(r"pid=\d+", "pid=C", line) for line in lines] == [
        "in process1 pid=C ,nums=[11 22]",
        "in process1 pid=C ,nums=[11 22 0]",
        "in process1 pid=C ,nums=[11 22 0 1]",
        "in process1 pid=C ,nums=[11 22 0 1 2]",
        "in process2 pid=C ,nums=[11 22]",
        "nums=[11 22]",
    ], out
    c1 = {re.search(r"pid=(\d+)", line).group(1) for line in lines[:4]}
    c2 = re.search(r"pid=(\d+)", lines[4]).group(1)
    assert len(c1) == 1 and c2 not in c1


def test_process_lifecycle(k: Kernel) -> None:
    """S4-08: name, IsAlive while running, Join with a timeout, Terminate → exit code -15."""
    out = k.ok(
        """func slow() { time.Sleep(2 * time.Second) }
p := mt.NewProcess(slow)
fmt.Println(p.Name(), p.IsAlive())
p.Start()
fmt.Println(p.IsAlive())
p.Join(300*time.Millisecond)
fmt.Println(p.IsAlive())
p.Terminate()
p.Join()
code, _ := p.ExitCode()
fmt.Println(p.IsAlive(), code)"""
    ).stdout
    assert re.fullmatch(r"Process-\d+ false\ntrue\ntrue\nfalse -15\n", out), out


def test_pool_reuses_three_workers(k: Kernel) -> None:
    """S2-09: ten tasks on a pool of three: exactly three pids, none the kernel's, at most three tasks at a time."""
    out = k.ok(
        """func worker(msg int) {
	t0 := time.Now()
	fmt.Printf("%d 开始执行， 进程号 %d\\n", msg, os.Getpid())
	time.Sleep(time.Duration(10+msg*7%30) * time.Millisecond)
	fmt.Printf("%d 执行完毕，耗时%.2f\\n", msg, time.Since(t0).Seconds())
}
po, _ := mt.NewPool(3)
for i := range 10 {
	po.ApplyAsync(worker, i)
}
fmt.Println("--------start--------------")
po.Close()
po.Join()
fmt.Println("--------end--------------")"""
    ).stdout
    lines = out.splitlines()
    starts = [re.fullmatch(r"(\d) 开始执行， 进程号 (\d+)", line) for line in lines]
    ends = [re.fullmatch(r"(\d) 执行完毕，耗时(\d+\.\d\d)", line) for line in lines]
    assert sorted(int(m.group(1)) for m in starts if m) == list(range(10)), out
    assert sorted(int(m.group(1)) for m in ends if m) == list(range(10)), out
    pids = {m.group(2) for m in starts if m}
    assert len(pids) == 3, out
    assert lines[-1] == "--------end--------------"
    running, most = 0, 0
    for s, e in zip(starts, ends):
        running += bool(s) - bool(e)
        most = max(most, running)
    assert most <= 3, out


def test_apply_blocks(k: Kernel) -> None:
    """S4-13: Apply waits for each task, so starts and finishes alternate."""
    out = k.ok(
        """func step(i int) { fmt.Println(i, "start"); time.Sleep(10 * time.Millisecond); fmt.Println(i, "end") }
ap, _ := mt.NewPool(2)
for i := range 3 {
	ap.Apply(step, i)
}
ap.Close()
ap.Join()"""
    ).stdout
    assert out == "0 start\n0 end\n1 start\n1 end\n2 start\n2 end\n"


def test_queues_between_pool_workers(k: Kernel) -> None:
    """S2-10: a process queue cannot go to a pool (Python's error); a Manager queue can: writer then reader."""
    run = k.execute(
        """func useQueue(q *mt.ProcessQueue) {}
bad, _ := mt.NewPool(1)
res := bad.ApplyAsync(useQueue, mt.NewProcessQueue(0))
_, err := res.Get()
err"""
    )
    assert run.content["ename"] == "RuntimeError"
    assert run.content["evalue"] == "Queue objects should only be shared between processes through inheritance."
    out = k.ok(
        """func writer(q *mt.ProcessQueue) {
	fmt.Printf("writer启动(%d),父进程为(%d)\\n", os.Getpid(), os.Getppid())
	for _, c := range "itcast" {
		q.Put(string(c))
	}
}
func reader(q *mt.ProcessQueue) {
	fmt.Printf("reader启动(%d),父进程为(%d)\\n", os.Getpid(), os.Getppid())
	for range q.Qsize() {
		v, _ := q.Get()
		fmt.Printf("reader从Queue获取到消息：%s\\n", v)
	}
}
fmt.Printf("(%d) start\\n", os.Getpid())
m, _ := mt.NewManager()
q := m.Queue()
wp, _ := mt.NewPool(2)
wp.Apply(writer, q)
wp.Apply(reader, q)
wp.Close()
wp.Join()
m.Shutdown()
fmt.Printf("(%d) End\\n", os.Getpid())"""
    ).stdout
    lines = out.splitlines()
    me = re.fullmatch(r"\((\d+)\) start", lines[0]).group(1)
    assert re.fullmatch(rf"writer启动\((\d+)\),父进程为\({me}\)", lines[1]), out
    assert re.fullmatch(rf"reader启动\((\d+)\),父进程为\({me}\)", lines[2]), out
    assert lines[3:9] == [f"reader从Queue获取到消息：{c}" for c in "itcast"], out
    assert lines[9] == f"({me}) End"


def test_pool_errors_are_silent_until_get(k: Kernel) -> None:
    """S2-11's note: a failing task prints nothing; Get returns the error and Successful is false."""
    run = k.execute(
        """func fails(n int) int { panic(fmt.Sprint("task ", n, " failed")) }
ep, _ := mt.NewPool(1)
r := ep.ApplyAsync(fails, 7)
r.Wait()
fmt.Println(r.Ready(), r.Successful())
_, err := r.Get()
err"""
    )
    assert run.stdout == "true false\n" and run.stderr == "", run.describe()
    assert run.content["ename"] == "RemoteError" and "task 7 failed" in run.content["evalue"]


def test_pool_close_join_terminate(k: Kernel) -> None:
    """Join before Close is Python's ValueError; Terminate ends long tasks at once."""
    run = k.execute("jp, _ := mt.NewPool(1)\njp.Join()")
    assert (run.content["ename"], run.content["evalue"]) == ("ValueError", "Pool is still running")
    out = k.ok(
        """func long() { time.Sleep(time.Minute) }
tp, _ := mt.NewPool(2)
tp.ApplyAsync(long)
tp.ApplyAsync(long)
time.Sleep(100 * time.Millisecond)
t0 := time.Now()
tp.Terminate()
tp.Join()
fmt.Println(time.Since(t0) < 5*time.Second)"""
    ).stdout
    assert out == "true\n"
