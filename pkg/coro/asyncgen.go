package coro

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// AsyncIterator is Python's asynchronous iterator protocol (__anext__):
// ANext returns the next value, or an error matching StopAsyncIteration
// at the end. *AsyncGenerator implements it, and so may a type defined in
// a notebook cell, which ACollect and AForEach take through this typed
// parameter.
type AsyncIterator interface {
	ANext() (any, error)
}

// AsyncGenerator is Python's asynchronous generator (an `async def` with
// `yield`): a body that may both yield values and await (Sleep, a Future,
// Gather, ...). It implements AsyncIterator.
//
// The body runs as a task of its own on the hub, started by the first
// ANext (or ASend): each ANext hands the body a request and waits in the
// hub for its next Yield, so while the body awaits, other tasks run, as in
// asyncio. ANext may be called from a task or from outside any task (a
// cell), which then runs the hub while it waits, like Sleep or Join.
//
// Waiting: ANext, ASend, AThrow and AClose block until the body yields or
// ends. A wait that ends early (the Ctx form's context, the kernel's
// interrupt: ErrInterrupted) leaves the step running; the next ANext, ASend
// or AThrow then waits for that step and returns its outcome (its own
// value or error is not delivered), and AClose waits for it before
// closing. Cancelling the task that waits passes the cancellation on to
// the body's task (in Python the body runs inside the awaiting task), and
// the waiting call returns CancelledError at once.
//
// Ending: a body that returns nil ends the iteration (StopAsyncIteration);
// one that returns an error or panics ends it with that error (a
// non-error panic becomes *PanicError); one that raises StopAsyncIteration
// or StopIteration fails with RuntimeError, as in Python. The body's task
// cancelled while the body waits at a Yield for the next request closes
// the generator: that Yield raises GeneratorExit. This is how the
// generators first iterated inside Run are closed when Run cancels the
// tasks main left (asyncio.run's shutdown_asyncgens), and KillAll's and the
// interrupt's effect too.
//
// Lifetime: the task exists from the first ANext until the body ends. A
// suspended generator that becomes garbage is closed (its Yield unwinds,
// deferred calls run) at the hub's next turn, unless the body keeps the
// *AsyncGenerator reachable; close such generators with AClose.
//
// Methods are safe for concurrent use: a call while another waits for the
// body fails with "RuntimeError: anext(): asynchronous generator is
// already running" (athrow(), aclose() for those), as does a call from
// the body itself.
type AsyncGenerator struct {
	c *agCore
}

// agCore is the state shared by the handle and the body's task. The task
// never refers to the handle, so an abandoned handle can be collected and
// its cleanup can close the body.
type agCore struct {
	name string
	body func(y *AsyncYielder) error
	y    AsyncYielder

	// Under theHub.mu:
	task       *Task    // the body's task, from the first step on
	state      GenState // GenRunning from a request to the body's next Yield
	req        bool     // a request waits for the body
	sent       any      // the request's value (ASend)
	thrown     error    // the request's error (AThrow, AClose)
	bodyRef    waitRef  // the body, parked at a Yield for the next request
	bodyParked bool
	pending    bool      // a step was requested and its outcome not yet taken
	done       bool      // the pending step's outcome is in out, outErr
	out        any       // value yielded
	outErr     error     // how the body ended (StopAsyncIteration: returned)
	waiters    []waitRef // calls waiting for the outcome
	callers    int       // how many of those are still waiting
	exiting    bool      // GeneratorExit was raised in the body
	killed     bool      // every further Yield unwinds the body
}

// AsyncYielder is what an async generator's body yields through. Its
// methods may be called only by the body, on the body's goroutine.
type AsyncYielder struct {
	c *agCore
}

// NewAsyncGenerator returns an async generator running body on demand,
// named "async_generator" in its String form and as the body's task.
// Python's
//
//	async def ticker(delay, to):
//	    for i in range(to):
//	        yield i
//	        await asyncio.sleep(delay)
//
// is
//
//	func ticker(delay time.Duration, to int) *coro.AsyncGenerator {
//		return coro.NamedAsyncGenerator("ticker", func(y *coro.AsyncYielder) error {
//			for i := 0; i < to; i++ {
//				y.Yield(i)
//				if err := coro.Sleep(delay); err != nil {
//					return err
//				}
//			}
//			return nil
//		})
//	}
//
// The body returns an error rather than a value: an async generator has
// no return value (Python rejects `return x` in one).
func NewAsyncGenerator(body func(y *AsyncYielder) error) *AsyncGenerator {
	return NamedAsyncGenerator("async_generator", body)
}

// NamedAsyncGenerator is NewAsyncGenerator with the name String shows, as
// Python shows the function's name: <async_generator object ticker at
// 0x...>. The body's task has that name too.
func NamedAsyncGenerator(name string, body func(y *AsyncYielder) error) *AsyncGenerator {
	c := &agCore{name: name, body: body}
	c.y.c = c
	ag := &AsyncGenerator{c: c}
	runtime.AddCleanup(ag, (*agCore).abandon, c)
	return ag
}

// String returns "<async_generator object NAME at 0x...>".
func (ag *AsyncGenerator) String() string {
	return fmt.Sprintf("<async_generator object %s at %p>", ag.c.name, ag.c)
}

// ANext is `await anext(ag)`: it resumes the body and waits until it
// yields, returning the value, or ends: then the error is
// StopAsyncIteration, or the body's error. Other tasks run while it waits.
// It returns ErrInterrupted if the kernel interrupts and CancelledError if
// the calling task is cancelled (see AsyncGenerator).
func (ag *AsyncGenerator) ANext() (any, error) { return ag.ANextCtx(context.Background()) }

// ANextCtx is ANext that also returns, with ErrInterrupted, when ctx is
// done; the step goes on and the next call returns its outcome.
func (ag *AsyncGenerator) ANextCtx(ctx context.Context) (any, error) {
	v, err, _ := ag.c.resume(ctx, "anext", nil, nil)
	return v, err
}

// ASend is `await ag.asend(v)`: ANext making the body's pending Yield
// return v. Sending a non-nil value to a generator that has not started
// fails with "TypeError: can't send non-None value to a just-started async
// generator" and leaves it unstarted.
func (ag *AsyncGenerator) ASend(v any) (any, error) { return ag.ASendCtx(context.Background(), v) }

// ASendCtx is ASend that also returns, with ErrInterrupted, when ctx is
// done.
func (ag *AsyncGenerator) ASendCtx(ctx context.Context, v any) (any, error) {
	v, err, _ := ag.c.resume(ctx, "anext", v, nil)
	return v, err
}

// AThrow is `await ag.athrow(err)`: err is raised at the body's pending
// Yield (Yield panics with it, YieldE returns it). It returns the next
// value the body yields if it catches err, or the error it ends with (err
// itself if uncaught; StopAsyncIteration if it returns). A generator that
// has not started is closed without running and AThrow returns err; on a
// closed one it returns StopAsyncIteration (Python's athrow returns None).
func (ag *AsyncGenerator) AThrow(err error) (any, error) {
	return ag.AThrowCtx(context.Background(), err)
}

// AThrowCtx is AThrow that also returns, with ErrInterrupted, when ctx is
// done.
func (ag *AsyncGenerator) AThrowCtx(ctx context.Context, err error) (any, error) {
	if err == nil {
		return nil, raisef(TypeError, "exceptions must be classes or instances deriving from BaseException, not NoneType")
	}
	v, err, _ := ag.c.resume(ctx, "athrow", nil, err)
	return v, err
}

// AClose is `await ag.aclose()`: it raises GeneratorExit at the body's
// pending Yield and waits for the body to end; the body may await while
// it cleans up. It returns nil if the body ends by returning or by
// letting GeneratorExit through, the body's error otherwise. A body that
// yields again fails AClose with "RuntimeError: async generator ignored
// GeneratorExit" and is then stopped anyway (its next Yield unwinds). An
// unstarted generator is closed without running; a closed one is left as
// it is.
func (ag *AsyncGenerator) AClose() error { return ag.ACloseCtx(context.Background()) }

// ACloseCtx is AClose that also returns, with ErrInterrupted, when ctx is
// done; the body then goes on ending, and a later AClose waits for it.
func (ag *AsyncGenerator) ACloseCtx(ctx context.Context) error {
	c := ag.c
	for {
		_, err, adopted := c.resume(ctx, "aclose", nil, GeneratorExit)
		switch {
		case adopted && err == nil: // a step left by an early-ended wait yielded: now close
			continue
		case adopted && (isEnd(err) || errors.Is(err, GeneratorExit)):
			return nil
		case err == nil: // the body yielded again
			theHub.mu.Lock()
			c.killed = true
			theHub.mu.Unlock()
			if _, err, _ := c.resume(ctx, "aclose", nil, GeneratorExit); err == ErrInterrupted || err == CancelledError {
				return err
			}
			return raisef(RuntimeError, "async generator ignored GeneratorExit")
		case isEnd(err) || errors.Is(err, GeneratorExit):
			return nil
		}
		return err
	}
}

// isEnd reports whether err is a StopAsyncIteration.
func isEnd(err error) bool { return errors.Is(err, StopAsyncIteration) }

// resume delivers a request (sent, or thrown if not nil) to the body,
// starting its task on the first one, and waits for the step's outcome:
// the value the body yields, or how it ends. If a step is pending whose
// caller stopped waiting, resume waits for that step instead and reports
// adopted. op names the call in "already running" errors.
func (c *agCore) resume(ctx context.Context, op string, sent any, thrown error) (v any, err error, adopted bool) {
	h := theHub
	self := h.self()
	h.mu.Lock()
	if (self != nil && c.task != nil && self.task == c.task) || (c.pending && c.callers > 0) {
		h.mu.Unlock()
		return nil, raisef(RuntimeError, "%s(): asynchronous generator is already running", op), false
	}
	start := false
	if c.pending {
		adopted = true
	} else {
		switch c.state {
		case GenClosed:
			h.mu.Unlock()
			return nil, StopAsyncIteration, false
		case GenCreated:
			if thrown != nil { // raised before the body's first line
				c.state = GenClosed
				h.mu.Unlock()
				return nil, thrown, false
			}
			if sent != nil {
				h.mu.Unlock()
				return nil, raisef(TypeError, "can't send non-None value to a just-started async generator"), false
			}
			start = true
		}
		c.state = GenRunning
		c.pending, c.done = true, false
		c.req, c.sent, c.thrown = true, sent, thrown
		if c.bodyParked {
			c.bodyParked = false
			h.makeReady(c.bodyRef, nil)
		}
	}
	c.callers++
	h.mu.Unlock()
	if start {
		t, _ := newTask(c.name, c.run, nil) // c.run is a func: no error
		h.mu.Lock()
		c.task = t
		h.mu.Unlock()
		t.AddDoneCallback(c.finish)
	}
	defer func() {
		if r := recover(); r != nil { // an interrupt unwinding a cell
			h.mu.Lock()
			c.callers--
			h.mu.Unlock()
			panic(r)
		}
	}()
	err = h.block(ctx, func(ref waitRef) bool {
		if c.done {
			return true
		}
		c.waiters = append(c.waiters, ref)
		return false
	}, -1, nil)
	h.mu.Lock()
	c.callers--
	if err != nil { // the step goes on; the next call takes its outcome
		t := c.task
		pass := err == CancelledError && !c.done && t != nil
		h.mu.Unlock()
		if pass {
			t.Cancel()
		}
		return nil, err, adopted
	}
	v, err = c.out, c.outErr
	c.pending, c.done, c.out, c.outErr = false, false, nil, nil
	h.mu.Unlock()
	return v, err, adopted
}

// run is the body's task.
func (c *agCore) run() error {
	h := theHub
	h.mu.Lock()
	c.req = false // the first request carries nothing
	killed := c.killed
	h.mu.Unlock()
	if killed { // abandoned before it started
		return GeneratorExit
	}
	return c.body(&c.y)
}

// finish records how the body's task ended. Called on the task's
// goroutine when it is done.
func (c *agCore) finish(t *Task) {
	_, err := t.Result()
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case err == nil:
		err = StopAsyncIteration
	case errors.Is(err, GeneratorExit) && (c.exiting || c.killed):
		err = StopAsyncIteration // closed as asked
	case isEnd(err):
		err = raisef(RuntimeError, "async generator raised StopAsyncIteration")
	case isStop(err):
		err = raisef(RuntimeError, "async generator raised StopIteration")
	}
	c.state = GenClosed
	c.publish(nil, err)
}

// publish makes v, err the outcome of the pending step and wakes the
// calls waiting for it. Called with theHub.mu held.
func (c *agCore) publish(v any, err error) {
	if !c.pending { // nobody asked: the body is closing after a cancellation
		return
	}
	c.out, c.outErr, c.done = v, err, true
	for _, ref := range c.waiters {
		theHub.makeReady(ref, nil)
	}
	c.waiters = nil
}

// abandon is the cleanup of a collected handle: a started body is killed
// (at its pending Yield if it waits there, else at its next one) when the
// hub next runs it.
func (c *agCore) abandon() {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	if c.state == GenClosed || (c.state == GenCreated && !c.pending) {
		c.state = GenClosed
		return
	}
	c.killed = true
	if c.bodyParked {
		c.bodyParked, c.req = false, true
		h.makeReady(c.bodyRef, nil)
	}
}

// Yield passes v to the waiting ANext (or ASend, AThrow) and pauses the
// body until the next request; it returns the value sent in (nil for
// ANext). Other tasks run meanwhile. If an error is thrown in (AThrow,
// AClose), Yield panics with it, unwinding the body as an uncaught Python
// exception would; use YieldE to catch it.
func (y *AsyncYielder) Yield(v any) any {
	s, err := y.YieldE(v)
	if err != nil {
		panic(unwind{err})
	}
	return s
}

// YieldE is Yield returning a thrown-in error instead of panicking: the
// body "catches" it and may yield again or return. It returns
// GeneratorExit when the generator is closed: by AClose, or because the
// body's task was cancelled (Run's end, KillAll), interrupted, or is
// being joined by Run or KillAll while it waits here. After GeneratorExit
// the body may await (Sleep) to clean up, but must not yield again: a
// further Yield unwinds it.
func (y *AsyncYielder) YieldE(v any) (any, error) {
	c := y.c
	h := theHub
	h.mu.Lock()
	if c.killed {
		h.mu.Unlock()
		panic(unwind{GeneratorExit})
	}
	c.state = GenSuspended
	c.publish(v, nil)
	h.mu.Unlock()
	joined := false
	err := killedAsError(func() error {
		return h.block(context.Background(), func(ref waitRef) bool {
			if c.req {
				return true
			}
			if c.task != nil && len(c.task.joiners) > 0 { // Run's end or KillAll, after a cancellation the body let pass
				joined = true
				return true
			}
			c.bodyRef, c.bodyParked = ref, true
			return false
		}, -1, nil)
	})
	h.mu.Lock()
	c.bodyParked = false
	c.state = GenRunning
	if err != nil || joined {
		c.req, c.killed, c.exiting = false, true, true
		h.mu.Unlock()
		return nil, GeneratorExit
	}
	c.req = false
	sent, thrown, killed := c.sent, c.thrown, c.killed
	c.sent, c.thrown = nil, nil
	if thrown != nil && errors.Is(thrown, GeneratorExit) {
		c.exiting = true
	}
	h.mu.Unlock()
	if killed {
		panic(unwind{GeneratorExit})
	}
	if thrown != nil {
		return nil, thrown
	}
	return sent, nil
}

// ACollect is the async comprehension [v async for v in ag if pred(v)]:
// it waits for every value of ag and returns those for which pred (a
// function of one argument, called by reflection, its result taken for
// its Python truth) holds; pred nil keeps all. It fails with the error ag
// ends with (other than StopAsyncIteration) or pred returns, and waits as
// ANext does (ErrInterrupted, CancelledError). A panic in pred propagates.
func ACollect(ag AsyncIterator, pred any) (PyList, error) {
	return ACollectCtx(context.Background(), ag, pred)
}

// ACollectCtx is ACollect that also returns, with ErrInterrupted, when ctx
// is done. An AsyncIterator other than *AsyncGenerator cannot be
// interrupted within its ANext: ctx is checked before each call.
func ACollectCtx(ctx context.Context, ag AsyncIterator, pred any) (PyList, error) {
	var keep *callable
	if pred != nil {
		var err error
		if keep, err = newCallable(pred); err != nil {
			return nil, err
		}
	}
	l := PyList{}
	err := aForEach(ctx, ag, func(v any) (bool, error) {
		if keep != nil {
			r, err := keep.call(v)
			if err != nil {
				return false, err
			}
			if !Truthy(r) {
				return true, nil
			}
		}
		l = append(l, v)
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// AForEach is Python's `async for v in ag`: it calls fn with each value
// of ag until ag ends or fn returns false (break), waiting as ANext does.
// It returns nil at the end of ag or on break, the error ag ends with
// otherwise. Breaking out leaves the generator suspended, as in Python
// (AClose it, or let Run's end or the collector close it).
func AForEach(ag AsyncIterator, fn func(v any) bool) error {
	return AForEachCtx(context.Background(), ag, fn)
}

// AForEachCtx is AForEach that also returns, with ErrInterrupted, when
// ctx is done (see ACollectCtx).
func AForEachCtx(ctx context.Context, ag AsyncIterator, fn func(v any) bool) error {
	return aForEach(ctx, ag, func(v any) (bool, error) { return fn(v), nil })
}

// aForEach is the loop of ACollect and AForEach.
func aForEach(ctx context.Context, it AsyncIterator, fn func(v any) (bool, error)) error {
	if it == nil {
		return raisef(TypeError, "'async for' requires an object with __aiter__ method, got NoneType")
	}
	next := func() (any, error) {
		if ctx.Err() != nil {
			return nil, ErrInterrupted
		}
		return it.ANext()
	}
	if ag, ok := it.(*AsyncGenerator); ok {
		next = func() (any, error) { return ag.ANextCtx(ctx) }
	}
	for {
		v, err := next()
		if err != nil {
			if isEnd(err) {
				return nil
			}
			return err
		}
		if more, err := fn(v); err != nil || !more {
			return err
		}
	}
}

// killedAsError calls wait, turning the panic by which a killed task's wait
// ends (Task.Kill) into CancelledError: a body killed at its Yield closes
// as aclose() would close it.
func killedAsError(wait func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if u, ok := r.(unwind); ok && u.err == CancelledError {
				err = CancelledError
				return
			}
			panic(r)
		}
	}()
	return wait()
}
