package coro

import (
	"errors"
	"fmt"

	"github.com/gokernel/gokernel/pkg/py"
)

// Exception is a Python exception as a Go error (py.Exception, shared with
// pkg/mt: errors.Is(err, coro.ValueError) matches mt's ValueError too):
// Type is the Python class name ("StopIteration", "ValueError", ...), Msg
// the message and Value the payload some exceptions carry
// (StopIteration.value: a generator's return value). Error() is "Type" or
// "Type: Msg", as Python prints the last line of a traceback.
//
// errors.Is(err, target) holds when target is an *Exception of the same Type:
// the exported sentinels (StopIteration, ValueError, ...) match every
// exception of their type, whatever its message or value.
type Exception = py.Exception

// Sentinels, one per Python exception the package raises. Compare with
// errors.Is; never modify them.
var (
	StopIteration      = &Exception{Type: "StopIteration"}
	StopAsyncIteration = &Exception{Type: "StopAsyncIteration"}
	GeneratorExit      = &Exception{Type: "GeneratorExit"}
	GreenletExit       = &Exception{Type: "GreenletExit"}
	TypeError          = &Exception{Type: "TypeError"}
	ValueError         = &Exception{Type: "ValueError"}
	IndexError         = &Exception{Type: "IndexError"}
	KeyError           = &Exception{Type: "KeyError"}
	RuntimeError       = &Exception{Type: "RuntimeError"}
	CancelledError     = &Exception{Type: "CancelledError"}
	TimeoutError       = &Exception{Type: "TimeoutError"}
	InvalidStateError  = &Exception{Type: "InvalidStateError"}
	QueueEmpty         = &Exception{Type: "QueueEmpty"}
	QueueFull          = &Exception{Type: "QueueFull"}
	// ErrInterrupted is returned by blocking calls when the kernel
	// interrupts the cell (see Host) or their context is done.
	ErrInterrupted = &Exception{Type: "KeyboardInterrupt"}
)

// Raise returns a new *Exception of type typ whose message is
// fmt.Sprint(msg...). Panic with it to raise it from a generator body or
// a task.
func Raise(typ string, msg ...any) *Exception {
	return &Exception{Type: typ, Msg: fmt.Sprint(msg...)}
}

// raisef returns an exception of the type of sentinel with a formatted message.
func raisef(sentinel *Exception, format string, args ...any) *Exception {
	return py.Errorf(sentinel.Type, format, args...)
}

// StopValue reports whether err is a StopIteration and returns the value
// it carries (a generator's return value; nil if it returned nothing).
func StopValue(err error) (any, bool) {
	var e *Exception
	if errors.As(err, &e) && e.Type == StopIteration.Type {
		return e.Value, true
	}
	return nil, false
}

// isStop reports whether err is a StopIteration.
func isStop(err error) bool { return errors.Is(err, StopIteration) }

// PanicError is the error a panic inside a generator body, a task or a
// function called by the package becomes when the panic value is not an
// error: the kernel never crashes, the caller gets it as an error.
type PanicError struct {
	Value any
}

// Error returns "panic: <value>".
func (p *PanicError) Error() string { return fmt.Sprintf("panic: %v", p.Value) }

// asError turns a recovered panic value into an error: errors stay as they
// are, anything else becomes a *PanicError.
func asError(r any) error {
	if err, ok := r.(error); ok {
		return err
	}
	return &PanicError{Value: r}
}
