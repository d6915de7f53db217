package engine

import (
	"fmt"
	"strings"
)

// ReturnedError names the error a cell fails with when its trailing
// expression ends in a non-nil error, as `strconv.Atoi("x")` or a
// `f() (T, error)` call does.
const ReturnedError = "error"

// exceptionNamer is an error that knows its Python-style exception name.
type exceptionNamer interface{ ExceptionName() string }

// returnedError turns a trailing expression whose last value is a non-nil
// error into the cell's error: the way a Go program's caller would see it
// fail. Nothing is shown as a value then. pos is where the expression is.
func returnedError(vs []any, pos string) *Error {
	if len(vs) == 0 {
		return nil
	}
	err, ok := vs[len(vs)-1].(error)
	if !ok || err == nil {
		return nil
	}
	name, value := fmt.Sprintf("%T", err), err.Error()
	if x, ok := err.(exceptionNamer); ok { // pkg/coro's and pkg/mt's Python-style exceptions
		name = x.ExceptionName()
		value = strings.TrimPrefix(strings.TrimPrefix(value, name), ": ")
	} else if strings.HasPrefix(name, "struct") || strings.HasPrefix(name, "interp.") {
		name = ReturnedError // an interpreted type: yaegi loses its name
	}
	tb := []string{exceptionHead(name, value)} // Python prints a bare "KeyboardInterrupt"
	if pos != "" {
		tb = append(tb, "returned by the expression at "+pos)
	}
	return &Error{Name: name, Value: value, Traceback: tb}
}
