package coro

import (
	"fmt"
	"iter"
	"reflect"
	"unicode/utf8"
)

// Iterator is Python's iterator protocol: Next returns the next value, or an
// error matching StopIteration at the end (any other error is an exception
// raised by the iterator). Iterators of this package also implement
// Iterable, returning themselves.
type Iterator interface {
	Next() (any, error)
}

// Iterable is anything that can produce a fresh Iterator (Python's
// __iter__).
type Iterable interface {
	Iter() Iterator
}

// Seq is the push form of a sequence for compiled callers (range over it)
// and for cells (call it with a yield function). Every function of the
// package that takes `x any` accepts a Seq.
type Seq = iter.Seq[any]

// Iter is Python's iter(x). It accepts an Iterator (returned as is, a
// *Generator included), an Iterable (x.Iter()), a Sequence (legacy
// __getitem__ protocol: IterSeq), a Seq or a func(func(any) bool), a
// func() (any, error) (called until it returns an error), a RangeObj,
// slices and arrays (elements in order), strings (one string per rune, as
// Python yields 1-character strings), maps (keys, in sorted order so
// output is reproducible; Python keeps insertion order), and channels
// (received until closed). Anything else fails with "TypeError: 'T'
// object is not iterable".
//
// Compiled code cannot see the methods of a type defined in a notebook
// cell through `any`; pass such values to IterOf or IterSeq (typed
// parameters), or use them where the package takes an Iterator/Iterable
// parameter.
//
// Iterators over a Seq run it on a coroutine that is ended when the Seq
// is exhausted, when the iterator is closed (it implements Closer), or when
// it becomes garbage.
func Iter(x any) (Iterator, error) {
	switch v := x.(type) {
	case Iterator:
		return v, nil
	case Iterable:
		return iterOf(v)
	case Sequence:
		return IterSeq(v), nil
	case Seq:
		return seqIter(v), nil
	case func() (any, error):
		return funcIter(v), nil
	case []any:
		return &sliceIter{s: v}, nil
	case string:
		return &stringIter{s: v}, nil
	case nil:
		return nil, raisef(TypeError, "'NoneType' object is not iterable")
	}
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return &reflectIter{v: rv}, nil
	case reflect.Map:
		return &sliceIter{s: sortedKeys(rv)}, nil
	case reflect.Chan:
		return &chanIter{v: rv}, nil
	case reflect.String:
		return &stringIter{s: rv.String()}, nil
	}
	if interpreted(reflect.TypeOf(x)) {
		return nil, raisef(TypeError, "'%s' object is not iterable (%s)", TypeName(x), cellValueHint)
	}
	return nil, raisef(TypeError, "'%s' object is not iterable", TypeName(x))
}

// IterOf is Iter for a value whose type implements Iterable in a notebook
// cell: x.Iter(). It panics with "TypeError: iter() returned non-iterator
// of type 'NoneType'" when x.Iter() returns nil (an Iter method stub).
func IterOf(x Iterable) Iterator {
	it, err := iterOf(x)
	if err != nil {
		panic(err)
	}
	return it
}

// iterOf is x.Iter(), failing as Python's iter() does when that is nil.
func iterOf(x Iterable) (Iterator, error) {
	it := x.Iter()
	if it == nil || isNilPointer(it) {
		return nil, raisef(TypeError, "iter() returned non-iterator of type 'NoneType'")
	}
	return it, nil
}

// isNilPointer reports whether v holds a nil pointer.
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// MustIter is Iter that panics with the error.
func MustIter(x any) Iterator {
	it, err := Iter(x)
	if err != nil {
		panic(err)
	}
	return it
}

// Next is Python's next(it) for a cell: it returns the next value and
// panics with the error (StopIteration included) at the end, so a cell
// shows the exception as Python would.
func Next(it Iterator) any {
	v, err := it.Next()
	if err != nil {
		panic(err)
	}
	return v
}

// NextDefault is next(it, default): def at the end instead of StopIteration.
// Other errors still panic.
func NextDefault(it Iterator, def any) any {
	v, err := it.Next()
	if err != nil {
		if isStop(err) {
			return def
		}
		panic(err)
	}
	return v
}

// seqErr carries an error out of a Seq by panicking: Seqs have no error
// result. ForEach, List and the iterators recover it and return the error.
type seqErr struct{ err error }

// raise panics with err in a Seq.
func raise(err error) { panic(seqErr{err}) }

// catch recovers a seqErr into *err; other panics continue.
func catch(err *error) {
	if r := recover(); r != nil {
		if se, ok := r.(seqErr); ok {
			*err = se.err
			return
		}
		panic(r)
	}
}

// ForEach is Python's for loop: it calls fn with each value of x (anything
// Iter accepts) until x ends or fn returns false (break). It returns nil at
// the end of x or on break, and the error x raised otherwise (a generator's
// StopIteration and its value are swallowed, as a for loop does). Breaking
// out of a generator leaves it suspended, as in Python.
func ForEach(x any, fn func(v any) bool) (err error) {
	switch v := x.(type) {
	case Seq:
		defer catch(&err)
		v(fn)
		return nil
	case []any:
		for _, e := range v {
			if !fn(e) {
				return nil
			}
		}
		return nil
	}
	it, err := Iter(x)
	if err != nil {
		return err
	}
	return forEachIter(it, fn)
}

// ForEachOf is ForEach for a value whose type implements Iterable or
// Iterator in a notebook cell.
func ForEachOf(x Iterable, fn func(v any) bool) error {
	it, err := iterOf(x)
	if err != nil {
		return err
	}
	return forEachIter(it, fn)
}

// ForEachIter is ForEach for an Iterator typed as such (a notebook type).
func ForEachIter(it Iterator, fn func(v any) bool) error { return forEachIter(it, fn) }

func forEachIter(it Iterator, fn func(v any) bool) error {
	for {
		v, err := it.Next()
		if err != nil {
			if isStop(err) {
				return nil
			}
			return err
		}
		if !fn(v) {
			return nil
		}
	}
}

// List is Python's list(x): all values of x (anything Iter accepts) in a
// new PyList. It fails with the error x raises. An infinite x never returns.
func List(x any) (PyList, error) {
	l := PyList{}
	err := ForEach(x, func(v any) bool { l = append(l, v); return true })
	if err != nil {
		return nil, err
	}
	return l, nil
}

// ListOf is List for a notebook type implementing Iterable.
func ListOf(x Iterable) (PyList, error) {
	it, err := iterOf(x)
	if err != nil {
		return nil, err
	}
	return List(it)
}

// MustList is List that panics with the error.
func MustList(x any) PyList {
	l, err := List(x)
	if err != nil {
		panic(err)
	}
	return l
}

// ToSeq returns x (anything Iter accepts) as a Seq for compiled callers:
// `for v := range coro.ToSeq(x)`. An error from x panics out of the loop.
func ToSeq(x any) Seq {
	if s, ok := x.(Seq); ok {
		return s
	}
	return func(yield func(any) bool) {
		switch v := x.(type) {
		case []any:
			for _, e := range v {
				if !yield(e) {
					return
				}
			}
			return
		}
		it, err := Iter(x)
		if err != nil {
			raise(err)
		}
		if err := forEachIter(it, yield); err != nil {
			raise(err)
		}
	}
}

// Seq returns the generator's values as a Seq (for compiled callers:
// `for v := range g.Seq()`). Breaking out leaves the generator suspended;
// an error from the body panics out of the loop.
func (g *Generator) Seq() Seq { return ToSeq(g) }

// All is Seq under the name the iter package uses.
func (g *Generator) All() Seq { return g.Seq() }

// seqIter is the pull form of a Seq: a generator running it.
func seqIter(s Seq) *Generator {
	return NamedGenerator("seq", func(y *Yielder) any {
		func() {
			defer func() {
				if r := recover(); r != nil {
					if se, ok := r.(seqErr); ok {
						panic(unwind(se))
					}
					panic(r)
				}
			}()
			s(func(v any) bool { y.Yield(v); return true })
		}()
		return nil
	})
}

// funcIter calls f until it returns an error.
type funcIter func() (any, error)

func (f funcIter) Next() (any, error) { return f() }
func (f funcIter) Iter() Iterator     { return f }

// sliceIter iterates a []any.
type sliceIter struct {
	s []any
	i int
}

func (it *sliceIter) Next() (any, error) {
	if it.i >= len(it.s) {
		return nil, StopIteration
	}
	v := it.s[it.i]
	it.i++
	return v, nil
}
func (it *sliceIter) Iter() Iterator { return it }

// reflectIter iterates any slice or array.
type reflectIter struct {
	v reflect.Value
	i int
}

func (it *reflectIter) Next() (any, error) {
	if it.i >= it.v.Len() {
		return nil, StopIteration
	}
	v := it.v.Index(it.i).Interface()
	it.i++
	return v, nil
}
func (it *reflectIter) Iter() Iterator { return it }

// stringIter yields one string per rune.
type stringIter struct {
	s string
	i int
}

func (it *stringIter) Next() (any, error) {
	if it.i >= len(it.s) {
		return nil, StopIteration
	}
	_, n := utf8.DecodeRuneInString(it.s[it.i:])
	v := it.s[it.i : it.i+n]
	it.i += n
	return v, nil
}
func (it *stringIter) Iter() Iterator { return it }

// chanIter receives from a channel until it is closed.
type chanIter struct{ v reflect.Value }

func (it *chanIter) Next() (any, error) {
	v, ok := it.v.Recv()
	if !ok {
		return nil, StopIteration
	}
	return v.Interface(), nil
}
func (it *chanIter) Iter() Iterator { return it }

// TypeName returns Python's name for the type of x where there is one
// (int, float, str, bool, list, tuple, dict, NoneType, generator, range,
// function), Go's type name otherwise. Types defined in notebook cells reach
// compiled code without their names (yaegi), so they print as their
// structure.
func TypeName(x any) string {
	switch x.(type) {
	case nil:
		return "NoneType"
	case *Generator:
		return "generator"
	case RangeObj:
		return "range"
	case PyList:
		return "list"
	case Tuple:
		return "tuple"
	case *sliceIter, *reflectIter:
		return "list_iterator"
	case *stringIter:
		return "str_iterator"
	case *rangeIter:
		return "range_iterator"
	case *TeeIterator:
		return "itertools._tee"
	case *sequenceIter:
		return "iterator"
	case *AsyncGenerator:
		return "async_generator"
	}
	t := reflect.TypeOf(x)
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "int"
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.String:
		return "str"
	case reflect.Bool:
		return "bool"
	case reflect.Slice, reflect.Array:
		return "list"
	case reflect.Map:
		return "dict"
	case reflect.Func:
		return "function"
	}
	return fmt.Sprint(t)
}

// cellValueHint explains a "not iterable" value of a type defined in a
// notebook cell: the interpreter passed it to compiled code without the
// wrapper that carries its methods (it does so for the result of a call
// of a cell function passed straight to a coro function, and for values
// spread from a []any).
const cellValueHint = "a value of a type defined in a cell arrived here without its methods: " +
	"assign it to a variable first, as in it := NewT(); coro.List(it)"

// interpreted reports whether t is the run-time type yaegi gives values of
// a type declared in a notebook cell: an unnamed struct whose fields all
// carry yaegi's "X" prefix (or a pointer to one), or yaegi's own
// valueInterface.
func interpreted(t reflect.Type) bool {
	if t == nil {
		return false
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() == "github.com/traefik/yaegi/interp" {
		return true
	}
	if t.Kind() != reflect.Struct || t.Name() != "" || t.NumField() == 0 {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if n := t.Field(i).Name; len(n) < 2 || n[0] != 'X' {
			return false
		}
	}
	return true
}
