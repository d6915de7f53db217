package coro

import "fmt"

// RangeObj is Python's range: a lazy arithmetic sequence. It is Iterable
// (each Iter starts afresh) and usable wherever the package takes `x any`.
type RangeObj struct {
	Start, Stop, Step int
}

// Range is Python's range(stop), range(start, stop) or range(start, stop,
// step). It panics with ValueError if step is 0 and with TypeError for
// other argument counts.
func Range(args ...int) RangeObj {
	r := RangeObj{Step: 1}
	switch len(args) {
	case 1:
		r.Stop = args[0]
	case 2:
		r.Start, r.Stop = args[0], args[1]
	case 3:
		r.Start, r.Stop, r.Step = args[0], args[1], args[2]
	default:
		panic(raisef(TypeError, "range expected at most 3 arguments, got %d", len(args)))
	}
	if r.Step == 0 {
		panic(raisef(ValueError, "range() arg 3 must not be zero"))
	}
	return r
}

// Len returns the number of values.
func (r RangeObj) Len() int {
	switch {
	case r.Step > 0 && r.Start < r.Stop:
		return (r.Stop - r.Start + r.Step - 1) / r.Step
	case r.Step < 0 && r.Start > r.Stop:
		return (r.Start - r.Stop - r.Step - 1) / -r.Step
	}
	return 0
}

// String returns "range(0, 5)" or "range(0, 10, 2)".
func (r RangeObj) String() string {
	if r.Step == 1 {
		return fmt.Sprintf("range(%d, %d)", r.Start, r.Stop)
	}
	return fmt.Sprintf("range(%d, %d, %d)", r.Start, r.Stop, r.Step)
}

// Iter returns a new iterator over the range.
func (r RangeObj) Iter() Iterator { return &rangeIter{next: r.Start, r: r} }

// Seq returns the range as a Seq.
func (r RangeObj) Seq() Seq {
	return func(yield func(any) bool) {
		for i, n := r.Start, r.Len(); n > 0; i, n = i+r.Step, n-1 {
			if !yield(i) {
				return
			}
		}
	}
}

type rangeIter struct {
	next int
	r    RangeObj
}

func (it *rangeIter) Next() (any, error) {
	if (it.r.Step > 0 && it.next >= it.r.Stop) || (it.r.Step < 0 && it.next <= it.r.Stop) {
		return nil, StopIteration
	}
	v := it.next
	it.next += it.r.Step
	return v, nil
}
func (it *rangeIter) Iter() Iterator { return it }
