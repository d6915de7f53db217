package coro

import (
	"context"
	"time"
)

// Awaitable is anything a task can await: *Task, *Future, *Coroutine.
type Awaitable interface {
	Await() (any, error)
}

// Future is asyncio.Future: a result that is set later. Awaiting it parks
// the calling task (or the caller, outside a task) in the hub until it is
// set. Safe for concurrent use: SetResult may be called from any goroutine.
type Future struct {
	done      bool
	result    any
	err       error
	cancelled bool
	waiters   []waitRef
	callbacks []func(*Future)
}

// NewFuture returns an unset Future.
func NewFuture() *Future { return &Future{} }

func (f *Future) set(v any, err error) error {
	h := theHub
	h.mu.Lock()
	cbs, ok := f.setLocked(v, err, h.makeReady)
	h.mu.Unlock()
	if !ok {
		return raisef(InvalidStateError, "invalid state")
	}
	for _, cb := range cbs {
		cb(f)
	}
	return nil
}

// setLocked sets an unset future and wakes its waiters with wake (makeReady,
// or queue from inside schedule); it returns the done callbacks to call
// once h.mu is released, and false if f was already set. Called with h.mu
// held.
func (f *Future) setLocked(v any, err error, wake func(waitRef, error)) ([]func(*Future), bool) {
	if f.done {
		return nil, false
	}
	f.done, f.result, f.err = true, v, err
	for _, ref := range f.waiters {
		wake(ref, nil)
	}
	f.waiters = nil
	cbs := f.callbacks
	f.callbacks = nil
	return cbs, true
}

// SetResult sets the result and wakes the awaiting tasks;
// "InvalidStateError: invalid state" if already set.
func (f *Future) SetResult(v any) error { return f.set(v, nil) }

// SetException sets the exception the future's awaiters get.
func (f *Future) SetException(err error) error { return f.set(nil, err) }

// Cancel cancels the future (awaiters get CancelledError); false if done.
func (f *Future) Cancel() bool {
	if f.set(nil, CancelledError) != nil {
		return false
	}
	theHub.mu.Lock()
	f.cancelled = true
	theHub.mu.Unlock()
	return true
}

// Cancelled reports whether Cancel succeeded.
func (f *Future) Cancelled() bool {
	theHub.mu.Lock()
	defer theHub.mu.Unlock()
	return f.cancelled
}

// Done reports whether the future is set.
func (f *Future) Done() bool {
	theHub.mu.Lock()
	defer theHub.mu.Unlock()
	return f.done
}

// Result returns the result and exception of a set future;
// "InvalidStateError: Result is not set." otherwise.
func (f *Future) Result() (any, error) {
	theHub.mu.Lock()
	defer theHub.mu.Unlock()
	if !f.done {
		return nil, raisef(InvalidStateError, "Result is not set.")
	}
	return f.result, f.err
}

// AddDoneCallback calls fn(f) when f is set (at once if it is).
func (f *Future) AddDoneCallback(fn func(*Future)) {
	theHub.mu.Lock()
	if !f.done {
		f.callbacks = append(f.callbacks, fn)
		theHub.mu.Unlock()
		return
	}
	theHub.mu.Unlock()
	fn(f)
}

// Await waits until the future is set and returns its result.
func (f *Future) Await() (any, error) { return f.AwaitCtx(context.Background()) }

// AwaitCtx is Await that also returns when ctx is done.
func (f *Future) AwaitCtx(ctx context.Context) (any, error) {
	err := theHub.block(ctx, func(ref waitRef) bool {
		if f.done {
			return true
		}
		f.waiters = append(f.waiters, ref)
		return false
	}, -1, nil)
	if err != nil {
		return nil, err
	}
	return f.Result()
}

// SleepFuture returns a future set to nil after d: asyncio.sleep as a
// future, as loop.call_later(d, fut.set_result, None) makes it. Its timer
// is the hub's, so it fires while the hub runs (a task or a caller waits in
// it), and futures due at the same time are set in the order they were
// made, waking their awaiters in that order. Done callbacks run on a
// goroutine of their own.
func SleepFuture(d time.Duration) *Future {
	f := NewFuture()
	h := theHub
	h.mu.Lock()
	h.callLater(d, func() {
		if cbs, _ := f.setLocked(nil, nil, func(r waitRef, e error) { h.queue(r, e) }); len(cbs) > 0 {
			go func() {
				for _, cb := range cbs {
					cb(f)
				}
			}()
		}
	})
	h.mu.Unlock()
	return f
}

// Coroutine is a coroutine object: a call that has not run yet (calling an
// `async def` function in Python). Awaiting it runs the call in the
// awaiting task, once; later awaits return the same result.
type Coroutine struct {
	fn      *callable
	args    []any
	gen     *Generator // GenCoroutine
	running bool       // GenCoroutine: being driven (an Await meanwhile gets nil, nil)
	done    bool       // Await returns res, err (an Async call counts from its start: it runs once)
	aw      Awaitable  // GenCoroutine: the yielded awaitable being awaited
	res     any
	err     error
}

// GenCoroutine is a generator-based coroutine (@asyncio.coroutine with
// `yield from asyncio.sleep(1)`): awaiting it runs body, which yields
// awaitables (SleepFuture(d), a *Task, a *Future); each is awaited and its
// result sent back into the body (its error thrown in). The body's return
// value is the coroutine's result.
func GenCoroutine(body func(y *Yielder) any) *Coroutine {
	return &Coroutine{gen: NamedGenerator("coroutine", body)}
}

// Async returns the coroutine object of fn(args...); fn runs when awaited
// (Await, Run, CreateTask, Gather, ...). It panics with TypeError if fn is
// not callable.
func Async(fn any, args ...any) *Coroutine {
	c, err := newCallable(fn)
	if err != nil {
		panic(err)
	}
	return &Coroutine{fn: c, args: args}
}

// String returns "<coroutine object NAME at 0x...>".
func (c *Coroutine) String() string {
	name := "coroutine"
	if c.fn != nil {
		name = c.fn.name
	}
	return "<coroutine object " + name + " at " + ptr(c) + ">"
}

// Await runs the call (once) and returns its result.
func (c *Coroutine) Await() (any, error) { return c.AwaitCtx(context.Background()) }

// AwaitCtx is Await for compiled callers. A generator-based coroutine
// (GenCoroutine) waits on each awaitable its body yields; when ctx ends
// during such a wait, AwaitCtx returns ErrInterrupted and the coroutine
// stays suspended at that awaitable, which a later Await waits on again.
// The function of an Async coroutine runs in the caller, where ctx cannot
// stop it: ctx is only checked before it starts. A coroutine whose ctx
// ended before it started has not run.
func (c *Coroutine) AwaitCtx(ctx context.Context) (any, error) {
	if c.done || c.running {
		return c.res, c.err
	}
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	if c.gen == nil {
		c.done = true // the call runs once, even if it panics
		c.res, c.err = c.fn.call(c.args...)
		return c.res, c.err
	}
	c.running = true
	defer func() { c.running = false }()
	return c.drive(ctx)
}

// ctxAwaitable is an Awaitable whose wait a context can end: *Task,
// *Future, *Coroutine.
type ctxAwaitable interface {
	AwaitCtx(ctx context.Context) (any, error)
}

// drive runs a generator-based coroutine: it awaits each yielded
// awaitable and resumes the body with its outcome. When ctx ends during an
// await, the awaitable is kept in c.aw for the next drive.
func (c *Coroutine) drive(ctx context.Context) (any, error) {
	var v any
	var err error
	if c.aw == nil {
		v, err = c.gen.Next()
	}
	for {
		if c.aw == nil {
			if err != nil {
				c.done = true
				if rv, ok := StopValue(err); ok {
					c.res = rv
				} else {
					c.err = err
				}
				return c.res, c.err
			}
			aw, ok := v.(Awaitable)
			if !ok {
				c.gen.Close()
				c.err, c.done = raisef(RuntimeError, "Task got bad yield: %s", Repr(v)), true
				return nil, c.err
			}
			c.aw = aw
		}
		var r any
		var aerr error
		if a, ok := c.aw.(ctxAwaitable); ok {
			r, aerr = a.AwaitCtx(ctx)
			if aerr == ErrInterrupted && ctx.Err() != nil {
				return nil, aerr // c.aw kept; awaiting it again is harmless
			}
		} else {
			r, aerr = c.aw.Await()
		}
		c.aw = nil
		if aerr != nil {
			v, err = c.gen.Throw(aerr)
		} else {
			v, err = c.gen.Send(r)
		}
	}
}
