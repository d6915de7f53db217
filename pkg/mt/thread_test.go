package mt

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func worker(n int) int { return n * 2 }

type counterRunner struct{ got *atomic.Value }

func (c counterRunner) Run() { c.got.Store(CurrentThread().Name()) }

func TestThreadNames(t *testing.T) {
	tests := []struct {
		name string
		make func() *Thread
		want string
	}{
		{"compiled func", func() *Thread { return NewThread(worker, 1) }, `^Thread-\d+ \(worker\)$`},
		{"closure", func() *Thread { return NewThread(func() {}) }, `^Thread-\d+ \(TestThreadNames\.func\d+(\.\d+)*\)$`},
		{"named func", func() *Thread { return NewThread(Func("work1", func() {})) }, `^Thread-\d+ \(work1\)$`},
		{"explicit name", func() *Thread { return NewThreadOpts(ThreadOpts{Target: worker, Args: []any{1}, Name: "T"}) }, `^T$`},
		{"runner", func() *Thread { return NewThreadFrom(counterRunner{&atomic.Value{}}) }, `^Thread-\d+$`},
		{"runner named", func() *Thread { return NewThreadFrom(counterRunner{&atomic.Value{}}, "Thread-A") }, `^Thread-A$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th := tc.make()
			if !regexp.MustCompile(tc.want).MatchString(th.Name()) {
				t.Errorf("Name() = %q, want match %s", th.Name(), tc.want)
			}
			if !strings.Contains(th.String(), "initial") {
				t.Errorf("String() before start = %q", th.String())
			}
		})
	}
}

func TestThreadNumbersIncrease(t *testing.T) {
	a, b := NewThread(worker, 1), NewThread(worker, 1)
	var na, nb int
	if _, err := fmtSscanf(a.Name(), "Thread-%d", &na); err != nil {
		t.Fatal(err)
	}
	if _, err := fmtSscanf(b.Name(), "Thread-%d", &nb); err != nil {
		t.Fatal(err)
	}
	if nb != na+1 {
		t.Errorf("names %q, %q: want consecutive numbers", a.Name(), b.Name())
	}
}

func TestThreadStartErrors(t *testing.T) {
	tests := []struct {
		name    string
		thread  func() *Thread
		wantErr *Error
		msg     string
	}{
		{"not a function", func() *Thread { return NewThread(42) }, TypeError, "not a function"},
		{"nil target", func() *Thread { return NewThread(nil) }, TypeError, "nil"},
		{"too few args", func() *Thread { return NewThread(worker) }, TypeError, "takes 1 arguments but 0 were given"},
		{"wrong type", func() *Thread { return NewThread(worker, "x") }, TypeError, "must be int, not string"},
		{"nil runner", func() *Thread { return NewThreadFrom(nil) }, TypeError, "runner is nil"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th := tc.thread()
			err := th.Start()
			if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Start() = %v, want %v containing %q", err, tc.wantErr, tc.msg)
			}
			if th.IsAlive() {
				t.Error("thread alive after failed start")
			}
		})
	}
}

func TestThreadStartTwice(t *testing.T) {
	th := NewThread(worker, 1)
	if err := th.Start(); err != nil {
		t.Fatal(err)
	}
	err := th.Start()
	if err == nil || err.Error() != "RuntimeError: threads can only be started once" {
		t.Errorf("second Start() = %v", err)
	}
	th.Join()
}

func TestThreadJoinSelf(t *testing.T) {
	var err error
	var th *Thread
	ready := make(chan struct{})
	th = NewThread(func() { <-ready; err = th.JoinCtx(context.Background()) })
	_ = th.Start()
	close(ready)
	th.Join()
	if err == nil || err.Error() != "RuntimeError: cannot join current thread" {
		t.Errorf("self join = %v", err)
	}
	if err := MainThread().JoinCtx(context.Background()); err == nil {
		t.Error("joining MainThread succeeded")
	}
}

func TestThreadArgsConverted(t *testing.T) {
	var got atomic.Value
	th := NewThread(func(f float64, s []int, e error, xs ...string) {
		got.Store([]any{f, len(s), e, strings.Join(xs, ",")})
	}, 3, nil, nil, "a", "b")
	if err := th.Start(); err != nil {
		t.Fatal(err)
	}
	th.Join()
	v := got.Load().([]any)
	if v[0] != 3.0 || v[1] != 0 || v[2] != nil || v[3] != "a,b" {
		t.Errorf("target got %v", v)
	}
}

func TestThreadLifecycle(t *testing.T) {
	release := NewEvent()
	body := func() { release.Wait() }
	a, b := NewThread(body), NewThread(body)
	if n := ActiveCount(); n != 1 {
		t.Fatalf("ActiveCount before start = %d, want 1", n)
	}
	if a.IsAlive() || a.Ident() != 0 {
		t.Error("unstarted thread alive or has ident")
	}
	if err := a.JoinCtx(context.Background()); err == nil {
		t.Error("JoinCtx of unstarted thread: no error")
	}
	for _, th := range []*Thread{a, b} {
		if err := th.Start(); err != nil {
			t.Fatal(err)
		}
	}
	ts := Enumerate()
	if len(ts) != 3 || ts[0] != MainThread() || ts[1] != a || ts[2] != b {
		t.Fatalf("Enumerate after start = %v", ts)
	}
	if !a.IsAlive() || a.Ident() == 0 || !strings.Contains(a.String(), "started") {
		t.Errorf("started thread: alive=%v ident=%d %s", a.IsAlive(), a.Ident(), a)
	}
	if a.Join(10 * time.Millisecond); !a.IsAlive() {
		t.Error("Join(timeout) on a blocked thread reported ended")
	}
	release.Set()
	a.Join()
	b.Join()
	if a.IsAlive() || b.IsAlive() {
		t.Fatal("alive after Join()")
	}
	if n := ActiveCount(); n != 1 || a.IsAlive() || !strings.Contains(a.String(), "stopped") {
		t.Errorf("after join: ActiveCount=%d alive=%v %s", n, a.IsAlive(), a)
	}
}

func TestCurrentThread(t *testing.T) {
	if CurrentThread() != MainThread() || MainThread().Name() != "MainThread" {
		t.Fatalf("CurrentThread() in test = %v", CurrentThread())
	}
	var got atomic.Pointer[Thread]
	th := NewThread(func() { got.Store(CurrentThread()) })
	_ = th.Start()
	th.Join()
	if got.Load() != th {
		t.Errorf("CurrentThread() in thread = %v, want %v", got.Load(), th)
	}
	var name atomic.Value
	r := NewThreadFrom(counterRunner{&name}, "Thread-B")
	_ = r.Start()
	r.Join()
	if name.Load() != "Thread-B" {
		t.Errorf("Run saw CurrentThread().Name() = %v", name.Load())
	}
}

func TestThreadPanicReported(t *testing.T) {
	_, stderr := captureOutput(t)
	tests := []struct {
		name   string
		target any
		want   string
	}{
		{"panic", Func("boom", func() { panic("kaboom") }), `Exception in thread Thread-\d+ \(boom\):\npanic: kaboom\n`},
		{"error result", Func("fails", func() error { return errors.New("bad input") }), `Exception in thread Thread-\d+ \(fails\):\nbad input\n`},
		{"runtime error", Func("div", func(a, b int) int { return a / b }), `Exception in thread Thread-\d+ \(div\):\nruntime error: integer divide by zero\n`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th := NewThread(tc.target, argsFor(tc.target)...)
			if err := th.Start(); err != nil {
				t.Fatal(err)
			}
			th.Join()
			if !regexp.MustCompile(tc.want).MatchString(stderr.String()) {
				t.Errorf("stderr = %q, want match %q", stderr.String(), tc.want)
			}
		})
	}
}

func argsFor(target any) []any {
	if nf, ok := target.(NamedFunc); ok && nf.Name == "div" {
		return []any{1, 0}
	}
	return nil
}

func TestWaitAll(t *testing.T) {
	var n atomic.Int64
	gate := NewEvent()
	for range 5 {
		Go(func() { gate.Wait(); n.Add(1) })
	}
	daemon := NewThreadOpts(ThreadOpts{Target: func() { gate.Wait() }, Daemon: true})
	_ = daemon.Start()
	if WaitAll(5 * time.Millisecond); ActiveCount() == 1 {
		t.Fatal("WaitAll(timeout) true while threads block")
	}
	gate.Set()
	if WaitAll(); n.Load() != 5 {
		t.Errorf("WaitAll: n = %d", n.Load())
	}
	daemon.Join()
}
