package coro

import (
	"context"
	"time"
)

// Spawn is gevent.spawn(fn, args...): a new task calling fn(args...),
// queued on the hub. It starts when the caller next waits in the hub (Join,
// JoinAll, Sleep, ...), as in gevent. fn is any func (arguments converted
// by reflection), a NamedFunc, or an Awaitable. It panics with TypeError if
// fn is not callable.
//
// A task that ends with an exception (an error result or a panic) other
// than a cancellation reports it on stderr as gevent does ("... failed with
// TypeError"); its Err, Value and Successful tell it too.
func Spawn(fn any, args ...any) *Task {
	t, err := newTask("", fn, args)
	if err != nil {
		panic(err)
	}
	t.gevent = true
	return t
}

// SpawnNamed is Spawn with a name, shown by Name and String (`<Greenlet
// "name" at 0x...: f(5)>`).
func SpawnNamed(name string, fn any, args ...any) *Task {
	t, err := newTask(name, fn, args)
	if err != nil {
		panic(err)
	}
	t.label, t.gevent = name, true
	return t
}

// Go starts a task for compiled callers: fn gets a context that Cancel (or
// the kernel's interrupt) cancels.
func Go(ctx context.Context, fn func(ctx context.Context) (any, error)) *Task {
	var t *Task
	cctx, cancel := context.WithCancel(ctx)
	t = Spawn(func() (any, error) {
		defer cancel()
		return fn(cctx)
	})
	t.AddDoneCallback(func(*Task) { cancel() })
	return t
}

// JoinAll is gevent.joinall(tasks): it waits until every task has finished
// (other tasks run meanwhile). It returns early if the calling task is
// cancelled or the kernel interrupts.
func JoinAll(tasks ...*Task) { _ = JoinAllCtx(context.Background(), -1, tasks...) }

// JoinAllTimeout is joinall with a timeout; it reports whether all
// finished in time.
func JoinAllTimeout(d time.Duration, tasks ...*Task) bool {
	if JoinAllCtx(context.Background(), max(d, 0), tasks...) != nil {
		return false
	}
	for _, t := range tasks {
		if !t.Done() {
			return false
		}
	}
	return true
}

// JoinAllCtx is JoinAll for compiled callers, as JoinCtx is Join: it waits
// until every task has finished or d has passed (d < 0: no limit) and
// returns nil then (check Done after a timeout), ErrInterrupted if ctx ends
// first or the kernel interrupts, CancelledError if the calling task is
// cancelled. The tasks keep running when the wait ends early.
func JoinAllCtx(ctx context.Context, d time.Duration, tasks ...*Task) error {
	deadline := time.Now().Add(d)
	for _, t := range tasks {
		left := time.Duration(-1)
		if d >= 0 {
			left = max(time.Until(deadline), 0)
		}
		if err := t.JoinCtx(ctx, left); err != nil {
			return err
		}
		if !t.Done() {
			return nil // timed out
		}
	}
	return nil
}

// Sleep is gevent.sleep / asyncio.sleep: the calling task waits d while
// the others run; Sleep(0) lets every ready task run once. Called outside
// any task, it runs the hub for d (spawned tasks make progress). It
// returns CancelledError if the calling task is cancelled meanwhile,
// ErrInterrupted if the kernel interrupts, nil otherwise.
func Sleep(d time.Duration) error { return SleepCtx(context.Background(), d) }

// SleepCtx is Sleep that also returns when ctx is done.
func SleepCtx(ctx context.Context, d time.Duration) error {
	h := theHub
	if d <= 0 {
		return h.yieldNow(ctx)
	}
	return h.blockAs(waitSleep, "", ctx, func(waitRef) bool { return false }, d, nil)
}

// Seconds converts Python's float seconds to a Duration: Seconds(0.5).
func Seconds(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }

var mainTask = &Task{name: "main", done: true}

// GetCurrent is gevent.getcurrent(): the running task, or a task named
// "main" standing for the caller when it is not a task.
func GetCurrent() *Task {
	if f := theHub.self(); f != nil {
		return f.task
	}
	return mainTask
}

// InTask reports whether the caller is the running cooperative task.
func InTask() bool { return theHub.self() != nil }

// KillAll kills (see Task.Kill) every unfinished task and waits for them to
// end; the kernel's reset after an interrupted cell.
func KillAll() { _ = KillAllCtx(context.Background()) }

// KillAllCtx is KillAll whose wait ends early, with ErrInterrupted, when
// ctx is done or the kernel interrupts (CancelledError if the calling task
// is cancelled). The cancellations are requested before the wait, so they
// stand: tasks still running end at their next await point.
func KillAllCtx(ctx context.Context) error {
	h := theHub
	h.mu.Lock()
	var ts []*Task
	for t := range h.tasks {
		ts = append(ts, t)
	}
	h.mu.Unlock()
	for _, t := range ts {
		t.cancel(true)
	}
	for _, t := range ts {
		if err := t.JoinCtx(ctx, -1); err != nil {
			return err
		}
	}
	return nil
}

// IO runs a blocking operation with the hub's baton released, so other
// tasks run meanwhile (gevent's patched I/O, asyncio's awaited I/O). Outside
// a task it just calls fn. A panic in fn is returned as an error.
func IO(fn func() error) error { return IOCtx(context.Background(), fn) }

// IOCtx is IO whose wait for fn ends early, with ErrInterrupted, when ctx
// is done or the kernel interrupts (CancelledError if the calling task is
// cancelled). fn itself cannot be stopped: it runs on to its end and its
// error is dropped. Outside a task, fn runs on a goroutine of its own
// while the caller waits, unless ctx can never end (context.Background):
// then it is called directly, as IO does.
func IOCtx(ctx context.Context, fn func() error) error {
	h := theHub
	call := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = asError(r)
			}
		}()
		return fn()
	}
	done := make(chan error, 1)
	if h.self() == nil {
		if ctx.Done() == nil {
			return call()
		}
		go func() { done <- call() }()
		err, ok, intr := awaitOutside(ctx, done)
		if ok {
			return err
		}
		return interrupted(intr)
	}
	berr := h.block(ctx, func(ref waitRef) bool {
		go func() {
			e := call()
			h.mu.Lock()
			done <- e
			h.makeReady(ref, nil)
			h.mu.Unlock()
		}()
		return false
	}, -1, nil)
	if berr != nil {
		return berr
	}
	return <-done
}

// MaybeIO is IO when PatchAll is in effect and a plain call otherwise: the
// helper for I/O that gevent's monkey patch would make cooperative.
func MaybeIO(fn func() error) error {
	if Patched() {
		return IO(fn)
	}
	return fn()
}
