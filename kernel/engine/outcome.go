package engine

import (
	"errors"
	"fmt"
	"go/scanner"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// Outcome is the result of running one cell.
type Outcome struct {
	// Value is the cell's trailing expression rendered as text/plain (see
	// Value); nil when the cell has none: declarations, statements, calls
	// without results, calls whose results are all nil, fmt.Print*/log
	// calls, or when the cell failed.
	Value *Value
	// Decls lists the declarations this cell evaluated successfully, in
	// order, for replay in a new worker. It may be non-empty when Err is
	// set: declarations that ran before the failure stay in effect.
	Decls []Decl
	// Reset names the variables of earlier cells whose values this cell
	// reset to their initial value because it redefined a func, method,
	// type or const they depend on and the session had to be rebuilt (see
	// the package documentation). Usually empty.
	Reset []string
	// Err is nil on success.
	Err *Error
}

// Value is the text/plain rendering of a cell's result.
//
// A string is quoted as by strconv.Quote (Go's %q), so that "" and " " are
// visible; any other value is formatted with %v (its String or Error method
// when it has one). A call with several results renders as a parenthesised,
// comma-separated list: (3, "x"). A nil value renders as <nil>. When the
// last value is a non-nil error the cell fails with it instead (its Name is
// the error's type, such as *strconv.NumError, or the Python name of a
// pkg/coro or pkg/mt exception), as a caller of a function returning that
// error would see it.
//
// A trailing call shows what a notebook shows for the Python call it stands
// for, where None is not shown: its last result is dropped when it is nil
// (the nil error of a `(v, err)` pair: strconv.Atoi("12") shows 12,
// g.Send(x) the yielded value), and a call whose remaining results are all
// nil (nil interfaces or nil pointers: coro.Run(main) → (nil, nil),
// coro.Next(it) yielding None) shows nothing (Value is nil). Other results
// are shown as they are: a bool a call returns (coro.IsIterable(x), a
// Task's Join reporting that it finished) is shown, since a reader asking
// a question wants the answer. A trailing expression that is not a call
// (a variable, a literal, an operation) always shows its value, <nil>
// included: the reader asked for it. Renderings
// longer than maxValueLen bytes are cut and end with a note saying so.
type Value struct {
	Text string
	// Data and Metadata are set for a rich value (see rich.go): MIME type
	// -> data with text/plain equal to Text, and MIME type -> metadata.
	Data, Metadata map[string]any
}

// Decl is one declaration of the session, replayable into a new Session.
type Decl struct {
	Kind  string   // "import", "func", "type", "var" or "const"
	Names []string // declared identifiers; methods as "T.M"; import paths for imports
	Src   string   // exactly what to evaluate to reproduce it, with //line directives
}

// Error is a failed cell as the frontend shows it.
type Error struct {
	// Name is the error kind: "CompileError" (nothing of the failing part
	// ran), "panic" (interpreted code panicked, runtime errors included),
	// the Python name of a pkg/coro or pkg/mt exception that was panicked
	// or returned as the last value ("StopIteration", "KeyboardInterrupt"),
	// the Go type of another returned error,
	// "Interrupted" (ctx was done), or "InternalError" (the interpreter
	// itself failed; the session should be replaced).
	Name string
	// Value is the message: the compile error, or the panic value.
	Value string
	// Traceback holds the lines to show. Positions are cell[N]:L:C. For a
	// panic: "panic: <value>" ("Name: <value>" for an exception), a blank
	// line, then for each interpreted
	// frame, innermost first, the function ("main.f(...)"; top-level code
	// of a cell is "cell[N]") and an indented position. yaegi v0.16.1
	// reports for a frame where its function's body starts executing, not
	// the line of the panic or call; a trailing expression's frame is at
	// the expression. Beyond 50 frames the middle ones are elided.
	Traceback []string
}

// Error names of Error.Name.
const (
	NameCompile     = "CompileError"
	NamePanic       = "panic"
	NameInterrupted = "Interrupted"
	NameInternal    = "InternalError"
)

// compileError converts an error from cell.Parse or yaegi's compiler.
func compileError(err error) *Error {
	var lines []string
	var ce *cell.Error
	var sl scanner.ErrorList
	var ie errInternal
	switch {
	case errors.As(err, &ie):
		return internalError("compilation", ie.r)
	case errors.As(err, &ce):
		for _, it := range ce.List {
			lines = append(lines, fmt.Sprintf("%s: %s", it.Pos, it.Msg))
		}
	case errors.As(err, &sl):
		for _, e := range sl {
			lines = append(lines, e.Error())
		}
	default:
		lines = strings.Split(strings.TrimRight(err.Error(), "\n"), "\n")
	}
	if len(lines) == 0 {
		lines = []string{err.Error()}
	}
	for i, l := range lines {
		lines[i] = cellPositions(l)
	}
	return &Error{Name: NameCompile, Value: lines[0], Traceback: lines}
}

// internalError reports a panic of yaegi itself (not of interpreted code).
func internalError(what string, r any) *Error {
	msg := cellPositions(fmt.Sprintf("engine: internal interpreter error during %s: %v", what, r))
	return &Error{Name: NameInternal, Value: msg, Traceback: []string{msg}}
}

// interrupted reports a cell stopped because its context was done.
func interrupted(err error) *Error {
	msg := "execution interrupted: " + err.Error()
	return &Error{Name: NameInterrupted, Value: msg, Traceback: []string{msg}}
}
