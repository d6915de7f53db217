package coro

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

func ptr(p any) string { return fmt.Sprintf("%p", p) }

// Run is asyncio.run(main(args...)): it runs main as a task on the hub and
// waits for it, returning its result; tasks main created and left
// unfinished are then cancelled, as asyncio.run does. main is a function
// (any signature; a trailing error result is its exception) or an
// Awaitable. Inside a task it fails with "RuntimeError: asyncio.run()
// cannot be called from a running event loop". At its end, tasks that
// ended with an exception nobody retrieved are reported on stderr ("Task
// exception was never retrieved", see Loop.Close).
func Run(main any, args ...any) (any, error) {
	return RunCtx(context.Background(), main, args...)
}

// RunCtx is Run that gives up (cancelling main) when ctx is done.
func RunCtx(ctx context.Context, main any, args ...any) (any, error) {
	if InTask() {
		return nil, raisef(RuntimeError, "asyncio.run() cannot be called from a running event loop")
	}
	before := liveTasks()
	t, err := newTask("", main, args)
	if err != nil {
		return nil, err
	}
	if err := t.JoinCtx(ctx, -1); err != nil {
		t.Cancel()
		return nil, err
	}
	for _, o := range newTasks(before) {
		o.cancel(true)
		o.Join()
	}
	res, err := t.Result()
	reportUnretrieved()
	return res, err
}

func liveTasks() map[*Task]bool {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	m := make(map[*Task]bool, len(h.tasks))
	for t := range h.tasks {
		m[t] = true
	}
	return m
}

func newTasks(before map[*Task]bool) []*Task {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []*Task
	for t := range h.tasks {
		if !before[t] {
			out = append(out, t)
		}
	}
	return out
}

// CreateTask is asyncio.create_task(aw): aw (an Awaitable, or a function
// with its arguments) scheduled as a new task. It must be called from a
// running task, else it panics with "RuntimeError: no running event loop".
func CreateTask(aw any, args ...any) *Task {
	if !InTask() {
		panic(raisef(RuntimeError, "no running event loop"))
	}
	return EnsureFuture(aw, args...)
}

// EnsureFuture is asyncio.ensure_future(aw): a *Task is returned as is;
// anything else becomes a new task (which runs when the hub next runs).
func EnsureFuture(aw any, args ...any) *Task {
	if t, ok := aw.(*Task); ok {
		return t
	}
	t, err := newTask("", aw, args)
	if err != nil {
		panic(err)
	}
	return t
}

// awaitAll turns aws into tasks (Futures are awaited by a task of their
// own).
func awaitAll(aws []any) []*Task {
	ts := make([]*Task, len(aws))
	for i, a := range aws {
		ts[i] = EnsureFuture(a)
	}
	return ts
}

// Gather is asyncio.gather(aws...): it runs the awaitables (tasks,
// futures, coroutines, functions) concurrently and returns their results
// in argument order once all are done. If any fails, Gather returns the
// first exception in argument order (results of the others are still in
// the slice); if the calling task is cancelled, the awaitables are
// cancelled too.
func Gather(aws ...any) ([]any, error) { return GatherCtx(context.Background(), aws...) }

// GatherCtx is Gather that gives up (cancelling the awaitables) when ctx is
// done.
func GatherCtx(ctx context.Context, aws ...any) ([]any, error) {
	out, errs, err := gather(ctx, aws)
	if err != nil {
		return nil, err
	}
	for _, e := range errs {
		if e != nil {
			return out, e // the first exception in argument order
		}
	}
	return out, nil
}

// GatherReturnExceptions is gather(..., return_exceptions=True): failed
// awaitables contribute their error as their result. If the wait ends early
// (the calling task cancelled, the kernel interrupting), the awaitables are
// cancelled and the result is nil.
func GatherReturnExceptions(aws ...any) []any {
	out, _ := GatherReturnExceptionsCtx(context.Background(), aws...)
	return out
}

// GatherReturnExceptionsCtx is GatherReturnExceptions for compiled callers:
// it gives up (cancelling the awaitables) when ctx is done, returning
// ErrInterrupted, or CancelledError when the calling task is cancelled.
func GatherReturnExceptionsCtx(ctx context.Context, aws ...any) ([]any, error) {
	out, errs, err := gather(ctx, aws)
	if err != nil {
		return nil, err
	}
	for i, e := range errs {
		if e != nil {
			out[i] = e
		}
	}
	return out, nil
}

// gather runs aws as tasks and waits for all of them, returning their
// results and exceptions in argument order. If the wait ends early (err),
// the tasks are cancelled.
func gather(ctx context.Context, aws []any) (out []any, errs []error, err error) {
	ts := awaitAll(aws)
	for _, t := range ts {
		if err := t.JoinCtx(ctx, -1); err != nil {
			for _, o := range ts {
				o.Cancel()
			}
			return nil, nil, err
		}
	}
	out, errs = make([]any, len(ts)), make([]error, len(ts))
	for i, t := range ts {
		out[i], errs[i] = t.Result()
	}
	return out, errs, nil
}

// WaitOpt is an option of Wait: FirstCompleted, FirstException,
// AllCompleted or Timeout(d).
type WaitOpt struct {
	when    string
	timeout time.Duration
	hasTO   bool
}

// The return_when values of asyncio.wait.
var (
	FirstCompleted = WaitOpt{when: "FIRST_COMPLETED"}
	FirstException = WaitOpt{when: "FIRST_EXCEPTION"}
	AllCompleted   = WaitOpt{when: "ALL_COMPLETED"}
)

// Timeout makes Wait return after d even if the condition is not met.
func Timeout(d time.Duration) WaitOpt { return WaitOpt{timeout: d, hasTO: true} }

// Wait is asyncio.wait(tasks, return_when=..., timeout=...): it waits until
// all tasks are done (default), the first is done (FirstCompleted) or the
// first fails (FirstException), or the timeout passes, and returns the
// done tasks in completion order and the pending ones in argument order.
// Tasks are not cancelled on timeout.
func Wait(tasks []*Task, opts ...WaitOpt) (done, pending []*Task, err error) {
	return WaitCtx(context.Background(), tasks, opts...)
}

// WaitCtx is Wait that also returns (with ErrInterrupted) when ctx is done.
func WaitCtx(ctx context.Context, tasks []*Task, opts ...WaitOpt) (done, pending []*Task, err error) {
	when := "ALL_COMPLETED"
	var deadline time.Time
	for _, o := range opts {
		if o.when != "" {
			when = o.when
		}
		if o.hasTO {
			deadline = time.Now().Add(o.timeout)
		}
	}
	isDone := map[*Task]bool{}
	order := []*Task{}
	finished := func() bool {
		var now []*Task // newly done, in the order they finished
		for _, t := range tasks {
			if !isDone[t] && t.Done() {
				isDone[t] = true
				now = append(now, t)
			}
		}
		h := theHub
		h.mu.Lock()
		slices.SortFunc(now, func(a, b *Task) int { return cmp.Compare(a.doneSeq, b.doneSeq) })
		order = append(order, now...)
		failed := false
		for _, t := range now {
			failed = failed || t.err != nil
		}
		h.mu.Unlock()
		if len(now) > 0 && (when == "FIRST_COMPLETED" || (when == "FIRST_EXCEPTION" && failed)) {
			return true
		}
		return len(order) == len(tasks)
	}
	h := theHub
	for !finished() {
		d := time.Duration(-1)
		if !deadline.IsZero() {
			if d = time.Until(deadline); d <= 0 {
				break
			}
		}
		err = h.blockAs(waitJoin, "", ctx, func(ref waitRef) bool {
			for _, t := range tasks {
				if !isDone[t] {
					if t.done {
						return true
					}
					t.joiners = append(t.joiners, ref)
				}
			}
			return false
		}, d, nil)
		if err != nil {
			break
		}
	}
	for _, t := range tasks {
		if !isDone[t] {
			pending = append(pending, t)
		}
	}
	return order, pending, err
}

// WaitFor is asyncio.wait_for(aw, timeout): aw's result, or "TimeoutError"
// after d, cancelling it.
func WaitFor(aw any, d time.Duration) (any, error) {
	return WaitForCtx(context.Background(), aw, d)
}

// WaitForCtx is WaitFor that also returns, with ErrInterrupted, when ctx is
// done. Only the timeout cancels aw: when ctx ends first, aw keeps running.
func WaitForCtx(ctx context.Context, aw any, d time.Duration) (any, error) {
	t := EnsureFuture(aw)
	if err := t.JoinCtx(ctx, d); err != nil {
		return nil, err
	}
	if !t.Done() {
		t.Cancel()
		if err := t.JoinCtx(ctx, -1); err != nil {
			return nil, err
		}
		return nil, TimeoutError
	}
	return t.Result()
}

// Loop is asyncio's event loop object, for code written against
// get_event_loop()/run_until_complete(). All loops share the one hub.
type Loop struct {
	running bool
	closed  bool
}

var defaultLoop = &Loop{}

// GetEventLoop returns the default loop (a new one if it was closed).
func GetEventLoop() *Loop {
	theHub.mu.Lock()
	defer theHub.mu.Unlock()
	if defaultLoop.closed {
		defaultLoop = &Loop{}
	}
	return defaultLoop
}

// NewEventLoop returns a new loop.
func NewEventLoop() *Loop { return &Loop{} }

// RunUntilComplete runs aw (as EnsureFuture) and returns its result. It
// fails with "RuntimeError: Event loop is closed" on a closed loop and
// "RuntimeError: This event loop is already running" if called while the
// loop runs (from one of its tasks). When aw is done, tasks that ended with
// an exception nobody has retrieved yet are reported on stderr, as at Run's
// end (asyncio reports them when it collects them, which in a notebook may
// be much later or never: run_until_complete(asyncio.wait(tasks)) would
// drop an error silently).
func (l *Loop) RunUntilComplete(aw any) (any, error) {
	return l.RunUntilCompleteCtx(context.Background(), aw)
}

// RunUntilCompleteCtx is RunUntilComplete that also returns, with
// ErrInterrupted, when ctx is done. aw is not cancelled: like asyncio's
// loop after a KeyboardInterrupt, the loop can run it to completion later
// (pass the same *Task again).
func (l *Loop) RunUntilCompleteCtx(ctx context.Context, aw any) (any, error) {
	theHub.mu.Lock()
	switch {
	case l.closed:
		theHub.mu.Unlock()
		return nil, raisef(RuntimeError, "Event loop is closed")
	case l.running:
		theHub.mu.Unlock()
		return nil, raisef(RuntimeError, "This event loop is already running")
	}
	l.running = true
	theHub.mu.Unlock()
	defer func() { theHub.mu.Lock(); l.running = false; theHub.mu.Unlock() }()
	res, err := EnsureFuture(aw).AwaitCtx(ctx)
	if err != ErrInterrupted {
		reportUnretrieved()
	}
	return res, err
}

// IsRunning reports whether RunUntilComplete is running.
func (l *Loop) IsRunning() bool { theHub.mu.Lock(); defer theHub.mu.Unlock(); return l.running }

// IsClosed reports whether Close was called.
func (l *Loop) IsClosed() bool { theHub.mu.Lock(); defer theHub.mu.Unlock(); return l.closed }

// Close closes the loop; "RuntimeError: Cannot close a running event loop"
// while it runs. Tasks that ended with an exception nobody retrieved (since
// the last report) are reported on stderr ("Task exception was never
// retrieved"), as asyncio reports them when it collects them.
func (l *Loop) Close() error {
	theHub.mu.Lock()
	if l.running {
		theHub.mu.Unlock()
		return raisef(RuntimeError, "Cannot close a running event loop")
	}
	l.closed = true
	theHub.mu.Unlock()
	reportUnretrieved()
	return nil
}

// CreateTask is loop.create_task(aw).
func (l *Loop) CreateTask(aw any, args ...any) *Task { return EnsureFuture(aw, args...) }

// Handle is a scheduled callback (loop.call_later / call_soon).
type Handle struct{ t *Task }

// Cancel prevents the callback from running if it has not yet.
func (h *Handle) Cancel() { h.t.Cancel() }

// CallSoon is loop.call_soon(fn): fn runs as a task on the hub's next turn.
func (l *Loop) CallSoon(fn func()) *Handle { return &Handle{Spawn(fn)} }

// CallLater is loop.call_later(d, fn): fn runs on the hub after d, unless
// the handle is cancelled first.
func (l *Loop) CallLater(d time.Duration, fn func()) *Handle {
	return &Handle{Spawn(func() {
		if Sleep(d) == nil {
			fn()
		}
	})}
}

// RunInExecutor is loop.run_in_executor(None, fn, args...): fn runs on a
// goroutine of its own, outside the hub (so it may block), and the returned
// Future gets its result.
func (l *Loop) RunInExecutor(fn any, args ...any) *Future {
	f := NewFuture()
	c, err := newCallable(fn)
	if err != nil {
		f.SetException(err)
		return f
	}
	go func() {
		var v any
		var err error
		func() {
			defer func() {
				if r := recover(); r != nil {
					err = asError(r)
				}
			}()
			v, err = c.call(args...)
		}()
		f.set(v, err)
	}()
	return f
}

// Time is loop.time(): seconds on a monotonic clock.
func (l *Loop) Time() float64 { return time.Since(loopEpoch).Seconds() }

var loopEpoch = time.Now()
