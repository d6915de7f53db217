package coro

import "errors"

// Sender, Thrower and Closer are the optional methods of an iterator that
// Yielder.From passes send, throw and close through to (PEP 380). *Generator
// has all three.
type (
	Sender interface {
		Send(v any) (any, error)
	}
	Thrower interface {
		Throw(err error) (any, error)
	}
	Closer interface {
		Close() error
	}
)

// From is Python's `yield from sub`: it yields every value of sub to the
// caller of the enclosing generator and returns sub's return value (the
// value of the StopIteration that ended it). sub is anything Iter accepts;
// a *Generator (or any iterator with Send/Throw/Close methods) gets full
// delegation. An error sub raises, or one thrown in that sub does not
// handle, panics out of From like an uncaught exception; use FromE to catch
// it.
func (y *Yielder) From(sub any) any {
	v, err := y.FromE(sub)
	if err != nil {
		panic(unwind{err})
	}
	return v
}

// FromIter is From for an iterator typed as Iterator, the form to use with
// an iterator type defined in a notebook cell (whose methods compiled code
// cannot see through `any`).
func (y *Yielder) FromIter(sub Iterator) any { return y.From(sub) }

// FromE is From returning sub's error instead of panicking. The PEP 380
// rules, one by one:
//
//  1. Values sub yields go to the caller of the delegating generator.
//  2. A value sent to the delegator goes to sub: Next when it is nil, Send
//     otherwise (an iterator without Send fails with AttributeError).
//  3. An error thrown into the delegator (other than GeneratorExit) goes to
//     sub's Throw; an iterator without Throw gets it raised in the
//     delegator instead.
//  4. GeneratorExit thrown into the delegator (Close) first closes sub (if
//     it has Close); an error from that Close is raised in the delegator,
//     otherwise GeneratorExit is.
//  5. The value of From is the value of the StopIteration that ends sub.
//  6. Any other error sub raises is raised in the delegator.
//
// If the delegator itself is stopped while suspended in From (its cleanup
// or an ignored GeneratorExit), sub is closed first.
//
// An Awaitable sub (a *Future, *Task or *Coroutine) is delegated to as
// asyncio's Future.__iter__ is, for the body of a GenCoroutine (`yield from
// asyncio.sleep(1)`): unless it is a finished Future or Task, whose result
// From returns at once, From yields sub itself, and the value sent back (the
// driving coroutine sends the awaited result) is From's value; an error
// thrown back (the awaitable's exception) is From's error.
func (y *Yielder) FromE(sub any) (result any, err error) {
	if aw, ok := sub.(Awaitable); ok {
		if f, ok := aw.(interface{ Done() bool }); ok && f.Done() {
			return aw.(interface{ Result() (any, error) }).Result()
		}
		return y.YieldE(aw)
	}
	it, err := Iter(sub)
	if err != nil {
		return nil, err
	}
	finished := false
	defer func() {
		if !finished {
			if cl, ok := it.(Closer); ok {
				_ = cl.Close()
			}
		}
	}()
	v, err := it.Next()
	for {
		if err != nil {
			finished = true
			if val, ok := StopValue(err); ok {
				return val, nil
			}
			return nil, err
		}
		sent, thrown := y.YieldE(v)
		switch {
		case thrown != nil && errors.Is(thrown, GeneratorExit):
			finished = true
			if cl, ok := it.(Closer); ok {
				if cerr := cl.Close(); cerr != nil {
					return nil, cerr
				}
			}
			return nil, thrown
		case thrown != nil:
			th, ok := it.(Thrower)
			if !ok {
				finished = true
				return nil, thrown
			}
			v, err = th.Throw(thrown)
		case sent == nil:
			v, err = it.Next()
		default:
			s, ok := it.(Sender)
			if !ok {
				finished = true
				return nil, raisef(attributeError, "'%s' object has no attribute 'send'", TypeName(it))
			}
			v, err = s.Send(sent)
		}
	}
}

// attributeError is Python's AttributeError.
var attributeError = &Exception{Type: "AttributeError"}
