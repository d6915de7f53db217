package mt

import "fmt"

// Error is an mt failure that carries a Python exception name, so that a
// notebook prints what the Python seed prints ("RuntimeError: release
// unlocked lock", "queue.Empty"). errors.Is matches an *Error target by Type,
// and also by Msg when the target's Msg is not empty.
type Error struct {
	Type string // Python exception name, e.g. "RuntimeError" or "queue.Empty"
	Msg  string // message; may be empty
}

// Error returns "Type: Msg", or just Type when Msg is empty.
func (e *Error) Error() string {
	if e.Msg == "" {
		return e.Type
	}
	return e.Type + ": " + e.Msg
}

// ExceptionName returns the Python exception name, Type. The kernel names a
// cell's error by it when a cell's last value is an *Error.
func (e *Error) ExceptionName() string { return e.Type }

// Is reports whether target is an *Error of the same Type (and Msg, when the
// target's Msg is set).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Type == e.Type && (t.Msg == "" || t.Msg == e.Msg)
}

// Sentinels for errors.Is. Empty and Full are what the non-blocking and timed
// queue operations return (Python's queue.Empty and queue.Full).
var (
	Empty        = &Error{Type: "queue.Empty"}
	Full         = &Error{Type: "queue.Full"}
	RuntimeError = &Error{Type: "RuntimeError"}
	ValueError   = &Error{Type: "ValueError"}
	TypeError    = &Error{Type: "TypeError"}
	TimeoutError = &Error{Type: "TimeoutError"}
	EOFError     = &Error{Type: "EOFError"}
)

func newError(typ, format string, args ...any) *Error {
	return &Error{Type: typ, Msg: fmt.Sprintf(format, args...)}
}
