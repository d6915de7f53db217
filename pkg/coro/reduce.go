package coro

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"unicode/utf8"
)

// All is all(x): whether every value of x is true (Python truth); true for
// an empty x. It stops at the first false value. It panics with x's error.
func All(x any) bool {
	r := true
	if err := ForEach(x, func(v any) bool { r = Truthy(v); return r }); err != nil {
		panic(err)
	}
	return r
}

// Any is any(x): whether some value of x is true; false for an empty x. It
// stops at the first true value. It panics with x's error.
func Any(x any) bool {
	r := false
	if err := ForEach(x, func(v any) bool { r = Truthy(v); return !r }); err != nil {
		panic(err)
	}
	return r
}

// Opt is an option of Max and Min: Key or Default.
type Opt struct {
	key    any
	def    any
	hasDef bool
}

// Key makes Max/Min compare fn(v) instead of v.
func Key(fn any) Opt { return Opt{key: fn} }

// Default makes Max/Min return v for an empty x instead of failing.
func Default(v any) Opt { return Opt{def: v, hasDef: true} }

// Max is max(x, key=..., default=...): the largest value of x (the first
// one among equals). An empty x without Default fails with "ValueError:
// max() arg is an empty sequence"; incomparable values with TypeError.
func Max(x any, opts ...Opt) (any, error) { return extreme("max", 1, x, opts) }

// Min is min(x, ...): the smallest value; see Max.
func Min(x any, opts ...Opt) (any, error) { return extreme("min", -1, x, opts) }

func extreme(name string, sign int, x any, opts []Opt) (best any, err error) {
	var key *callable
	var def any
	hasDef := false
	for _, o := range opts {
		if o.key != nil {
			if key, err = newCallable(o.key); err != nil {
				return nil, err
			}
		}
		if o.hasDef {
			def, hasDef = o.def, true
		}
	}
	var bestKey any
	found := false
	var callErr error
	err = ForEach(x, func(v any) bool {
		k := v
		if key != nil {
			var e error
			if k, e = key.call(v); e != nil {
				callErr = e
				return false
			}
		}
		if !found {
			best, bestKey, found = v, k, true
			return true
		}
		c, e := compare(k, bestKey)
		if e != nil {
			op := map[int]string{1: ">", -1: "<"}[sign] // CPython compares item op best
			callErr = raisef(TypeError, "'%s' not supported between instances of '%s' and '%s'", op, TypeName(k), TypeName(bestKey))
			return false
		}
		if c*sign > 0 {
			best, bestKey = v, k
		}
		return true
	})
	if err = errors.Join(err, callErr); err != nil {
		return nil, err
	}
	if !found {
		if hasDef {
			return def, nil
		}
		return nil, raisef(ValueError, "%s() arg is an empty sequence", name)
	}
	return best, nil
}

// Reduce is functools.reduce(fn, x[, initial]): fn(fn(fn(initial, x0), x1),
// ...). An empty x without initial fails with "TypeError: reduce() of empty
// iterable with no initial value".
func Reduce(fn any, x any, initial ...any) (any, error) {
	f, err := newCallable(fn)
	if err != nil {
		return nil, err
	}
	var acc any
	started := len(initial) > 0
	if started {
		acc = initial[0]
	}
	var callErr error
	err = ForEach(x, func(v any) bool {
		if !started {
			acc, started = v, true
			return true
		}
		acc, callErr = f.call(acc, v)
		return callErr == nil
	})
	if err = errors.Join(err, callErr); err != nil {
		return nil, err
	}
	if !started {
		return nil, raisef(TypeError, "reduce() of empty iterable with no initial value")
	}
	return acc, nil
}

// Sum is sum(x, start=0): start plus every value of x (ints stay ints, a
// float makes the sum a float). It panics with x's error or a TypeError for
// values that cannot be added.
func Sum(x any, start ...any) any {
	var acc any = 0
	if len(start) > 0 {
		acc = start[0]
	}
	var addErr error
	err := ForEach(x, func(v any) bool {
		acc, addErr = arith('+', acc, v)
		return addErr == nil
	})
	if err = errors.Join(err, addErr); err != nil {
		panic(err)
	}
	return acc
}

// FSum is math.fsum(x): an accurately rounded float sum (Neumaier
// compensation).
func FSum(x any) float64 {
	sum, c := 0.0, 0.0
	if err := ForEach(x, func(v any) bool {
		f, ok := toFloat(v)
		if !ok {
			panic(raisef(TypeError, "must be real number, not %s", TypeName(v)))
		}
		t := sum + f
		if math.Abs(sum) >= math.Abs(f) {
			c += (sum - t) + f
		} else {
			c += (f - t) + sum
		}
		sum = t
		return true
	}); err != nil {
		panic(err)
	}
	return sum + c
}

// Sorted is sorted(x, key=key, reverse=reverse): the values of x in a new
// PyList, stably sorted (key nil: by value). Incomparable values fail with
// TypeError.
func Sorted(x any, key any, reverse bool) (PyList, error) {
	l, err := List(x)
	if err != nil {
		return nil, err
	}
	keys := make([]any, len(l))
	copy(keys, l)
	if key != nil {
		k, err := newCallable(key)
		if err != nil {
			return nil, err
		}
		for i, v := range l {
			if keys[i], err = k.call(v); err != nil {
				return nil, err
			}
		}
	}
	idx := make([]int, len(l))
	for i := range idx {
		idx[i] = i
	}
	var cmpErr error
	slices.SortStableFunc(idx, func(a, b int) int {
		c, err := compare(keys[a], keys[b])
		if err != nil && cmpErr == nil {
			cmpErr = err
		}
		if reverse {
			return -c
		}
		return c
	})
	if cmpErr != nil {
		return nil, cmpErr
	}
	out := make(PyList, len(l))
	for i, j := range idx {
		out[i] = l[j]
	}
	return out, nil
}

// Len is Python's len(v) for strings (runes, not bytes: len("阿豆腐干") is
// 4), slices, arrays, maps, channels, PyList, Tuple and RangeObj. Other
// values panic with TypeError.
func Len(v any) int {
	switch x := v.(type) {
	case string:
		return utf8.RuneCountInString(x)
	case RangeObj:
		return x.Len()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
		return rv.Len()
	case reflect.String:
		return utf8.RuneCountInString(rv.String())
	}
	panic(raisef(TypeError, "object of type '%s' has no len()", TypeName(v)))
}
