package mt

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestThreadPoolReusesWorkers(t *testing.T) {
	p := NewThreadPool(3)
	results := make([]*AsyncResult, 10)
	for i := range results {
		results[i] = p.ApplyAsync(func(i int) (string, error) {
			time.Sleep(time.Millisecond)
			return fmt.Sprint(CurrentThread().Ident()), nil
		}, i)
	}
	p.Close()
	if err := p.Join(); err != nil {
		t.Fatal(err)
	}
	ids := map[any]bool{}
	for _, r := range results {
		v, err := r.Get()
		if err != nil {
			t.Fatal(err)
		}
		ids[v] = true
	}
	if len(ids) != 3 {
		t.Errorf("10 tasks ran on %d distinct workers, want 3: %v", len(ids), ids)
	}
	for _, w := range p.Workers() {
		if !ids[fmt.Sprint(w.Ident())] || !strings.HasPrefix(w.Name(), "PoolWorker-") || w.IsAlive() {
			t.Errorf("worker %v", w)
		}
	}
}

func TestThreadPoolErrorsSilentUntilGet(t *testing.T) {
	stdout, stderr := captureOutput(t)
	p := NewThreadPool(2)
	defer func() { p.Close(); _ = p.Join() }()
	tests := []struct {
		name    string
		fn      any
		args    []any
		wantErr string
	}{
		{"returned error", func() error { return errors.New("disk full") }, nil, "disk full"},
		{"panic", func() { panic("boom") }, nil, "panic: boom"},
		{"bad args", func(int) {}, []any{"x"}, "TypeError"},
		{"not a function", 7, nil, "TypeError"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := p.ApplyAsync(tc.fn, tc.args...)
			r.Wait()
			if !r.Ready() || r.Successful() {
				t.Errorf("Ready=%v Successful=%v", r.Ready(), r.Successful())
			}
			if _, err := r.Get(); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Get() error = %v, want %q", err, tc.wantErr)
			}
		})
	}
	if stdout.String()+stderr.String() != "" {
		t.Errorf("pool printed %q", stdout.String()+stderr.String())
	}
}

func TestThreadPoolLifecycle(t *testing.T) {
	p := NewThreadPool(2)
	if err := p.Join(); err == nil || err.Error() != "ValueError: Pool is still running" {
		t.Errorf("Join before Close = %v", err)
	}
	if v, err := p.Apply(func(a, b int) int { return a + b }, 2, 3); v != 5 || err != nil {
		t.Errorf("Apply = %v, %v", v, err)
	}
	vs, err := p.Map(func(x int) int { return x * x }, []int{1, 2, 3, 4})
	if err != nil || fmt.Sprint(vs) != "[1 4 9 16]" {
		t.Errorf("Map = %v, %v", vs, err)
	}
	if _, err := p.Map(func(x int) int { return x }, 5); !errors.Is(err, TypeError) {
		t.Errorf("Map over int = %v", err)
	}
	var cb []any
	r := p.ApplyAsyncOpts(ApplyOpts{Fn: func() int { return 7 }, Callback: func(v any) { cb = append(cb, v) }})
	if v, _ := r.Get(); v != 7 || len(cb) != 1 || cb[0] != 7 {
		t.Errorf("callback saw %v, Get %v", cb, v)
	}
	pending := NewEvent()
	slow := p.ApplyAsync(func() { pending.Wait() })
	if _, err := slow.Get(time.Millisecond); !errors.Is(err, TimeoutError) {
		t.Errorf("Get(timeout) = %v", err)
	}
	pending.Set()
	p.Close()
	if r := p.ApplyAsync(func() {}); !strings.Contains(fmt.Sprint(r.Get()), "") || r.Successful() {
		t.Error("ApplyAsync after Close succeeded")
	}
	if _, err := p.ApplyAsync(func() {}).Get(); err == nil || err.Error() != "ValueError: Pool not running" {
		t.Errorf("after Close: %v", err)
	}
	if err := p.Join(); err != nil {
		t.Fatal(err)
	}
}

func TestThreadPoolTerminate(t *testing.T) {
	p := NewThreadPool(1)
	gate, started := NewEvent(), NewEvent()
	running := p.ApplyAsync(func() int { started.Set(); gate.Wait(); return 1 })
	queued := p.ApplyAsync(func() int { return 2 })
	started.Wait()
	p.Terminate()
	if _, err := queued.Get(); !errors.Is(err, RuntimeError) {
		t.Errorf("queued task after Terminate: %v", err)
	}
	gate.Set()
	if v, err := running.Get(); v != 1 || err != nil {
		t.Errorf("running task: %v %v", v, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := p.JoinCtx(ctx); err != nil {
		t.Fatal(err)
	}
}
