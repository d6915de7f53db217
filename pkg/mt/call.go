package mt

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"

	"github.com/gokernel/gokernel/pkg/py"
)

// NamedFunc is a callable with an explicit name. It is accepted wherever mt
// takes a target (threads, pools, processes). Functions defined in notebook
// cells lose their names when they cross into compiled code, so a cell writes
// mt.Func("work1", work1) where the name matters (thread names, process
// targets). It is py.NamedFunc: coro.Named makes the same value.
type NamedFunc = py.NamedFunc

// Func returns fn with the given name attached.
func Func(name string, fn any) NamedFunc { return NamedFunc{Name: name, Fn: fn} }

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// callable is a target resolved once: its reflect value and its name ("" if
// unknown, as for interpreted functions without Func).
type callable struct {
	fn   reflect.Value
	name string
}

// resolve checks that target is a function (or a NamedFunc wrapping one).
func resolve(target any) (callable, error) {
	var c callable
	if nf, ok := target.(NamedFunc); ok {
		c.name = nf.Name
		target = nf.Fn
	}
	if target == nil {
		return c, newError("TypeError", "target is nil, not a function")
	}
	v := reflect.ValueOf(target)
	if v.Kind() != reflect.Func || v.IsNil() {
		return c, newError("TypeError", "target of type %T is not a function", target)
	}
	c.fn = v
	if c.name == "" {
		c.name = funcName(v)
	}
	return c, nil
}

// funcName returns the name of a compiled function without its package
// ("work1" for "example.com/p.work1", "run.func1" for a closure in run,
// "(*T).Run" for a method value) or "" when the runtime does not know it
// (interpreted functions arrive as reflect.makeFuncStub).
func funcName(v reflect.Value) string {
	f := runtime.FuncForPC(v.Pointer())
	if f == nil {
		return ""
	}
	full := f.Name()
	if strings.HasPrefix(full, "reflect.") {
		return ""
	}
	return shortName(full)
}

// fullName is the runtime name of a compiled function, "" if unknown.
func fullName(v reflect.Value) string {
	f := runtime.FuncForPC(v.Pointer())
	if f == nil || strings.HasPrefix(f.Name(), "reflect.") {
		return ""
	}
	return f.Name()
}

func shortName(full string) string {
	if i := strings.LastIndex(full, "/"); i >= 0 {
		full = full[i+1:]
	}
	full = strings.TrimSuffix(full, "-fm") // method values
	if i := strings.Index(full, "."); i >= 0 {
		full = full[i+1:]
	}
	return full
}

func (c callable) label() string {
	if c.name == "" {
		return "function"
	}
	return c.name + "()"
}

// args converts args to the parameter types of c: values are used as they are
// when assignable, converted when convertible (an untyped 3 passed to a
// float64 parameter), and nil becomes the zero value.
func (c callable) args(args []any) ([]reflect.Value, error) {
	t := c.fn.Type()
	n := t.NumIn()
	if t.IsVariadic() {
		if len(args) < n-1 {
			return nil, newError("TypeError", "%s takes at least %d arguments but %d were given", c.label(), n-1, len(args))
		}
	} else if len(args) != n {
		return nil, newError("TypeError", "%s takes %d arguments but %d were given", c.label(), n, len(args))
	}
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		var pt reflect.Type
		if t.IsVariadic() && i >= n-1 {
			pt = t.In(n - 1).Elem()
		} else {
			pt = t.In(i)
		}
		v, err := convertArg(a, pt)
		if err != nil {
			return nil, newError("TypeError", "%s argument %d: %v", c.label(), i+1, err)
		}
		in[i] = v
	}
	return in, nil
}

func convertArg(a any, pt reflect.Type) (reflect.Value, error) {
	if a == nil {
		return reflect.Zero(pt), nil
	}
	v := reflect.ValueOf(a)
	switch {
	case v.Type().AssignableTo(pt):
		if pt.Kind() == reflect.Interface {
			pv := reflect.New(pt).Elem()
			pv.Set(v)
			return pv, nil
		}
		return v, nil
	case v.Type().ConvertibleTo(pt) && v.Kind() != reflect.String && pt.Kind() != reflect.String:
		return v.Convert(pt), nil
	case v.Kind() == reflect.String && pt.Kind() == reflect.String:
		return v.Convert(pt), nil
	}
	return reflect.Value{}, fmt.Errorf("must be %s, not %T", pt, a)
}

// call calls c with args and turns its results into (value, error): a last
// result of type error becomes the error; no other result gives nil, one
// gives its value, several give []any. A panic in the callee is returned as
// a *PanicError.
func (c callable) call(args []any) (res any, err error) {
	in, err := c.args(args)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &PanicError{Value: r}
		}
	}()
	return results(c.fn.Call(in))
}

func results(out []reflect.Value) (any, error) {
	var err error
	if k := len(out); k > 0 && out[k-1].Type() == errorType {
		if e := out[k-1].Interface(); e != nil {
			err = e.(error)
		}
		out = out[:k-1]
	}
	switch len(out) {
	case 0:
		return nil, err
	case 1:
		return out[0].Interface(), err
	}
	vs := make([]any, len(out))
	for i, o := range out {
		vs[i] = o.Interface()
	}
	return vs, err
}

// PanicError is a panic recovered from a target, returned where Python would
// re-raise the exception (AsyncResult.Get) or printed (threads).
type PanicError struct {
	Value any // the value passed to panic
}

// Error returns the panic value as text; a panicked error or *Error keeps its
// own message.
func (p *PanicError) Error() string {
	if e, ok := p.Value.(error); ok {
		return e.Error()
	}
	return fmt.Sprintf("panic: %v", p.Value)
}

// Unwrap returns the panicked error, if the panic value is one.
func (p *PanicError) Unwrap() error {
	e, _ := p.Value.(error)
	return e
}
