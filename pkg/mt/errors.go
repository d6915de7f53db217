package mt

import "github.com/gokernel/gokernel/pkg/py"

// Error is an mt failure that carries a Python exception name, so that a
// notebook prints what the Python seed prints ("RuntimeError: release
// unlocked lock", "queue.Empty"). It is py.Exception, shared with pkg/coro:
// errors.Is matches an *Error target by Type (mt.ValueError matches coro's
// ValueError too), and also by Msg when the target's Msg is not empty.
type Error = py.Exception

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

func newError(typ, format string, args ...any) *Error { return py.Errorf(typ, format, args...) }
