// Package py holds the Python vocabulary that pkg/coro and pkg/mt share, so
// that their values mix as Python's do: an Exception raised by one matches
// the other's sentinel of the same type under errors.Is (coro.ValueError,
// mt.ValueError), and a NamedFunc made by coro.Named or mt.Func is accepted
// by both. coro and mt name these types under their own names (aliases:
// coro.Exception, mt.Error, coro.NamedFunc, mt.NamedFunc); a program rarely
// needs to import py itself.
package py

import "fmt"

// Exception is a Python exception as a Go error: Type is the Python class
// name ("StopIteration", "ValueError", "queue.Empty", ...), Msg the message
// and Value the payload some exceptions carry (StopIteration.value: a
// generator's return value). Error() is "Type" or "Type: Msg", as Python
// prints the last line of a traceback.
//
// errors.Is(err, target) holds when target is an *Exception of the same
// Type and, when the target's Msg is not empty, the same Msg: the exported
// sentinels (coro.StopIteration, mt.Empty, ...) match every exception of
// their type, whatever its message or value.
type Exception struct {
	Type  string
	Msg   string
	Value any
}

// Error returns "Type: Msg"; without a message "Type: Value" when the
// exception carries a value, else "Type".
func (e *Exception) Error() string {
	switch {
	case e.Msg != "":
		return e.Type + ": " + e.Msg
	case e.Value != nil:
		return e.Type + ": " + fmt.Sprint(e.Value)
	}
	return e.Type
}

// ExceptionName returns the Python exception name, Type. The kernel names a
// cell's error by it when a cell's last value is an *Exception.
func (e *Exception) ExceptionName() string { return e.Type }

// Is reports whether target is an *Exception of the same Type (and Msg,
// when the target's Msg is set).
func (e *Exception) Is(target error) bool {
	t, ok := target.(*Exception)
	return ok && t.Type == e.Type && (t.Msg == "" || t.Msg == e.Msg)
}

// Errorf returns an *Exception of type typ with a formatted message.
func Errorf(typ, format string, args ...any) *Exception {
	return &Exception{Type: typ, Msg: fmt.Sprintf(format, args...)}
}

// NamedFunc is a function with the name Python would show for it (task and
// thread names, <Greenlet at 0x...: f(5)>, a process target found by name in
// a child process): functions defined in a notebook cell reach compiled code
// without their names. Every function of coro and mt that takes a callable
// accepts a NamedFunc; the kernel wraps a cell's function in one where the
// name matters.
type NamedFunc struct {
	Name string
	Fn   any
}
