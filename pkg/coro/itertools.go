package coro

// Infinite and terminating iterators of Python's itertools, as lazy Seqs.
// A Seq runs only when consumed (ForEach, List, Take, a range loop in
// compiled code, or a pull iterator from Iter), and runs again each time it
// is consumed: over a slice it starts afresh, over an iterator or generator
// it continues where that left off (Python's itertools objects are one-shot
// iterators; wrap a Seq in Iter to get one). Errors of the input (a value
// that is not iterable, a function that fails) end the consuming call with
// that error. Functions `fn any` may be any Go func with matching arity
// (converted by reflection) or a NamedFunc.

// mustIter is Iter for Seqs: it raises the error.
func mustIter(x any) Iterator {
	it, err := Iter(x)
	if err != nil {
		raise(err)
	}
	return it
}

// each runs fn over x inside a Seq, raising x's error.
func each(x any, fn func(v any) bool) {
	if err := ForEach(x, fn); err != nil {
		raise(err)
	}
}

// pull returns the next value of it inside a Seq, ok false at the end;
// other errors are raised.
func pull(it Iterator) (any, bool) {
	v, err := it.Next()
	if err != nil {
		if isStop(err) {
			return nil, false
		}
		raise(err)
	}
	return v, true
}

// closeIter closes it if it can be closed (generators and Seq iterators).
func closeIter(it Iterator) {
	if c, ok := it.(Closer); ok {
		_ = c.Close()
	}
}

// Count is count(start=0, step=1): start, start+step, ... forever. start
// and step may be ints or floats.
func Count(start any, step ...any) Seq {
	var st any = 1
	if len(step) > 0 {
		st = step[0]
	}
	return func(yield func(any) bool) {
		for v := start; yield(v); {
			n, err := arith('+', v, st)
			if err != nil {
				raise(err)
			}
			v = n
		}
	}
}

// Cycle is cycle(x): the values of x, then the same values again forever
// (it saves a copy during the first pass, as Python does). An empty x gives
// an empty Seq.
func Cycle(x any) Seq {
	return func(yield func(any) bool) {
		var saved []any
		stopped := false
		each(x, func(v any) bool {
			saved = append(saved, v)
			if !yield(v) {
				stopped = true
				return false
			}
			return true
		})
		for !stopped && len(saved) > 0 {
			for _, v := range saved {
				if !yield(v) {
					return
				}
			}
		}
	}
}

// Repeat is repeat(v[, times]): v forever, or times times.
func Repeat(v any, times ...int) Seq {
	return func(yield func(any) bool) {
		if len(times) == 0 {
			for yield(v) {
			}
			return
		}
		for i := 0; i < times[0]; i++ {
			if !yield(v) {
				return
			}
		}
	}
}

// Accumulate is accumulate(x[, fn][, initial]): running results of fn (nil:
// Add) over x, starting with initial when given.
func Accumulate(x any, fn any, initial ...any) Seq {
	return func(yield func(any) bool) {
		var f *callable
		if fn != nil {
			f = mustCallable(fn)
		}
		var acc any
		started := false
		if len(initial) > 0 {
			acc, started = initial[0], true
			if !yield(acc) {
				return
			}
		}
		each(x, func(v any) bool {
			if !started {
				acc, started = v, true
				return yield(acc)
			}
			if f == nil {
				n, err := arith('+', acc, v)
				if err != nil {
					raise(err)
				}
				acc = n
			} else {
				acc = f.mustCall(acc, v)
			}
			return yield(acc)
		})
	}
}

// Chain is chain(xs...): the values of each argument in turn.
func Chain(xs ...any) Seq {
	return func(yield func(any) bool) {
		for _, x := range xs {
			stopped := false
			each(x, func(v any) bool {
				if !yield(v) {
					stopped = true
					return false
				}
				return true
			})
			if stopped {
				return
			}
		}
	}
}

// ChainFromIterable is chain.from_iterable(x): the values of each value of x.
func ChainFromIterable(x any) Seq {
	return func(yield func(any) bool) {
		each(x, func(sub any) bool {
			stopped := false
			each(sub, func(v any) bool {
				if !yield(v) {
					stopped = true
					return false
				}
				return true
			})
			return !stopped
		})
	}
}

// Compress is compress(data, selectors): the values of data whose selector
// is true (Python truth), stopping when either runs out.
func Compress(data, selectors any) Seq {
	return func(yield func(any) bool) {
		sel := mustIter(selectors)
		defer closeIter(sel)
		each(data, func(v any) bool {
			s, ok := pull(sel)
			if !ok {
				return false
			}
			if Truthy(s) {
				return yield(v)
			}
			return true
		})
	}
}

// DropWhile is dropwhile(pred, x): x without its leading values for which
// pred is true.
func DropWhile(pred any, x any) Seq {
	return func(yield func(any) bool) {
		p := mustCallable(pred)
		dropping := true
		each(x, func(v any) bool {
			if dropping && p.truth(v) {
				return true
			}
			dropping = false
			return yield(v)
		})
	}
}

// TakeWhile is takewhile(pred, x): the leading values of x for which pred
// is true.
func TakeWhile(pred any, x any) Seq {
	return func(yield func(any) bool) {
		p := mustCallable(pred)
		each(x, func(v any) bool { return p.truth(v) && yield(v) })
	}
}

// Filter is filter(pred, x): the values of x for which pred is true; a nil
// pred keeps the true values.
func Filter(pred any, x any) Seq { return filter(pred, x, true) }

// FilterFalse is filterfalse(pred, x): the values for which pred is false
// (nil pred: the false values).
func FilterFalse(pred any, x any) Seq { return filter(pred, x, false) }

func filter(pred any, x any, want bool) Seq {
	return func(yield func(any) bool) {
		var p *callable
		if pred != nil {
			p = mustCallable(pred)
		}
		each(x, func(v any) bool {
			t := false
			if p == nil {
				t = Truthy(v)
			} else {
				t = p.truth(v)
			}
			if t == want {
				return yield(v)
			}
			return true
		})
	}
}

// GroupBy is groupby(x, key): consecutive runs of values with equal keys
// (key nil: the value itself), each yielded as Tuple{key, *Grouper}, the
// run's values, lazily. As in Python, the groupers share x: advancing
// GroupBy to the next run ends the previous grouper, so keep a run with
// List(t[1]) before moving on. A run may be endless (GroupBy(Count(0),
// key)).
func GroupBy(x any, key any) Seq {
	return func(yield func(any) bool) {
		it, err := Iter(x)
		if err != nil {
			raise(err)
		}
		s := &groupState{it: it}
		if key != nil {
			s.key = mustCallable(key)
		}
		var tgt any
		for first := true; ; first = false {
			for { // skip what is left of the current run
				if !s.have && !s.step() {
					return
				}
				if first || !equal(s.curKey, tgt) {
					break
				}
				s.have = false
			}
			tgt = s.curKey
			s.id++
			if !yield(Tuple{tgt, &Grouper{s: s, tgt: tgt, id: s.id}}) {
				return
			}
		}
	}
}

// groupState is what a GroupBy and its groupers share: the iterator and
// the value read ahead.
type groupState struct {
	it             Iterator
	key            *callable
	curKey, curVal any
	have           bool // curVal read and not yet consumed
	id             int  // the current grouper's
}

// step reads the next value and its key; false at the end.
func (s *groupState) step() bool {
	v, err := s.it.Next()
	if err != nil {
		if isStop(err) {
			return false
		}
		raise(err)
	}
	kv := v
	if s.key != nil {
		kv = s.key.mustCall(v)
	}
	s.curKey, s.curVal, s.have = kv, v, true
	return true
}

// Grouper is one run of GroupBy (itertools._grouper): an Iterator over
// the run's values, ended once GroupBy moves on. Not safe for concurrent
// use.
type Grouper struct {
	s   *groupState
	tgt any
	id  int
}

// Next returns the run's next value, StopIteration at its end.
func (g *Grouper) Next() (v any, err error) {
	defer catch(&err)
	s := g.s
	if s.id != g.id || (!s.have && !s.step()) || !equal(s.curKey, g.tgt) {
		return nil, StopIteration
	}
	s.have = false
	return s.curVal, nil
}

// Iter returns g.
func (g *Grouper) Iter() Iterator { return g }

// String is Python's repr of a grouper.
func (g *Grouper) String() string { return "<itertools._grouper object>" }

// equal is Python's == for the values the package handles: numbers by
// value across kinds, sequences elementwise, others by Go equality.
func equal(a, b any) bool {
	if c, err := compare(a, b); err == nil {
		return c == 0
	}
	defer func() { recover() }() // incomparable dynamic types
	return a == b
}

// ISlice is islice(x, stop) or islice(x, start, stop[, step]); a nil stop
// means no end. Arguments must be non-negative ints (step positive), as in
// Python; otherwise consuming the Seq fails with ValueError.
func ISlice(x any, args ...any) Seq {
	return func(yield func(any) bool) {
		start, stop, step := 0, -1, 1
		idx := func(v any, what string) int {
			if v == nil {
				return -1
			}
			n, ok := v.(int)
			if !ok || n < 0 {
				raise(raisef(ValueError, "%s for islice() must be None or an integer: 0 <= x <= sys.maxsize.", what))
			}
			return n
		}
		switch len(args) {
		case 1:
			stop = idx(args[0], "Stop argument")
		case 2, 3:
			start = max(idx(args[0], "Indices"), 0)
			stop = idx(args[1], "Indices")
			if len(args) == 3 && args[2] != nil {
				s, ok := args[2].(int)
				if !ok || s <= 0 {
					raise(raisef(ValueError, "Step for islice() must be a positive integer or None."))
				}
				step = s
			}
		default:
			raise(raisef(TypeError, "islice expected 2 to 4 arguments, got %d", len(args)+1))
		}
		if stop >= 0 && start >= stop {
			// Nothing to yield, but CPython still advances the source by
			// start values: next(islice(it, n, n), None) is the
			// consume recipe.
			i := 0
			if start > 0 {
				each(x, func(any) bool { i++; return i < start })
			}
			return
		}
		i, next := 0, start
		each(x, func(v any) bool {
			if i == next {
				if !yield(v) {
					return false
				}
				next += step
			}
			i++
			return stop < 0 || i < stop // CPython consumes up to stop
		})
	}
}

// Take returns the first n values of x as a PyList (fewer if x is
// shorter); the itertools recipe take(n, iterable).
func Take(n int, x any) (PyList, error) { return List(ISlice(x, n)) }

// Map is map(fn, xs...): fn applied to the values of the xs in parallel,
// stopping at the shortest.
func Map(fn any, xs ...any) Seq {
	return func(yield func(any) bool) {
		f := mustCallable(fn)
		if len(xs) == 1 {
			each(xs[0], func(v any) bool { return yield(f.mustCall(v)) })
			return
		}
		zip(xs, func(t Tuple) bool { return yield(f.mustCall(t...)) })
	}
}

// StarMap is starmap(fn, x): fn(*args) for each args value of x (a Tuple,
// PyList or any slice).
func StarMap(fn any, x any) Seq {
	return func(yield func(any) bool) {
		f := mustCallable(fn)
		each(x, func(v any) bool {
			args, err := List(v)
			if err != nil {
				raise(err)
			}
			return yield(f.mustCall(args...))
		})
	}
}

// zip pulls all xs in parallel, calling fn with each Tuple until the
// shortest ends or fn returns false.
func zip(xs []any, fn func(Tuple) bool) {
	its := make([]Iterator, len(xs))
	for i, x := range xs {
		its[i] = mustIter(x)
		defer closeIter(its[i])
	}
	if len(its) == 0 {
		return
	}
	for {
		t := make(Tuple, len(its))
		for i, it := range its {
			v, ok := pull(it)
			if !ok {
				return
			}
			t[i] = v
		}
		if !fn(t) {
			return
		}
	}
}

// Zip is zip(xs...): Tuples of the values of the xs in parallel, stopping
// at the shortest.
func Zip(xs ...any) Seq {
	return func(yield func(any) bool) { zip(xs, func(t Tuple) bool { return yield(t) }) }
}

// ZipLongest is zip_longest(xs..., fillvalue=fill): like Zip, but running
// until the longest ends, with fill for the missing values.
func ZipLongest(fill any, xs ...any) Seq {
	return func(yield func(any) bool) {
		its := make([]Iterator, len(xs))
		for i, x := range xs {
			its[i] = mustIter(x)
			defer closeIter(its[i])
		}
		active := len(its)
		for active > 0 {
			t := make(Tuple, len(its))
			for i, it := range its {
				if it == nil {
					t[i] = fill
					continue
				}
				v, ok := pull(it)
				if !ok {
					its[i] = nil
					active--
					v = fill
				}
				t[i] = v
			}
			if active == 0 || !yield(t) {
				return
			}
		}
	}
}

// Pairwise is pairwise(x): Tuples of overlapping pairs (a, b), (b, c), ...
func Pairwise(x any) Seq {
	return func(yield func(any) bool) {
		var prev any
		first := true
		each(x, func(v any) bool {
			if first {
				prev, first = v, false
				return true
			}
			t := Tuple{prev, v}
			prev = v
			return yield(t)
		})
	}
}
