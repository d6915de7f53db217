package coro

import "reflect"

// IterCall is iter(fn, sentinel): an iterator calling fn() until it returns
// a value equal (reflect.DeepEqual) to sentinel. fn is any func without
// parameters; a trailing error result ends the iteration with that error.
func IterCall(fn any, sentinel any) (Iterator, error) {
	c, err := newCallable(fn)
	if err != nil {
		return nil, err
	}
	done := false
	return funcIter(func() (any, error) {
		if done {
			return nil, StopIteration
		}
		v, err := c.call()
		if err != nil {
			done = true
			return nil, err
		}
		if reflect.DeepEqual(v, sentinel) {
			done = true
			return nil, StopIteration
		}
		return v, nil
	}), nil
}

// IsIterable reports whether Iter accepts x. Types defined in a notebook
// cell count only when the kernel's MapTypes hook applies (it does for this
// function); in doubt, assert `x.(coro.Iterable)` in the cell.
func IsIterable(x any) bool {
	if x == nil {
		return false
	}
	switch x.(type) {
	case Iterator, Iterable, Seq, func() (any, error), string, []any:
		return true
	}
	switch reflect.ValueOf(x).Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Chan, reflect.String:
		return true
	}
	return false
}

// IsIterator reports whether x is an Iterator (has Next); built-in
// sequences are iterable but not iterators, as in Python.
func IsIterator(x any) bool {
	_, ok := x.(Iterator)
	return ok
}

// Nth is the itertools recipe nth(iterable, n, default): the n-th value of
// x (from 0), or def if x is shorter.
func Nth(x any, n int, def any) (any, error) {
	l, err := List(ISlice(x, n, n+1))
	if err != nil {
		return nil, err
	}
	if len(l) == 0 {
		return def, nil
	}
	return l[0], nil
}

// Consume is the recipe consume(iterator, n): it advances x by n values
// (n < 0: to the end).
func Consume(x any, n int) error {
	if n < 0 {
		return ForEach(x, func(any) bool { return true })
	}
	i := 0
	if n == 0 {
		return nil
	}
	return ForEach(x, func(any) bool { i++; return i < n })
}

// Chunks splits the values of x into PyLists of size values (the last may
// be shorter). It panics with ValueError if size < 1.
func Chunks(x any, size int) ([]PyList, error) {
	if size < 1 {
		panic(raisef(ValueError, "chunk size must be >= 1"))
	}
	var out []PyList
	var cur PyList
	err := ForEach(x, func(v any) bool {
		cur = append(cur, v)
		if len(cur) == size {
			out = append(out, cur)
			cur = nil
		}
		return true
	})
	if cur != nil {
		out = append(out, cur)
	}
	return out, err
}
