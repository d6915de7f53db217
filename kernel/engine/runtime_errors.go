package engine

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strings"
)

// runtimeError is a runtime error of interpreted code with the message
// compiled Go gives it: a runtime.Error, as what recover() returns for an
// index, nil-dereference, type-assertion or division panic in Go.
type runtimeError struct{ msg string }

func (e runtimeError) Error() string { return e.msg }

// RuntimeError marks runtimeError as a runtime.Error.
func (runtimeError) RuntimeError() {}

var _ runtime.Error = runtimeError{}

// cfgPosition is the "12:5: " that yaegi puts before the message of a
// panic raised by its own checks (a failed type assertion).
var cfgPosition = regexp.MustCompile(`^(?:[^\s:]*:)?\d+:\d+: `)

// goRuntimeMessage returns the message compiled Go gives for the runtime
// error that yaegi panicked with as v (a reflect string or ValueError, or an
// error of its own checks), or "" when v is not one: a value the program
// panicked with itself, or one that is already a runtime.Error.
func goRuntimeMessage(v any) string {
	switch x := v.(type) {
	case nil, runtime.Error:
		return ""
	case string:
		// Only the messages known to come from yaegi's evaluation of the
		// program's own operations: another reflect panic may be the
		// program's own use of reflect (fixedbugs/issue28748.go).
		return runtimeMessages[x]
	case *reflect.ValueError:
		if x.Kind == reflect.Invalid {
			return nilDeref
		}
		return ""
	case error:
		if !strings.HasPrefix(fmt.Sprintf("%T", x), "*interp.") {
			return ""
		}
		msg := cfgPosition.ReplaceAllString(x.Error(), "")
		if strings.HasPrefix(msg, "interface conversion: ") || strings.HasPrefix(msg, "runtime error: ") {
			return msg
		}
	}
	return ""
}

// recoveredRuntimeError is the Prelude's _gkRuntimeError: the runtime.Error
// for a value yaegi recovered, or nil to keep the value.
func recoveredRuntimeError(v any) any {
	if m := goRuntimeMessage(v); m != "" {
		return runtimeError{m}
	}
	return nil
}
