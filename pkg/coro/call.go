package coro

import (
	"fmt"

	"github.com/gokernel/gokernel/pkg/py"
	"reflect"
	"runtime"
	"strings"
)

// NamedFunc is a function with the name the package shows for it
// (<Greenlet at 0x...: f(5)>, task names): funcs defined in a cell reach compiled
// code without their names. Every function of the package that takes a
// callable `fn any` accepts a NamedFunc. It is py.NamedFunc, which pkg/mt
// accepts too (mt.Func makes the same value).
type NamedFunc = py.NamedFunc

// Named returns fn named name.
func Named(name string, fn any) NamedFunc { return NamedFunc{Name: name, Fn: fn} }

// callable is a function value called by reflection with Python-like
// argument conversion. Common signatures take a fast path.
type callable struct {
	name string
	v    reflect.Value
	t    reflect.Type
	f1   func(any) any
	f1b  func(any) bool
	f2   func(any, any) any
}

var errorType = reflect.TypeFor[error]()

// newCallable checks that fn is a function. what names the role for the
// error message ("key", "predicate").
func newCallable(fn any) (*callable, error) {
	c := &callable{}
	if nf, ok := fn.(NamedFunc); ok {
		c.name, fn = nf.Name, nf.Fn
	}
	switch f := fn.(type) {
	case func(any) any:
		c.f1 = f
	case func(any) bool:
		c.f1b = f
	case func(any, any) any:
		c.f2 = f
	}
	c.v = reflect.ValueOf(fn)
	if c.v.Kind() != reflect.Func || c.v.IsNil() {
		return nil, raisef(TypeError, "'%s' object is not callable", TypeName(fn))
	}
	c.t = c.v.Type()
	if c.name == "" {
		c.name = funcName(c.v)
	}
	return c, nil
}

// mustCallable is newCallable for Seqs: it raises the error.
func mustCallable(fn any) *callable {
	c, err := newCallable(fn)
	if err != nil {
		raise(err)
	}
	return c
}

// funcName returns the name of a compiled function ("math.Pow"), or "func"
// for a function made by reflection (every func defined in a cell).
func funcName(v reflect.Value) string {
	f := runtime.FuncForPC(v.Pointer())
	if f == nil || strings.Contains(f.Name(), "makeFuncStub") {
		return "func"
	}
	name := f.Name()
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// call calls the function with args, converting each to the parameter
// type (nil becomes the zero value, numbers convert between kinds). Results:
// none → nil; one → it (a lone error result is returned as the error); a
// trailing error result is returned as the error; several others → Tuple.
func (c *callable) call(args ...any) (any, error) {
	switch {
	case c.f1 != nil && len(args) == 1:
		return c.f1(args[0]), nil
	case c.f1b != nil && len(args) == 1:
		return c.f1b(args[0]), nil
	case c.f2 != nil && len(args) == 2:
		return c.f2(args[0], args[1]), nil
	}
	in, err := c.convert(args)
	if err != nil {
		return nil, err
	}
	out := c.v.Call(in)
	n := len(out)
	if n > 0 && c.t.Out(n-1) == errorType {
		var e error
		if !out[n-1].IsNil() {
			e = out[n-1].Interface().(error)
		}
		out = out[:n-1]
		n--
		if e != nil {
			return nil, e
		}
	}
	switch n {
	case 0:
		return nil, nil
	case 1:
		return out[0].Interface(), nil
	}
	t := make(Tuple, n)
	for i, o := range out {
		t[i] = o.Interface()
	}
	return t, nil
}

// mustCall is call for Seqs: it raises the error.
func (c *callable) mustCall(args ...any) any {
	v, err := c.call(args...)
	if err != nil {
		raise(err)
	}
	return v
}

// truth calls the function and returns the Python truth of its result.
func (c *callable) truth(v any) bool {
	if c.f1b != nil {
		return c.f1b(v)
	}
	return Truthy(c.mustCall(v))
}

func (c *callable) convert(args []any) ([]reflect.Value, error) {
	nin := c.t.NumIn()
	variadic := c.t.IsVariadic()
	if (!variadic && len(args) != nin) || (variadic && len(args) < nin-1) {
		return nil, raisef(TypeError, "%s() takes %d positional arguments but %d were given", c.name, nin, len(args))
	}
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		var pt reflect.Type
		if variadic && i >= nin-1 {
			pt = c.t.In(nin - 1).Elem()
		} else {
			pt = c.t.In(i)
		}
		v, err := convertArg(a, pt)
		if err != nil {
			return nil, raisef(TypeError, "%s() argument %d: %v", c.name, i+1, err)
		}
		in[i] = v
	}
	return in, nil
}

// convertArg converts a to type t: as is when assignable, by conversion
// between numeric kinds, zero value for nil.
func convertArg(a any, t reflect.Type) (reflect.Value, error) {
	if a == nil {
		return reflect.Zero(t), nil
	}
	v := reflect.ValueOf(a)
	if v.Type().AssignableTo(t) {
		return v, nil
	}
	if isNumber(v.Kind()) && isNumber(t.Kind()) {
		return v.Convert(t), nil
	}
	if v.Type().ConvertibleTo(t) && v.Kind() == t.Kind() {
		return v.Convert(t), nil
	}
	return reflect.Value{}, fmt.Errorf("cannot use %s as %s", TypeName(a), t)
}

func isNumber(k reflect.Kind) bool {
	return (k >= reflect.Int && k <= reflect.Uintptr) || k == reflect.Float32 || k == reflect.Float64
}

// Truthy is Python's truth value: false for nil, false, zero numbers, empty
// strings, slices, maps and channels (PyList, Tuple included), true for
// anything else.
func Truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case int:
		return x != 0
	case string:
		return x != ""
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return rv.Uint() != 0
	case reflect.Float32, reflect.Float64:
		return rv.Float() != 0
	case reflect.Slice, reflect.Map, reflect.Chan, reflect.String, reflect.Array:
		return rv.Len() != 0
	case reflect.Pointer, reflect.Interface, reflect.Func:
		return !rv.IsNil()
	}
	return true
}
