package coro

import (
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync/atomic"
)

// GenState is the state of a Generator, as inspect.getgeneratorstate
// reports it.
type GenState int32

// The generator states. String gives Python's names.
const (
	GenCreated   GenState = iota // not started yet
	GenRunning                   // executing its body (only observable from inside it)
	GenSuspended                 // paused at a Yield
	GenClosed                    // finished: returned, raised or closed
)

// String returns "GEN_CREATED", "GEN_RUNNING", "GEN_SUSPENDED" or "GEN_CLOSED".
func (s GenState) String() string {
	switch s {
	case GenCreated:
		return "GEN_CREATED"
	case GenRunning:
		return "GEN_RUNNING"
	case GenSuspended:
		return "GEN_SUSPENDED"
	case GenClosed:
		return "GEN_CLOSED"
	}
	return fmt.Sprintf("GenState(%d)", int32(s))
}

// Generator is Python's generator object: a body that runs on demand and
// pauses at each Yield. It implements Iterator (and Iterable, returning
// itself).
//
// The body runs on a coroutine (iter.Pull): Next, Send and Throw switch to it
// and block until it yields, returns or panics; each resume costs a
// coroutine switch, no goroutine hand-off and no allocation.
//
// A Generator is not safe for concurrent resumption: a Next, Send, Throw or
// Close that finds the body running (called from inside the body, or from
// another goroutine at the same time) fails with
// "ValueError: generator already executing", as in Python.
//
// Lifetime: the coroutine exists from the first resume until the body
// returns or panics (exhaustion), or until Close. A suspended generator
// that becomes garbage is closed by a cleanup (runtime.AddCleanup) that
// unwinds its body as Close would (deferred calls run), unless the body
// itself keeps the *Generator reachable (a body referring to its own
// generator): close such generators explicitly.
type Generator struct {
	c *genCore
}

// genCore is the state shared by the handle and the body's coroutine. The
// coroutine never refers to the Generator handle, so an abandoned handle
// can be collected and its cleanup can stop the coroutine.
type genCore struct {
	state   atomic.Int32
	name    string
	body    func(y *Yielder) any
	y       Yielder
	next    func() (struct{}, bool)
	stop    func()
	out     any   // value passed by the last Yield
	in      any   // value sent in by Send
	thrown  error // error to raise at the Yield point
	ret     any   // body's return value
	err     error // body's panic, as an error
	exiting bool  // GeneratorExit was thrown in
	killed  bool  // stop was called: every Yield unwinds
}

// Yielder is what a generator body yields through. Its methods may be called
// only by the body, on the body's goroutine.
type Yielder struct {
	c     *genCore
	yield func(struct{}) bool
}

// unwind is the panic value with which Yield leaves a body that must end:
// an error thrown in and not caught, or a stop by Close or the cleanup.
type unwind struct{ err error }

// recoveredError is the error a recovered panic value r stands for: the
// error an unwind carries, or the panic itself as an error.
func recoveredError(r any) error {
	if u, ok := r.(unwind); ok {
		return u.err
	}
	return asError(r)
}

// NewGenerator returns a generator that runs body on demand, named
// "generator" in its String form. The body's return value becomes the value
// of the StopIteration that ends the iteration. A panic in the body ends the
// generator with that error (a non-error value becomes *PanicError); a body
// raising StopIteration fails with "RuntimeError: generator raised
// StopIteration" (PEP 479).
func NewGenerator(body func(y *Yielder) any) *Generator {
	return NamedGenerator("generator", body)
}

// NamedGenerator is NewGenerator with the name String shows, as Python shows
// the function's name: <generator object fib at 0x...>.
func NamedGenerator(name string, body func(y *Yielder) any) *Generator {
	c := &genCore{name: name, body: body}
	c.y.c = c
	g := &Generator{c: c}
	runtime.AddCleanup(g, func(c *genCore) { go c.kill() }, c)
	return g
}

// String returns "<generator object NAME at 0x...>".
func (g *Generator) String() string {
	return fmt.Sprintf("<generator object %s at %p>", g.c.name, g.c)
}

// State returns the generator's state.
func (g *Generator) State() GenState { return GenState(g.c.state.Load()) }

// Iter returns g itself: a generator is its own iterator.
func (g *Generator) Iter() Iterator { return g }

// ReturnValue returns the body's return value once the generator has
// finished by returning (nil before, or if it raised).
func (g *Generator) ReturnValue() any {
	if g.State() != GenClosed {
		return nil
	}
	return g.c.ret
}

// Next resumes the body until its next Yield and returns the yielded value.
// When the body returns, Next returns an error matching StopIteration whose
// value (StopValue) is the return value; later calls return a plain
// StopIteration. It is Send(nil).
func (g *Generator) Next() (any, error) { return g.c.resume(nil, nil) }

// Send resumes the body, making its pending Yield return v, and returns the
// next yielded value, like Next. Sending a non-nil value to a generator that
// has not started fails with "TypeError: can't send non-None value to a
// just-started generator" and leaves it unstarted.
func (g *Generator) Send(v any) (any, error) {
	if v != nil && g.State() == GenCreated {
		return nil, raisef(TypeError, "can't send non-None value to a just-started generator")
	}
	return g.c.resume(v, nil)
}

// Throw raises err at the body's pending Yield: Yield panics with it
// (unwinding the body unless it recovers), YieldE returns it. Throw returns
// the next yielded value if the body catches err and yields again, or the
// error the body ends with (err itself if uncaught). A generator that has
// not started is closed without running and Throw returns err; on a closed
// generator Throw returns err.
func (g *Generator) Throw(err error) (any, error) {
	if err == nil {
		return nil, raisef(TypeError, "throw() argument must be an exception, not None")
	}
	c := g.c
	if c.state.CompareAndSwap(int32(GenCreated), int32(GenClosed)) {
		return nil, err
	}
	if g.State() == GenClosed {
		return nil, err
	}
	return c.resume(nil, err)
}

// Close raises GeneratorExit at the body's pending Yield and waits for the
// body to end. It returns nil if the body ends by returning or by letting
// GeneratorExit (or StopIteration) through; the error the body raises
// otherwise. A body that yields again fails Close with "RuntimeError:
// generator ignored GeneratorExit" and is then stopped anyway (Python would
// leave it suspended). Close of an unstarted or closed generator does
// nothing. Afterwards the state is GenClosed and the coroutine is gone.
func (g *Generator) Close() error {
	c := g.c
	if c.state.CompareAndSwap(int32(GenCreated), int32(GenClosed)) {
		return nil
	}
	switch GenState(c.state.Load()) {
	case GenClosed:
		return nil
	case GenRunning:
		return raisef(ValueError, "generator already executing")
	}
	_, err := c.resume(nil, GeneratorExit)
	if err == nil { // it yielded
		c.kill()
		return raisef(RuntimeError, "generator ignored GeneratorExit")
	}
	if errors.Is(err, GeneratorExit) || isStop(err) {
		return nil
	}
	return err
}

// resume runs the body until it yields or ends. thrown, if not nil, is
// raised at the pending Yield.
func (c *genCore) resume(sent any, thrown error) (any, error) {
	if !c.state.CompareAndSwap(int32(GenSuspended), int32(GenRunning)) &&
		!c.state.CompareAndSwap(int32(GenCreated), int32(GenRunning)) {
		if GenState(c.state.Load()) == GenRunning {
			return nil, raisef(ValueError, "generator already executing")
		}
		return nil, StopIteration
	}
	if c.next == nil {
		c.next, c.stop = iter.Pull(c.run)
	}
	c.in, c.thrown = sent, thrown
	if _, ok := c.next(); ok {
		v := c.out
		c.out = nil
		c.state.Store(int32(GenSuspended))
		return v, nil
	}
	c.state.Store(int32(GenClosed))
	c.next, c.stop = nil, nil // the coroutine has ended
	if c.err != nil {
		err := c.err
		c.err = nil
		return nil, err
	}
	stop := &Exception{Type: StopIteration.Type, Value: c.ret}
	if c.ret != nil {
		stop.Msg = Str(c.ret) // Python's str(StopIteration(v)) is str(v)
	}
	return nil, stop
}

// run is the coroutine's body: it calls the user's body and records how it
// ended.
func (c *genCore) run(yield func(struct{}) bool) {
	c.y.yield = yield
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		c.err = recoveredError(r)
		if c.err != nil && isStop(c.err) && !c.exiting {
			c.err = raisef(RuntimeError, "generator raised StopIteration")
		}
	}()
	c.ret = c.body(&c.y)
}

// kill stops a suspended coroutine: its pending Yield unwinds the body.
// It is used by Close after an ignored GeneratorExit and by the cleanup of
// a collected Generator.
func (c *genCore) kill() {
	if !c.state.CompareAndSwap(int32(GenSuspended), int32(GenRunning)) {
		return
	}
	c.killed = true
	if c.stop != nil {
		c.stop()
	}
	c.next, c.stop = nil, nil
	c.state.Store(int32(GenClosed))
}

// Yield passes v to the caller of Next/Send and pauses the body until the
// next resume; it returns the value sent in (nil for Next). If an error is
// thrown in (Throw, Close), Yield panics with it, unwinding the body as an
// uncaught Python exception would; use YieldE to catch it.
func (y *Yielder) Yield(v any) any {
	s, err := y.YieldE(v)
	if err != nil {
		panic(unwind{err})
	}
	return s
}

// YieldE is Yield returning a thrown-in error instead of panicking: the body
// "catches" it and may yield again (Throw then returns that value) or
// return. After GeneratorExit (Close) the body must not yield again.
func (y *Yielder) YieldE(v any) (any, error) {
	c := y.c
	if c.killed {
		panic(unwind{GeneratorExit})
	}
	c.out = v
	if !y.yield(struct{}{}) || c.killed {
		c.killed = true
		panic(unwind{GeneratorExit})
	}
	sent, thrown := c.in, c.thrown
	c.in, c.thrown = nil, nil
	if thrown != nil {
		if errors.Is(thrown, GeneratorExit) {
			c.exiting = true
		}
		return nil, thrown
	}
	return sent, nil
}

// State returns the state of the generator the body belongs to: always
// GenRunning, as seen from inside.
func (y *Yielder) State() GenState { return GenState(y.c.state.Load()) }
