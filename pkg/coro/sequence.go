package coro

import "errors"

// Sequence is Python's legacy sequence protocol: an object with only
// __getitem__, which iter() walks with the indexes 0, 1, 2, ... until it
// raises IndexError. Such an object is iterable although
// isinstance(x, Iterable) is False (IsIterable is false for it, too).
//
// GetItem returns the item at index i, or an error matching IndexError
// (coro.IndexError, coro.Raise("IndexError", msg)) past the end.
type Sequence interface {
	GetItem(i int) (any, error)
}

// IterSeq is iter(s) for a legacy sequence: an iterator calling
// s.GetItem(0), s.GetItem(1), ... An error matching IndexError (or
// StopIteration) ends the iteration, for good; any other error is returned
// by Next as the sequence's exception, and the next Next asks for the same
// index again, as Python's iterator does. Iter (and every function taking
// an iterable) accepts a type implementing Sequence, in gokernel cells too
// (the kernel has yaegi wrap cell types for those parameters); other
// interpreters must pass a cell's type here, through the typed parameter.
// Not safe for concurrent use.
func IterSeq(s Sequence) Iterator { return &sequenceIter{s: s} }

// sequenceIter is the iterator of IterSeq (Python's "iterator" type).
type sequenceIter struct {
	s    Sequence
	i    int
	done bool
}

func (it *sequenceIter) Next() (any, error) {
	switch {
	case it.done:
		return nil, StopIteration
	case it.s == nil:
		return nil, raisef(TypeError, "'NoneType' object is not iterable")
	}
	v, err := it.s.GetItem(it.i)
	if err != nil {
		if errors.Is(err, IndexError) || isStop(err) {
			it.done = true
			return nil, StopIteration
		}
		return nil, err
	}
	it.i++
	return v, nil
}

// Iter returns the iterator itself.
func (it *sequenceIter) Iter() Iterator { return it }
