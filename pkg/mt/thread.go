package mt

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/internal/goid"
)

// Thread is a goroutine with Python thread semantics: it is created idle,
// runs its target once after Start, has a name, can be joined with a
// timeout, and appears in Enumerate while it runs. A panic in the target (or
// a non-nil error returned as its last result) is reported on Stderr as
// "Exception in thread NAME:" followed by the message; it never crashes the
// process. Methods are safe for concurrent use.
type Thread struct {
	name   atomic.Pointer[string]
	daemon bool
	isMain bool

	target callable
	args   []any
	runner Runner
	err    error // resolution error, returned by Start

	ident   atomic.Int64
	seq     int64        // start order, set once by registry.add
	state   atomic.Int32 // threadNew, threadStarted
	started chan struct{}
	done    chan struct{}
}

const (
	threadNew int32 = iota
	threadStarted
)

// ThreadOpts configures NewThreadOpts. Target is any function (or NamedFunc)
// called with Args by reflection; Name replaces the default "Thread-N
// (target)"; a Daemon thread is not waited for by WaitAll.
type ThreadOpts struct {
	Target any
	Args   []any
	Name   string
	Daemon bool
}

// Runner is implemented by user types whose Run method is the body of a
// thread (Python's "subclass Thread and override run"). Inside Run,
// CurrentThread() returns the thread.
type Runner interface{ Run() }

var threadCounter atomic.Int64

// NewThread returns an unstarted thread that will call target(args...).
// target may be any function value: args are converted to its parameter types
// (nil → zero value) when the thread starts. The name is "Thread-N (f)" where
// f is the function's name (use Func to name interpreted functions) and N
// counts threads created in this process.
func NewThread(target any, args ...any) *Thread {
	return NewThreadOpts(ThreadOpts{Target: target, Args: args})
}

// NewThreadOpts is NewThread with a name and daemon flag.
func NewThreadOpts(o ThreadOpts) *Thread {
	t := newThread(o.Daemon)
	t.target, t.err = resolve(o.Target)
	t.args = o.Args
	name := o.Name
	if name == "" {
		name = fmt.Sprintf("Thread-%d", threadCounter.Add(1))
		if t.target.name != "" {
			name += " (" + t.target.name + ")"
		}
	}
	t.name.Store(&name)
	return t
}

// NewThreadFrom returns an unstarted thread whose body is r.Run(), named
// "Thread-N" unless a name is given.
func NewThreadFrom(r Runner, name ...string) *Thread {
	t := newThread(false)
	t.runner = r
	if r == nil {
		t.err = newError("TypeError", "runner is nil")
	}
	n := fmt.Sprintf("Thread-%d", threadCounter.Add(1))
	if len(name) > 0 && name[0] != "" {
		n = name[0]
	}
	t.name.Store(&n)
	return t
}

// Go creates and starts a thread running target(args...). A start failure
// (bad target or arguments) is reported on Stderr like an exception in the
// thread, and the returned thread is not alive.
func Go(target any, args ...any) *Thread {
	t := NewThread(target, args...)
	if err := t.Start(); err != nil {
		printf(Stderr, "Exception in thread %s:\n%v\n", t.Name(), err)
	}
	return t
}

func newThread(daemon bool) *Thread {
	return &Thread{daemon: daemon, started: make(chan struct{}), done: make(chan struct{})}
}

// Start starts the thread and returns once it runs (so Ident, IsAlive and
// Enumerate see it). Starting twice is "RuntimeError: threads can only be
// started once"; a bad target or wrong arguments are a TypeError and the
// thread does not start.
func (t *Thread) Start() error {
	if t.isMain || !t.state.CompareAndSwap(threadNew, threadStarted) {
		return newError("RuntimeError", "threads can only be started once")
	}
	body, err := t.body()
	if err != nil {
		close(t.started)
		close(t.done)
		return err
	}
	registry.add(t)
	go t.run(body)
	<-t.started
	return nil
}

func (t *Thread) body() (func() error, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.runner != nil {
		return func() (err error) {
			defer func() {
				if r := recover(); r != nil {
					err = &PanicError{Value: r}
				}
			}()
			t.runner.Run()
			return nil
		}, nil
	}
	in, err := t.target.args(t.args)
	if err != nil {
		return nil, err
	}
	return func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &PanicError{Value: r}
			}
		}()
		_, err = results(t.target.fn.Call(in))
		return err
	}, nil
}

func (t *Thread) run(body func() error) {
	id := goid.Key()
	t.ident.Store(goid.ID())
	registry.bind(id, t)
	traceThreadStart(t)
	close(t.started)
	defer func() {
		traceThreadEnd(t)
		registry.remove(id, t)
		close(t.done)
	}()
	if err := body(); err != nil {
		printf(Stderr, "Exception in thread %s:\n%v\n", t.Name(), err)
	}
}

// Join waits until the thread ends. With a timeout, Join gives up after that
// long (Python's join(timeout)); like Python's it returns nothing, so a cell
// ending in t.Join() shows no value: IsAlive tells whether the thread ended.
// Joining a thread that was never started, or joining itself, returns at
// once (JoinCtx reports those as errors). Join blocks; use JoinCtx to cancel
// the wait.
func (t *Thread) Join(timeout ...time.Duration) {
	ctx, cancel := timeoutCtx(timeout)
	defer cancel()
	_ = t.JoinCtx(ctx)
}

// JoinCtx waits until the thread ends or ctx is done, returning ctx.Err() in
// the latter case, "RuntimeError: cannot join thread before it is started"
// for an unstarted thread and "RuntimeError: cannot join current thread"
// when a thread (or the main goroutine) joins itself. Cancelling the wait does not stop the
// thread.
func (t *Thread) JoinCtx(ctx context.Context) error {
	if t.isMain || registry.lookup(goid.Key()) == t {
		return newError("RuntimeError", "cannot join current thread")
	}
	if t.state.Load() == threadNew {
		return newError("RuntimeError", "cannot join thread before it is started")
	}
	select {
	case <-t.done:
		return nil
	default:
	}
	defer traceWait(waitJoin, t.Name())()
	select {
	case <-t.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// IsAlive reports whether the thread has started and not yet ended.
func (t *Thread) IsAlive() bool {
	if t.isMain {
		return true
	}
	if t.state.Load() == threadNew {
		return false
	}
	select {
	case <-t.done:
		return false
	default:
		return true
	}
}

// Name returns the thread's name.
func (t *Thread) Name() string { return *t.name.Load() }

// SetName renames the thread.
func (t *Thread) SetName(name string) { t.name.Store(&name) }

// Ident returns the id of the thread's goroutine, 0 before Start.
func (t *Thread) Ident() int64 { return t.ident.Load() }

// Daemon reports whether WaitAll ignores the thread.
func (t *Thread) Daemon() bool { return t.daemon }

// String formats the thread as Python does: "<Thread(Thread-1 (f), started
// 42)>", with "initial" before Start and "stopped" after the end.
func (t *Thread) String() string {
	kind := "Thread"
	if t.isMain {
		kind = "_MainThread"
	}
	switch {
	case t.state.Load() == threadNew && !t.isMain:
		return fmt.Sprintf("<%s(%s, initial)>", kind, t.Name())
	case t.IsAlive():
		return fmt.Sprintf("<%s(%s, started %d)>", kind, t.Name(), t.Ident())
	}
	return fmt.Sprintf("<%s(%s, stopped %d)>", kind, t.Name(), t.Ident())
}

// timeoutCtx turns an optional timeout into a context (no timeout: never
// done). A negative timeout counts as zero.
func timeoutCtx(timeout []time.Duration) (context.Context, context.CancelFunc) {
	if len(timeout) == 0 {
		return context.WithCancel(background())
	}
	return context.WithTimeout(background(), max(timeout[0], 0))
}
