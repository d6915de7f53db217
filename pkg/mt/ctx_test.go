package mt

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokernel/gokernel/internal/ctxforms"
)

// TestEveryBlockingCallHasCtxForm enforces the package's promise that each
// blocking call has a context form (see "Blocking and cancellation" in
// doc.go).
func TestEveryBlockingCallHasCtxForm(t *testing.T) {
	problems, err := ctxforms.Check(".", ctxforms.Rules{
		Blocking: []string{
			"Acquire", "Lock", "Wait", "WaitFor", "WaitAll", "WaitAllProcesses",
			"Get", "Put", "Join", "Apply", "Map",
			"Input", "Download", "DownloadTo", "DownloadAll", "CopyDir",
		},
		Variants: []string{"Timeout", "Opts", "Blocking"},
		RootCtx:  []string{"context.Background", "context.TODO", "timeoutCtx"},
		Alias: map[string]string{
			"Lock.Lock":  "AcquireCtx", // sync.Locker's name for Acquire
			"RLock.Lock": "AcquireCtx",
		},
		Exempt: map[string]string{
			"Local.Get": "reads the calling thread's value: nothing to wait for",
			// They never wait for room or items (in a child, one round trip
			// to the parent, which answers at once).
			"ProcessQueue.PutNowait": "answers Full at once",
			"ProcessQueue.GetNowait": "answers Empty at once",
			"ProcessQueue.Qsize":     "a snapshot",
			"ProcessQueue.Full":      "a snapshot",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// heldBy locks l on a goroutine of its own (an RLock is owned by the
// goroutine that acquires it) and returns a function that unlocks it there.
func heldBy(l sync.Locker) (unlock func()) {
	locked, free, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		l.Lock()
		close(locked)
		<-free
		l.Unlock()
		close(done)
	}()
	<-locked
	return func() { close(free); <-done }
}

func TestConditionAcquireCtx(t *testing.T) {
	for _, tc := range []struct {
		name string
		lock func() sync.Locker
		// free reports whether the lock is unlocked (TryLock-like probes
		// that leave it as it was).
		free func(l sync.Locker) bool
	}{
		{"Lock", func() sync.Locker { return NewLock() }, func(l sync.Locker) bool { return !l.(*Lock).Locked() }},
		{"RLock", func() sync.Locker { return NewRLock() }, func(l sync.Locker) bool { return !l.(*RLock).core.Locked() }},
		{"sync.Mutex", func() sync.Locker { return &sync.Mutex{} }, func(l sync.Locker) bool {
			ok := l.(*sync.Mutex).TryLock()
			if ok {
				l.Unlock()
			}
			return ok
		}},
	} {
		t.Run(tc.name+"/cancelled", func(t *testing.T) {
			l := tc.lock()
			c := NewCondition(l)
			unlock := heldBy(l)
			ctxforms.EndsOnCancel(t, c.AcquireCtx, context.Canceled)
			if tc.free(l) {
				t.Error("the holder lost the lock")
			}
			unlock()
			// A cancelled AcquireCtx never takes the lock for good (a
			// sync.Mutex is taken and given back by a helper goroutine).
			deadline := time.Now().Add(5 * time.Second)
			for !tc.free(l) {
				if time.Now().After(deadline) {
					t.Fatal("the lock stayed locked after its holder released it")
				}
				time.Sleep(time.Millisecond)
			}
		})
		t.Run(tc.name+"/done", func(t *testing.T) {
			l := tc.lock()
			c := NewCondition(l)
			unlock := heldBy(l)
			time.AfterFunc(ctxforms.Settle, unlock)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if err := c.AcquireCtx(ctx); err != nil {
				t.Fatalf("AcquireCtx = %v", err)
			}
			if tc.free(l) {
				t.Error("AcquireCtx returned without the lock")
			}
			c.Release()
		})
	}
}

func TestCtxFormsEndWaits(t *testing.T) {
	tests := []struct {
		name string
		// block sets up a wait that cannot end by itself; release checks
		// that ending it early left the thing waited for as documented,
		// then lets it end.
		block func(t *testing.T) (wait func(context.Context) error, release func(t *testing.T))
		// done calls the context form with a live context where the wait
		// ends by itself, and checks the normal result.
		done func(t *testing.T, ctx context.Context)
	}{
		{"Condition.WaitForCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				c := NewCondition()
				return func(ctx context.Context) error {
						c.Acquire()
						err := c.WaitForCtx(ctx, func() bool { return false })
						if rerr := c.L.(*RLock).Release(); rerr != nil {
							return rerr // the lock must be held again
						}
						return err
					}, func(t *testing.T) {
						c.mu.Lock()
						defer c.mu.Unlock()
						if len(c.waiters) != 0 {
							t.Errorf("%d waiters left", len(c.waiters))
						}
					}
			},
			func(t *testing.T, ctx context.Context) {
				c := NewCondition()
				ready := false
				c.Acquire()
				if c.WaitFor(func() bool { return ready }, time.Millisecond) {
					t.Error("WaitFor of a false predicate returned true")
				}
				Go(func() {
					c.Acquire()
					ready = true
					c.NotifyAll()
					c.Release()
				})
				if err := c.WaitForCtx(ctx, func() bool { return ready }); err != nil || !ready {
					t.Errorf("WaitForCtx = %v, ready %v", err, ready)
				}
				c.Release()
				WaitAll()
			}},
		{"AsyncResult.WaitCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				p := NewThreadPool(1)
				hold := make(chan struct{})
				r := p.ApplyAsync(func() { <-hold })
				return r.WaitCtx, func(t *testing.T) {
					if r.Ready() {
						t.Error("result ready before its task ended")
					}
					close(hold)
					if r.Wait(); !r.Ready() {
						t.Error("Wait after WaitCtx: not ready")
					}
					p.Close()
					p.Join()
				}
			},
			func(t *testing.T, ctx context.Context) {
				p := NewThreadPool(1)
				defer func() { p.Close(); p.Join() }()
				r := p.ApplyAsync(func() int { return 1 })
				if err := r.WaitCtx(ctx); err != nil || !r.Ready() {
					t.Errorf("WaitCtx = %v, ready %v", err, r.Ready())
				}
			}},
		{"ThreadPool.ApplyCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				p := NewThreadPool(1)
				hold := make(chan struct{})
				var ran atomic.Bool
				return func(ctx context.Context) error {
						_, err := p.ApplyCtx(ctx, func() { <-hold; ran.Store(true) })
						return err
					}, func(t *testing.T) {
						close(hold)
						p.Close()
						p.Join()
						if !ran.Load() {
							t.Error("the task did not run on")
						}
					}
			},
			func(t *testing.T, ctx context.Context) {
				p := NewThreadPool(1)
				defer func() { p.Close(); p.Join() }()
				if v, err := p.ApplyCtx(ctx, func(x int) int { return 2 * x }, 21); v != 42 || err != nil {
					t.Errorf("ApplyCtx = %v, %v", v, err)
				}
			}},
		{"Pool.ApplyCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				p, err := NewPool(1)
				if err != nil {
					t.Fatal(err)
				}
				return func(ctx context.Context) error { _, err := p.ApplyCtx(ctx, procSleep, time.Hour); return err },
					func(t *testing.T) {
						if pid := p.Pids()[0]; !running(pid) {
							t.Errorf("worker %d gone", pid)
						}
						p.Terminate()
						p.Join()
					}
			},
			func(t *testing.T, ctx context.Context) {
				p, err := NewPool(1)
				if err != nil {
					t.Fatal(err)
				}
				defer func() { p.Close(); p.Join() }()
				if v, err := p.ApplyCtx(ctx, double, 21); v != 42 || err != nil {
					t.Errorf("ApplyCtx = %v, %v", v, err)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name+"/cancelled", func(t *testing.T) {
			wait, release := tc.block(t)
			defer release(t) // also after a failure: a wait left blocked would hang the next test
			ctxforms.EndsOnCancel(t, wait, context.Canceled)
		})
		t.Run(tc.name+"/done", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			tc.done(t, ctx)
		})
	}
}
