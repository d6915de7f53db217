package mt

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Process targets: registered in init, so that the re-executed test binary
// (a child) knows them too.
func init() {
	Register(procNums, procSleep, procFail, procExit, procPid, procSum, double)
}

// double is a target registered under an explicit name.
var double = Func("double", func(x int) int { return 2 * x })

var nums = []int{11, 22}

func procNums(n int) {
	for i := range n {
		nums = append(nums, i)
	}
	fmt.Printf("in process pid=%d ppid=%d nums=%v\n", os.Getpid(), os.Getppid(), nums)
}

func procSleep(d time.Duration) { time.Sleep(d) }

func procFail(msg string) { panic(msg) }

func procExit(code int) { os.Exit(code) }

func procPid(i int) (int, error) {
	time.Sleep(20 * time.Millisecond)
	if i < 0 {
		return 0, errors.New("negative task")
	}
	return os.Getpid(), nil
}

type point struct{ X, Y int }

func procSum(p point, xs []int, m map[string]int, rest ...float64) (int, float64) {
	s := p.X + p.Y + m["k"]
	for _, x := range xs {
		s += x
	}
	f := 0.0
	for _, r := range rest {
		f += r
	}
	return s, f
}

func TestProcessGlobalsNotShared(t *testing.T) {
	stdout, _ := captureOutput(t)
	p := NewProcess(procNums, 3)
	if p.IsAlive() || p.Pid() != 0 || !strings.Contains(p.String(), "initial") {
		t.Errorf("before start: %v", p)
	}
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	if p.Join(); p.IsAlive() {
		t.Fatal("alive after Join")
	}
	if code, ok := p.ExitCode(); code != 0 || !ok {
		t.Errorf("ExitCode = %d, %v", code, ok)
	}
	want := fmt.Sprintf("in process pid=%d ppid=%d nums=[11 22 0 1 2]\n", p.Pid(), os.Getpid())
	if stdout.String() != want {
		t.Errorf("child output %q, want %q", stdout.String(), want)
	}
	if p.Pid() == os.Getpid() {
		t.Error("child has the parent's pid")
	}
	if fmt.Sprint(nums) != "[11 22]" {
		t.Errorf("parent's nums = %v", nums)
	}
	if !regexp.MustCompile(`^Process-\d+$`).MatchString(p.Name()) {
		t.Errorf("Name = %q", p.Name())
	}
}

func TestProcessExitCodes(t *testing.T) {
	_, stderr := captureOutput(t)
	tests := []struct {
		name   string
		p      *Process
		signal func(*Process) error
		want   int
		stderr string
	}{
		{"terminate", NewProcess(procSleep, time.Hour), (*Process).Terminate, -15, ""},
		{"kill", NewProcess(procSleep, time.Hour), (*Process).Kill, -9, ""},
		{"panic", NewProcessOpts(ProcessOpts{Target: procFail, Args: []any{"bad"}, Name: "Worker-X"}), nil, 1, "Process Worker-X:\npanic: bad\n"},
		{"exit", NewProcess(procExit, 3), nil, 3, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.p.Start(); err != nil {
				t.Fatal(err)
			}
			if tc.signal != nil {
				if tc.p.Join(10 * time.Millisecond); !tc.p.IsAlive() {
					t.Fatal("sleeping child not alive")
				}
				if err := tc.signal(tc.p); err != nil {
					t.Fatal(err)
				}
			}
			tc.p.Join()
			if code, ok := tc.p.ExitCode(); code != tc.want || !ok || tc.p.IsAlive() {
				t.Errorf("ExitCode = %d, %v; alive %v", code, ok, tc.p.IsAlive())
			}
			if tc.stderr != "" && !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.stderr)
			}
		})
	}
	if n := len(ActiveChildren()); n != 0 {
		t.Errorf("%d active children", n)
	}
}

func TestProcessStartErrors(t *testing.T) {
	tests := []struct {
		name string
		p    *Process
		msg  string
	}{
		{"unregistered", NewProcess(worker, 1), "not registered"},
		{"closure", NewProcess(func() {}), "not registered"},
		{"unserialisable arg", NewProcess(procSleep, make(chan int)), "must be time.Duration"},
		{"bad arity", NewProcess(procNums), "takes 1 arguments"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Start()
			if !errors.Is(err, TypeError) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Start = %v, want TypeError with %q", err, tc.msg)
			}
		})
	}
	p := NewProcess(procExit, 0)
	if err := p.JoinCtx(context.Background()); err == nil {
		t.Error("JoinCtx of unstarted process: no error")
	}
	_ = p.Start()
	if err := p.Start(); !errors.Is(err, RuntimeError) {
		t.Errorf("second Start = %v", err)
	}
	p.Join()
}

func TestPoolReusesWorkerPids(t *testing.T) {
	p, err := NewPool(3)
	if err != nil {
		t.Fatal(err)
	}
	rs := make([]*AsyncResult, 10)
	for i := range rs {
		rs[i] = p.ApplyAsync(procPid, i)
	}
	p.Close()
	if err := p.Join(); err != nil {
		t.Fatal(err)
	}
	pids := map[int]bool{}
	for _, r := range rs {
		v, err := r.Get()
		if err != nil {
			t.Fatal(err)
		}
		pids[v.(int)] = true
	}
	if len(pids) != 3 || pids[os.Getpid()] {
		t.Errorf("10 tasks ran in pids %v (parent %d), want 3 distinct children", pids, os.Getpid())
	}
	for _, pid := range p.Pids() {
		if !pids[pid] {
			t.Errorf("worker pid %d ran no task (%v)", pid, pids)
		}
	}
}

func TestPoolResults(t *testing.T) {
	stdout, stderr := captureOutput(t)
	p, err := NewPool(2)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { p.Terminate(); _ = p.Join() }()
	tests := []struct {
		name    string
		fn      any
		args    []any
		want    string
		wantErr string
	}{
		{"values", procSum, []any{point{1, 2}, []int{3, 4}, map[string]int{"k": 5}, 0.5, 1}, "[15 1.5]", ""},
		{"named func", double, []any{21}, "42", ""},
		{"error result", procPid, []any{-1}, "", "negative task"},
		{"panic", procFail, []any{"oops"}, "", "panic: oops"},
		{"worker dies", procExit, []any{7}, "", "exited"},
		{"after a death", procPid, []any{1}, "pid", ""},
		{"thread queue arg", procFail, []any{NewQueue(0)}, "", "RuntimeError: Queue objects should only be shared between processes through inheritance."},
		{"unregistered", worker, []any{1}, "", "not registered"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := p.ApplyAsync(tc.fn, tc.args...)
			v, err := r.Get()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || r.Successful() {
					t.Errorf("Get = %v, %v; want error %q", v, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "pid" {
				if pid, _ := v.(int); pid == 0 || pid == os.Getpid() {
					t.Errorf("pid %v", v)
				}
				return
			}
			if fmt.Sprint(v) != tc.want {
				t.Errorf("Get = %v, want %s", v, tc.want)
			}
		})
	}
	if vs, err := p.Map(procPid, []int{1, 2, 3}); err != nil || len(vs) != 3 {
		t.Errorf("Map = %v, %v", vs, err)
	}
	if s := stdout.String() + stderr.String(); s != "" {
		t.Errorf("pool printed %q", s)
	}
}

func TestPoolTerminateKillsWorkers(t *testing.T) {
	p, err := NewPool(2)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Join(); err == nil || err.Error() != "ValueError: Pool is still running" {
		t.Errorf("Join before Close = %v", err)
	}
	long := p.ApplyAsync(procSleep, time.Hour)
	queued := []*AsyncResult{p.ApplyAsync(procSleep, time.Hour), p.ApplyAsync(procSleep, time.Hour)}
	pids := p.Pids()
	for !running(pids[0]) || !running(pids[1]) {
		time.Sleep(time.Millisecond)
	}
	p.Terminate()
	if err := p.Join(); err != nil {
		t.Fatal(err)
	}
	if _, err := long.Get(); err == nil {
		t.Error("running task succeeded after Terminate")
	}
	for _, r := range queued {
		if _, err := r.Get(); err == nil {
			t.Error("queued task succeeded after Terminate")
		}
	}
	for _, pid := range pids {
		if running(pid) {
			t.Errorf("worker %d still running", pid)
		}
	}
}

// running reports whether pid is a live process (not a zombie) on Linux; it
// reports true elsewhere when the /proc entry cannot be read.
func running(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndex(s, ")")
	return i > 0 && len(s) > i+2 && s[i+2] != 'Z'
}
