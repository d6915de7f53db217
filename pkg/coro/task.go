package coro

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/internal/goid"
)

// Task is a cooperative task of the hub: gevent's Greenlet (Spawn) and
// asyncio's Task (CreateTask, EnsureFuture, Run) at once. It runs its
// function on a goroutine of its own, but only while it holds the hub's
// baton: it gives the baton up at each await point (Sleep, Join, Gather,
// Wait, Queue.Get/Put, Future.Await, IO, Fetch, and time.Sleep in a cell
// after PatchAll) and otherwise runs until it returns. A blocking call that
// is not an await point (time.Sleep before PatchAll, http.Get) holds the
// baton: every other task waits, as in gevent and asyncio.
//
// The function's result becomes the task's result: a trailing error result
// (or a panic, which never escapes the task) is its exception. Methods are
// safe for concurrent use.
type Task struct {
	name    string // f(5): the call, or SpawnNamed's name
	label   string // SpawnNamed's name, shown in quotes by String
	gevent  bool   // made by Spawn/SpawnNamed: an exception is reported when it ends
	fn      *callable
	aw      Awaitable // run instead of fn when set
	args    []any
	f       fiber
	gid     atomic.Int64 // its goroutine, once started
	started bool

	// Under theHub.mu:
	done          bool
	result        any
	err           error
	cancelled     bool
	cancelPending bool   // cancel requested while not parked
	killed        bool   // Kill, KillAll, Run's end: its waits panic with CancelledError
	retrieved     bool   // its result or exception was asked for (Result, Err, Await, ...)
	doneSeq       uint64 // when it finished, in the hub's sequence (Wait's completion order)
	joiners       []waitRef
	callbacks     []func(*Task)
	doneCh        chan struct{}
}

// newTask returns a task of fn (a callable or an Awaitable) queued on the
// hub.
func newTask(name string, fn any, args []any) (*Task, error) {
	t := &Task{doneCh: make(chan struct{})}
	t.f.wake = make(chan struct{}, 1)
	t.f.task = t
	if aw, ok := fn.(Awaitable); ok {
		t.aw = aw
		if c, ok := aw.(*Coroutine); ok && name == "" && c.fn != nil {
			name = callRepr(c.fn.name, c.args)
		}
		if name == "" {
			name = fmt.Sprintf("Task-%p", t)
		}
	} else {
		c, err := newCallable(fn)
		if err != nil {
			return nil, err
		}
		t.fn = c
		if name == "" {
			name = callRepr(c.name, args)
		}
	}
	t.name, t.args = name, args
	h := theHub
	h.mu.Lock()
	h.tasks[t] = true
	t.f.parked = true
	h.makeReady(waitRef{&t.f, t.f.epoch}, nil)
	h.mu.Unlock()
	return t, nil
}

// callRepr is "f(5, 'x')": a call as gevent shows it.
func callRepr(name string, args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = Repr(a)
	}
	return name + "(" + strings.Join(parts, ", ") + ")"
}

// main is the task's goroutine.
func (t *Task) main() {
	t.gid.Store(goid.ID())
	traceStart(t)
	h := theHub
	var result any
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = recoveredError(r)
			}
		}()
		h.mu.Lock()
		cancelled := t.cancelPending
		t.cancelPending = false
		h.mu.Unlock()
		switch {
		case cancelled:
			err = CancelledError
		case t.aw != nil:
			result, err = t.aw.Await()
		default:
			result, err = t.fn.call(t.args...)
		}
	}()
	h.mu.Lock()
	h.seq++
	t.done, t.result, t.err, t.doneSeq = true, result, err, h.seq
	t.cancelled = err != nil && errors.Is(err, CancelledError)
	if reportable(err) && !t.gevent {
		h.failed = append(h.failed, t)
	}
	delete(h.tasks, t)
	for _, ref := range t.joiners {
		h.makeReady(ref, nil)
	}
	t.joiners = nil
	cbs := t.callbacks
	t.callbacks = nil
	close(t.doneCh)
	traceEnd(t)
	h.mu.Unlock()
	if reportable(err) && t.gevent {
		reportFailure(t, err)
	}
	for _, cb := range cbs {
		cb(t)
	}
	h.mu.Lock()
	h.release(&t.f)
	h.mu.Unlock()
}

// String returns what gevent prints for a greenlet, `<Greenlet at
// 0xc000123450: f(5)>`: its address (the same for the task's whole life)
// and the function's name and arguments; with SpawnNamed's name,
// `<Greenlet "name" at 0x...: f(5)>`. A task of a coroutine object shows
// the coroutine's call. Functions defined in a notebook cell get their
// names from the kernel (see Named).
func (t *Task) String() string {
	label := ""
	if t.label != "" {
		label = strconv.Quote(t.label) + " "
	}
	call := t.name
	if t.label != "" && t.fn != nil {
		call = callRepr(t.fn.name, t.args)
	}
	return "<Greenlet " + label + "at " + ptr(t) + ": " + call + ">"
}

// Name returns the task's name.
func (t *Task) Name() string { return t.name }

// Join waits until the task has finished, at most timeout (the first
// value, if given). While the caller waits, other tasks run. Called from
// outside any task, it is gevent's join from the main greenlet. Like gevent's
// it returns nothing, so a cell ending in g.Join() shows no value; Ready
// tells whether the task finished. It returns early if the kernel interrupts.
func (t *Task) Join(timeout ...time.Duration) {
	d := time.Duration(-1)
	if len(timeout) > 0 {
		d = timeout[0]
	}
	_ = t.JoinCtx(context.Background(), d)
}

// JoinCtx is Join for compiled callers: it returns ctx's error (as
// ErrInterrupted) if ctx ends first, CancelledError if the calling task is
// cancelled, nil otherwise (also on timeout, d < 0 meaning none).
func (t *Task) JoinCtx(ctx context.Context, d time.Duration) error {
	h := theHub
	return h.blockAs(waitJoin, laneName(t), ctx, func(ref waitRef) bool {
		if t.done {
			return true
		}
		t.joiners = append(t.joiners, ref)
		return false
	}, d, nil)
}

// Await waits for the task (asyncio's `await task`) and returns its result
// and exception. If the awaiting task is cancelled meanwhile, it returns
// CancelledError; if the kernel interrupts, ErrInterrupted.
func (t *Task) Await() (any, error) { return t.AwaitCtx(context.Background()) }

// AwaitCtx is Await that also returns, with ErrInterrupted, when ctx is
// done. The task keeps running: a later Await gets its result.
func (t *Task) AwaitCtx(ctx context.Context) (any, error) {
	if err := t.JoinCtx(ctx, -1); err != nil {
		return nil, err
	}
	return t.Result()
}

// Result returns the result and exception of a finished task; for an
// unfinished one, "InvalidStateError: Result is not set.".
func (t *Task) Result() (any, error) {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	if !t.done {
		return nil, raisef(InvalidStateError, "Result is not set.")
	}
	t.retrieved = true
	return t.result, t.err
}

// Value is gevent's g.value: the result, nil if unfinished or failed.
func (t *Task) Value() any {
	v, err := t.Result()
	if err != nil {
		return nil
	}
	return v
}

// Err returns the task's exception (nil if unfinished or successful).
func (t *Task) Err() error {
	_, err := t.Result()
	if errors.Is(err, InvalidStateError) {
		return nil
	}
	return err
}

// Exception is asyncio's task.exception(): Err.
func (t *Task) Exception() error { return t.Err() }

// Done reports whether the task has finished (gevent's ready()).
func (t *Task) Done() bool {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	return t.done
}

// Ready is gevent's name for Done.
func (t *Task) Ready() bool { return t.Done() }

// Successful reports whether the task finished without exception.
func (t *Task) Successful() bool {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	t.retrieved = t.retrieved || t.done
	return t.done && t.err == nil
}

// Cancelled reports whether the task ended with CancelledError.
func (t *Task) Cancelled() bool {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	return t.cancelled
}

// Cancel requests cancellation: CancelledError is delivered at the task's
// next await point (at once if it is waiting in one; before it starts if it
// has not). The task may catch it. Cancel returns false if the task has
// already finished.
func (t *Task) Cancel() bool { return t.cancel(false) }

// cancel is Cancel; kill makes the cancellation a panic of CancelledError
// at the task's pending (or next) wait and at every wait after it, so that
// a task that drops errors (a loop of `coro.Sleep(d)`) still ends.
func (t *Task) cancel(kill bool) bool {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	if t.done {
		return false
	}
	t.killed = t.killed || kill
	if t.started && t.f.parked {
		h.makeReady(waitRef{&t.f, t.f.epoch}, CancelledError)
	} else {
		t.cancelPending = true
	}
	return true
}

// Kill is gevent's kill(): Cancel, then wait for the task to end. The wait
// ends early if the calling task is cancelled or the kernel interrupts.
// The task's pending (or next) wait panics with CancelledError, unwinding
// it as gevent's GreenletExit does (its deferred calls run; a recover
// there catches it, but every later wait of the task panics again).
func (t *Task) Kill() { _ = t.KillCtx(context.Background()) }

// KillCtx is Kill whose wait ends early, with ErrInterrupted, when ctx is
// done (CancelledError if the calling task is cancelled). The cancellation
// is requested before the wait, so it stands: a task that has not ended
// yet ends at its next await point.
func (t *Task) KillCtx(ctx context.Context) error {
	t.cancel(true)
	return t.JoinCtx(ctx, -1)
}

// AddDoneCallback arranges for fn(t) to be called when the task finishes
// (at once if it has), on the task's goroutine.
func (t *Task) AddDoneCallback(fn func(*Task)) {
	h := theHub
	h.mu.Lock()
	if !t.done {
		t.callbacks = append(t.callbacks, fn)
		h.mu.Unlock()
		return
	}
	h.mu.Unlock()
	fn(t)
}

// DoneChan returns a channel closed when the task finishes, for compiled
// callers that wait outside the hub (select).
func (t *Task) DoneChan() <-chan struct{} { return t.doneCh }

// errOut is where failures of tasks are reported (tests capture it); nil
// means os.Stderr as it is at the time (the kernel's worker binds it to the
// cell's stderr).
var errOut io.Writer

func reportOut() io.Writer {
	if errOut != nil {
		return errOut
	}
	return os.Stderr
}

// reportable reports whether a task's exception is reported when nobody
// asks for it: not a cancellation, a kill or the kernel's interrupt.
func reportable(err error) bool {
	return err != nil && !errors.Is(err, CancelledError) && !errors.Is(err, GreenletExit) && !errors.Is(err, ErrInterrupted)
}

// reportFailure prints what gevent prints when a greenlet dies of an
// exception, on stderr: the exception, then "<Greenlet ...> failed with
// Type". The task's exception stays available (Err, Value, Join).
func reportFailure(t *Task, err error) {
	fmt.Fprintf(reportOut(), "%s\n%s failed with %s\n", err, t, exceptionName(err))
}

// reportUnretrieved prints asyncio's "Task exception was never retrieved"
// on stderr for every task that has ended with an exception nobody asked
// for (Result, Err, Await, Gather, ...) since the last report: Run does at
// its end, and Loop.Close, so that an error in a task awaited only through
// Wait does not vanish.
func reportUnretrieved() {
	h := theHub
	h.mu.Lock()
	failed := h.failed
	h.failed = nil
	var lines []string
	for _, t := range failed {
		if !t.retrieved {
			t.retrieved = true
			lines = append(lines, fmt.Sprintf("Task exception was never retrieved\nfuture: <Task finished name=%s exception=%s>\n",
				Repr(t.name), exceptionRepr(t.err)))
		}
	}
	h.mu.Unlock()
	for _, l := range lines {
		fmt.Fprint(reportOut(), l)
	}
}

// exceptionName is err's Python class name ("TypeError"), "panic" or
// "error" (a Go error).
func exceptionName(err error) string {
	var n interface{ ExceptionName() string }
	var p *PanicError
	switch {
	case errors.As(err, &n):
		return n.ExceptionName()
	case errors.As(err, &p):
		return "panic"
	}
	return "error"
}

// exceptionRepr is Python's repr of an exception: TypeError('message').
func exceptionRepr(err error) string {
	var e *Exception
	if errors.As(err, &e) {
		switch {
		case e.Value != nil:
			return e.Type + "(" + Repr(e.Value) + ")"
		case e.Msg == "":
			return e.Type + "()"
		}
		return e.Type + "(" + Repr(e.Msg) + ")"
	}
	return exceptionName(err) + "(" + Repr(err.Error()) + ")"
}
