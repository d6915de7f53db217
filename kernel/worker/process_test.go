package worker_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// Processes and process pools started by cells (pkg/mt through child.go).

func TestProcessHasItsOwnGlobals(t *testing.T) {
	s := start(t)
	s.ok(`import ("fmt"; "os")
var nums = []int{11, 22}
var workerPid = os.Getpid()
func work1(tag string) {
	fmt.Println(tag, "own pid:", os.Getpid() != workerPid, "parent is the worker:", os.Getppid() == workerPid, nums)
	for i := range 3 {
		nums = append(nums, i)
	}
	fmt.Println(tag, nums)
}`)
	// A var set by a statement is not a declaration: the child replays
	// declarations only, so it sees the declared value (spawn semantics).
	s.ok(`workerPid = os.Getpid()`)
	out, v := s.ok(`p := mt.NewProcess(work1, "p1")
p.Start()
p.Join()
fmt.Println("parent", nums)
p.ExitCode()`)
	// In the child workerPid is the child's own pid (its initializer ran
	// again there), so "own pid" is false and "parent" compares the
	// child's ppid with itself: false. What matters: nums.
	want := "p1 own pid: false parent is the worker: false [11 22]\np1 [11 22 0 1 2]\nparent [11 22]\n"
	if out != want || v != "(0, true)" {
		t.Errorf("stdout %q value %q, want %q (0, true)", out, v, want)
	}
	out, _ = s.ok(`func pids() { fmt.Println(os.Getppid(), os.Getpid()) }
q := mt.NewProcess(pids)
q.Start()
q.Join()
fmt.Println(os.Getpid())`)
	var ppid, pid, parent int
	if _, err := fmt.Sscan(out, &ppid, &pid, &parent); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	if ppid != parent || pid == parent {
		t.Errorf("child ppid %d pid %d, worker %d: want ppid = worker ≠ pid", ppid, pid, parent)
	}
}

func TestPoolOfThreeRunsTenTasksOnThreePids(t *testing.T) {
	s := start(t)
	out, v := s.ok(`import ("fmt"; "os"; "time")
func worker(i int) int {
	time.Sleep(20 * time.Millisecond)
	fmt.Println("task", i)
	return os.Getpid()
}
po, _ := mt.NewPool(3)
var rs []*mt.AsyncResult
for i := range 10 {
	rs = append(rs, po.ApplyAsync(worker, i))
}
po.Close()
po.Join()
pids := map[int]bool{}
for _, r := range rs {
	v, err := r.Get()
	if err != nil {
		panic(err)
	}
	pids[v.(int)] = true
}
delete(pids, os.Getpid())
len(pids)`)
	if v != "3" {
		t.Errorf("distinct child pids = %s, want 3", v)
	}
	if n := strings.Count(out, "task "); n != 10 {
		t.Errorf("%d task lines in %q", n, out)
	}
}

func TestPoolErrors(t *testing.T) {
	s := start(t)
	s.ok(`import "fmt"
func sq(x int) (int, error) {
	if x == 3 {
		return 0, fmt.Errorf("no threes")
	}
	return x * x, nil
}
po, _ := mt.NewPool(2)`)
	if _, v := s.ok(`po.Map(sq, []int{1, 2, 4})`); v != "[1 4 16]" {
		t.Errorf("Map = %s", v)
	}
	tests := []struct{ name, code, ename, evalue string }{
		{"task error", `po.Map(sq, []int{1, 2, 3})`, "RemoteError", "no threes"},
		{"declared after the pool started", `func later(x int) int { return x }
po.Apply(later, 1)`, "AttributeError", "can't get attribute 'later' in the child process"},
		{"func literal", `mt.NewProcess(func() {}).Start()`, "TypeError", "named top-level function"},
		{"process queue to a pool", `po.Apply(sq, mt.NewProcessQueue(1))`, "RuntimeError", "through inheritance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, r := s.run(tt.code)
			if r["ename"] != tt.ename || !strings.Contains(fmt.Sprint(r["evalue"]), tt.evalue) {
				t.Errorf("got %v: %v, want %s containing %q", r["ename"], r["evalue"], tt.ename, tt.evalue)
			}
		})
	}
}

func TestProcessQueuesAndManager(t *testing.T) {
	s := start(t)
	out, _ := s.ok(`import "fmt"
func writer(q *mt.ProcessQueue) {
	for _, v := range []int{10, 11, 12, 15} {
		q.Put(v)
	}
}
func drain(q *mt.ProcessQueue) {
	for !q.Empty() {
		v, _ := q.Get()
		fmt.Print(v, " ")
	}
	fmt.Println()
}
q := mt.NewProcessQueue(4)
p := mt.NewProcess(writer, q)
p.Start()
p.Join()
drain(q)
m, _ := mt.NewManager()
mq := m.Queue()
po, _ := mt.NewPool(2)
po.Apply(writer, mq)
drain(mq)
m.Shutdown()`)
	if out != "10 11 12 15 \n10 11 12 15 \n" {
		t.Errorf("stdout %q", out)
	}
}

func TestChildReplayDoesNotStartProcesses(t *testing.T) {
	s := start(t)
	out, _ := s.ok(`import "fmt"
po, _ := mt.NewPool(1)
func poolInChild() { fmt.Println("child's po is nil:", po == nil) }
p := mt.NewProcess(poolInChild)
p.Start()
p.Join()`)
	if out != "child's po is nil: true\n" {
		t.Errorf("stdout %q", out)
	}
}

// An interrupt replaces the worker; its children and pool workers die with
// it and are reaped: none is left running or a zombie.
func TestInterruptLeavesNoChildren(t *testing.T) {
	s := start(t)
	s.ok(`import ("fmt"; "os"; "time")
func forever() { for { time.Sleep(time.Second) } }
func pid() int { return os.Getpid() }`)
	req, err := s.c.Send(kernel.Shell, "execute_request", map[string]any{"code": `po, _ := mt.NewPool(2)
r1, _ := po.Apply(pid)
p := mt.NewProcess(forever)
p.Start()
fmt.Println(os.Getpid(), p.Pid(), r1, po.Pids()[0], po.Pids()[1])
po.ApplyAsync(forever)
p.Join()`})
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for pids == nil {
		m, err := s.c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.MsgType == "stream" && kerneltest.ParentID(m) == req.Header.MsgID {
			for _, f := range strings.Fields(kerneltest.Content(m)["text"].(string)) {
				var n int
				fmt.Sscan(f, &n)
				pids = append(pids, n)
			}
		}
	}
	if len(pids) != 5 || !slices.Contains(pids[3:], pids[2]) {
		t.Fatalf("pids %v: want worker, process, a pool worker's pid and the pool's two pids", pids)
	}
	s.interrupt(t, req)
	for _, pid := range []int{pids[0], pids[1], pids[3], pids[4]} {
		waitGone(t, pid)
	}
}

// waitGone waits until no process (running or zombie) has the pid.
func waitGone(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); err != nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	stat, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	t.Errorf("process %d still exists: %s", pid, stat)
}

// A child replays only the vars that functions can see: a cell's setup with
// side effects (a temp dir, sample files) does not run again in every
// process or pool worker.
func TestChildSkipsVarsNoFunctionUses(t *testing.T) {
	s := start(t)
	dir := t.TempDir()
	s.ok(fmt.Sprintf(`import ("fmt"; "os")
setupDir, _ := os.MkdirTemp(%q, "setup-")
var base = 40
func answer() { fmt.Println(base + 2) }`, dir))
	out, _ := s.ok(`p := mt.NewProcess(answer)
p.Start()
p.Join()
po, _ := mt.NewPool(2)
po.Apply(answer)
po.Apply(answer)
po.Close()
po.Join()`)
	if out != "42\n42\n42\n" {
		t.Errorf("stdout %q", out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d setup dirs, want the parent's only", len(entries))
	}
}
