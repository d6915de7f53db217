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

func TestLockAPI(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, l *Lock)
	}{
		{"acquire release", func(t *testing.T, l *Lock) {
			l.Acquire()
			if !l.Locked() {
				t.Error("not locked after Acquire")
			}
			if err := l.Release(); err != nil || l.Locked() {
				t.Errorf("Release() = %v, locked %v", err, l.Locked())
			}
		}},
		{"non-blocking on held", func(t *testing.T, l *Lock) {
			l.Acquire()
			if l.AcquireBlocking(false) {
				t.Error("AcquireBlocking(false) on a held lock = true")
			}
			_ = l.Release()
			if !l.AcquireBlocking(false) {
				t.Error("AcquireBlocking(false) on a free lock = false")
			}
		}},
		{"timeout on held", func(t *testing.T, l *Lock) {
			l.Acquire()
			if l.AcquireTimeout(5 * time.Millisecond) {
				t.Error("AcquireTimeout on a held lock = true")
			}
		}},
		{"ctx cancelled", func(t *testing.T, l *Lock) {
			l.Acquire()
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if err := l.AcquireCtx(ctx); !errors.Is(err, context.Canceled) {
				t.Errorf("AcquireCtx = %v", err)
			}
			if !l.Locked() {
				t.Error("cancelled AcquireCtx changed the lock")
			}
		}},
		{"release unlocked", func(t *testing.T, l *Lock) {
			err := l.Release()
			if err == nil || err.Error() != "RuntimeError: release unlocked lock" || !errors.Is(err, RuntimeError) {
				t.Errorf("Release() of unlocked = %v", err)
			}
		}},
		{"unlock unlocked panics", func(t *testing.T, l *Lock) {
			defer func() {
				if r := recover(); r == nil {
					t.Error("Unlock of unlocked lock did not panic")
				}
			}()
			l.Unlock()
		}},
		{"released by another thread", func(t *testing.T, l *Lock) {
			l.Lock()
			th := NewThread(l.Release)
			_ = th.Start()
			th.Join()
			if l.Locked() {
				t.Error("lock still held after release from another thread")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			captureOutput(t) // self-deadlock reports
			tc.run(t, NewLock())
		})
	}
}

func TestLockZeroValue(t *testing.T) {
	var l Lock
	l.Lock()
	if l.AcquireBlocking(false) || l.Name() != "Lock" {
		t.Error("zero Lock: second acquire succeeded or bad name")
	}
	l.Unlock()
}

// TestRaceLostUpdates runs the seeds' race: two threads each add 1 a million
// times to a shared counter. Unsynchronised (an atomic load followed by an
// atomic store, i.e. `g += 1` made visible to the race detector as the
// read-modify-write it is), updates get lost; with an mt.Lock the total is
// exact.
func TestRaceLostUpdates(t *testing.T) {
	const n = 1_000_000
	tests := []struct {
		name  string
		lock  bool
		exact bool
	}{
		{"unsynchronised", false, false},
		{"locked", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var g atomic.Int64
			mutex := NewLock("mutex")
			work := func(k int) {
				for range k {
					if tc.lock {
						mutex.Acquire()
					}
					g.Store(g.Load() + 1)
					if tc.lock {
						_ = mutex.Release()
					}
				}
			}
			gate := NewEvent()
			run := func(k int) { gate.Wait(); work(k) }
			t1, t2 := NewThread(run, n), NewThread(run, n)
			_ = t1.Start()
			_ = t2.Start()
			gate.Set()
			t1.Join()
			t2.Join()
			got := g.Load()
			if got > 2*n || (tc.exact && got != 2*n) {
				t.Errorf("total = %d (2×%d, exact=%v)", got, n, tc.exact)
			}
			t.Logf("total = %d", got)
		})
	}
}

func TestRLock(t *testing.T) {
	r := NewRLock()
	r.Acquire()
	r.Acquire()
	if !r.AcquireTimeout(0) {
		t.Error("owner could not re-acquire")
	}
	other := make(chan bool)
	Go(func() {
		other <- r.AcquireTimeout(5 * time.Millisecond)
		err := r.Release()
		other <- err != nil && err.Error() == "RuntimeError: cannot release un-acquired lock"
	})
	if <-other {
		t.Error("another thread acquired an owned RLock")
	}
	if !<-other {
		t.Error("release by non-owner did not fail")
	}
	for range 3 {
		if err := r.Release(); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Release(); err == nil {
		t.Error("release of free RLock succeeded")
	}
	Go(func() { other <- r.AcquireTimeout(time.Second); _ = r.Release() })
	if !<-other {
		t.Error("RLock not free after balanced releases")
	}
	WaitAll()
}

// TestDeadlockDetected builds the seeds' deadlock: two threads take mutexA
// and mutexB in opposite orders. The report names both threads and locks;
// the threads are then released by cancelling their contexts.
func TestDeadlockDetected(t *testing.T) {
	_, stderr := captureOutput(t)
	setGrace(t, 10*time.Millisecond)
	a, b := NewLock("mutexA"), NewLock("mutexB")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	holding := NewSemaphore(0)
	bothHold := NewEvent()
	var errs [2]error
	body := func(i int, first, second *Lock) {
		first.Acquire()
		defer first.Release()
		holding.Release()
		bothHold.Wait()
		errs[i] = second.AcquireCtx(ctx)
	}
	t1 := NewThreadOpts(ThreadOpts{Target: body, Args: []any{0, a, b}, Name: "Thread-1"})
	t2 := NewThreadOpts(ThreadOpts{Target: body, Args: []any{1, b, a}, Name: "Thread-2"})
	_ = t1.Start()
	_ = t2.Start()
	holding.Acquire()
	holding.Acquire()
	bothHold.Set()
	for DeadlockReport() == "" {
		time.Sleep(time.Millisecond)
	}
	deadlocks.pending.Wait() // the grace check that prints it
	report := DeadlockReport()
	for _, want := range []string{
		"Deadlock detected: 2 threads wait for each other",
		"Thread-1 holds mutexA and waits for mutexB (held by Thread-2)",
		"Thread-2 holds mutexB and waits for mutexA (held by Thread-1)",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("DeadlockReport() = %q, missing %q", report, want)
		}
	}
	if got := stderr.String(); got != report {
		t.Errorf("stderr = %q, want the report once: %q", got, report)
	}
	cancel()
	t1.Join()
	t2.Join()
	for i, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("thread %d: AcquireCtx = %v", i+1, err)
		}
	}
	if r := DeadlockReport(); r != "" {
		t.Errorf("report after the cycle ended = %q", r)
	}
}

func TestDeadlockThreeLocks(t *testing.T) {
	_, stderr := captureOutput(t)
	setGrace(t, 10*time.Millisecond)
	locks := []*Lock{NewLock("L0"), NewLock("L1"), NewLock("L2")}
	ctx, cancel := context.WithCancel(context.Background())
	holding := NewSemaphore(0)
	go1 := NewEvent()
	for i := range 3 {
		Go(func() {
			locks[i].Acquire()
			defer locks[i].Release()
			holding.Release()
			go1.Wait()
			_ = locks[(i+1)%3].AcquireCtx(ctx)
		})
	}
	for range 3 {
		holding.Acquire()
	}
	go1.Set()
	for DeadlockReport() == "" {
		time.Sleep(time.Millisecond)
	}
	deadlocks.pending.Wait()
	if n := len(regexp.MustCompile(`holds L\d and waits for L\d`).FindAllString(stderr.String(), -1)); n != 3 {
		t.Errorf("stderr report has %d edges, want 3: %q", n, stderr.String())
	}
	cancel()
	WaitAll()
}

func TestNoDeadlockReportedForPlainWait(t *testing.T) {
	_, stderr := captureOutput(t)
	l := NewLock()
	l.Acquire()
	done := make(chan struct{})
	Go(func() { l.Acquire(); _ = l.Release(); close(done) })
	for !waiting(l) {
		time.Sleep(time.Millisecond)
	}
	if r := DeadlockReport(); r != "" {
		t.Errorf("report with a single waiter = %q", r)
	}
	_ = l.Release()
	<-done
	if stderr.String() != "" {
		t.Errorf("stderr = %q", stderr.String())
	}
	WaitAll()
}

func waiting(l trackedLock) bool {
	deadlocks.mu.Lock()
	defer deadlocks.mu.Unlock()
	for _, w := range deadlocks.waiting {
		if w.lock == l {
			return true
		}
	}
	return false
}

// setGrace sets DeadlockGrace for one test.
func setGrace(t *testing.T, d time.Duration) {
	old := DeadlockGrace
	DeadlockGrace = d
	t.Cleanup(func() { DeadlockGrace = old })
}

// TestDeadlockGrace: a thread waits for a lock it holds itself. Reported
// only if the wait still closes the cycle when the grace check runs, not if
// another thread released the lock in between (a Lock may be released by any
// thread). The grace checks are fired by hand.
func TestDeadlockGrace(t *testing.T) {
	checks := make(chan func(), 1)
	old := afterFunc
	afterFunc = func(_ time.Duration, f func()) { checks <- f }
	t.Cleanup(func() { afterFunc = old })
	for _, release := range []bool{true, false} {
		_, stderr := captureOutput(t)
		l := NewLock("turn")
		holds := NewEvent()
		th := Go(func() {
			l.Acquire()
			holds.Set()
			l.Acquire() // until another thread releases it
			_ = l.Release()
		})
		holds.Wait()
		check := <-checks // the second Acquire closed a cycle
		if release {
			_ = l.Release() // the hand-off: the waiter gets the lock
			th.Join()
			check()
			if got := stderr.String(); got != "" {
				t.Errorf("released before the grace check: stderr = %q", got)
			}
			continue
		}
		check()
		want := "Deadlock detected: " + th.Name() + " waits for turn, which it holds itself (a Lock is not reentrant; use an RLock)\n"
		if got := stderr.String(); got != want {
			t.Errorf("still waiting at the grace check: stderr = %q, want %q", got, want)
		}
		_ = l.Release()
		th.Join()
	}
}

// TestNoDeadlockReportedForHandOff runs the "three locks, one ring" hand-off:
// each thread waits for its own lock, which the previous thread in the ring
// releases. Threads wait for locks they acquired themselves all the time,
// but never for long: nothing is reported.
func TestNoDeadlockReportedForHandOff(t *testing.T) {
	_, stderr := captureOutput(t)
	locks := []*Lock{NewLock(), NewLock(), NewLock()}
	locks[1].Acquire()
	locks[2].Acquire()
	var order []int
	for i := range 3 {
		Go(func() {
			for range 200 {
				locks[i].Acquire()
				order = append(order, i)
				_ = locks[(i+1)%3].Release()
			}
		})
	}
	WaitAll()
	deadlocks.pending.Wait()
	for k, i := range order {
		if i != k%3 {
			t.Fatalf("turn %d taken by thread %d", k, i)
		}
	}
	if got := stderr.String(); got != "" {
		t.Errorf("stderr = %q", got)
	}
}
