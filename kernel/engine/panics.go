package engine

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/internal/goid"
)

// panicTap is the Stderr of every interpreter of a Session. yaegi writes
// nothing there but one line per interpreted frame that a panic unwinds
// through ("cell[2]:3:5: panic: main.f(...)", see runCfg in yaegi's
// interp/run.go): all other output of cells (os.Stderr, log, flag) is bound
// to the cell's stderr by sessionSymbols. So those lines never reach the
// user as text; the tap keeps them, tagged with the goroutine that wrote
// them, and they become the traceback of the panic reported as the cell's
// error. Lines from other goroutines (a goroutine of an earlier cell
// panicking under the rewriter's recover wrapper) are told apart by the
// goroutine id and dropped.
type panicTap struct {
	mu    sync.Mutex
	lines []tapLine
}

type tapLine struct {
	gid  uint64
	text string
}

// maxTapLines bounds the tap; a deep recursion that panics keeps the
// innermost frames.
const maxTapLines = 400

func (t *panicTap) Write(p []byte) (int, error) {
	gid := uint64(goid.ID())
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		if len(t.lines) >= maxTapLines {
			break
		}
		t.lines = append(t.lines, tapLine{gid, l})
	}
	return len(p), nil
}

// take returns the lines written by goroutine gid and empties the tap.
func (t *panicTap) take(gid uint64) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	for _, l := range t.lines {
		if l.gid == gid {
			out = append(out, l.text)
		}
	}
	t.lines = nil
	return out
}

func (t *panicTap) reset() {
	t.mu.Lock()
	t.lines = nil
	t.mu.Unlock()
}

// firstDirective finds the position of a chunk's first line directive.
var firstDirective = regexp.MustCompile(`line (cell\[\d+\])(?:/_\.go)?:(\d+:\d+)`)

// chunkPos returns the cell position where a chunk's source starts, or "".
func chunkPos(src string) string {
	if m := firstDirective.FindStringSubmatch(src); m != nil {
		return m[1] + ":" + m[2]
	}
	return ""
}

// frameLine matches a tap line: position, then the function yaegi names.
var frameLine = regexp.MustCompile(`^(.*?): panic: (.*)\(\.\.\.\)$`)

// runFunc matches the rewriter's functions for top-level statements,
// _gkRun<N>_<K>, and the renamed func main, _gkMain<N>.
var (
	runFunc  = regexp.MustCompile(`main\._gkRun(\d+)_\d+`)
	mainFunc = regexp.MustCompile(`main\._gkMain\d+`)
)

// panicError builds the Error for a panic of interpreted code: its value and
// the interpreted frames from the tap, innermost first. Frames of the
// engine's own wrappers (the top-level Eval, prelude helpers) are left out,
// except that the top-level Eval of a cell's trailing expression, which
// yaegi reports without a position, is shown at top (the expression's
// position) when that is not empty.
//
// A panic whose value is a Python-style exception of pkg/coro or pkg/mt
// (it has an ExceptionName method: StopIteration, KeyboardInterrupt,
// QueueEmpty, ...) is reported as Python reports it: Name is the
// exception's name, Value its message, and the traceback's first line is
// "StopIteration: done" rather than Go's "panic: ...".
func panicError(p interp.Panic, frames []string, top string) *Error {
	val := panicValue(p.Value)
	name, head := NamePanic, "panic: "+val
	if x, ok := exceptionOf(p.Value); ok {
		name = x.ExceptionName()
		val = strings.TrimPrefix(strings.TrimPrefix(val, name), ": ")
		head = exceptionHead(name, val)
	}
	var shown [][2]string // function, position
	for _, l := range frames {
		m := frameLine.FindStringSubmatch(cellPositions(l))
		if m == nil {
			continue
		}
		pos, fn := m[1], m[2]
		if fn == "main" && top != "" && !strings.HasPrefix(pos, "cell[") {
			pos = top
		}
		if !strings.HasPrefix(pos, "cell[") {
			continue // code without cell positions: the engine's own
		}
		if fn == "main" { // the Eval of a cell's trailing expression or call
			fn, _, _ = strings.Cut(pos, ":")
		}
		fn = runFunc.ReplaceAllString(fn, "cell[$1]")
		fn = mainFunc.ReplaceAllString(fn, "main.main")
		if strings.HasPrefix(fn, "main._gk") {
			continue
		}
		if !strings.HasPrefix(fn, "cell[") {
			fn += "(...)"
		}
		shown = append(shown, [2]string{fn, pos})
	}
	tb := []string{head}
	if len(shown) > 0 {
		tb = append(tb, "")
	}
	for i, f := range shown {
		if len(shown) > maxFrames && i == maxFrames-10 {
			tb = append(tb, fmt.Sprintf("...additional frames elided (%d)...", len(shown)-maxFrames))
		}
		if len(shown) > maxFrames && i >= maxFrames-10 && i < len(shown)-10 {
			continue
		}
		tb = append(tb, f[0], "\t"+f[1])
	}
	return &Error{Name: name, Value: val, Traceback: tb}
}

// exceptionOf returns a panic value that is a Python-style exception.
func exceptionOf(v any) (exceptionNamer, bool) {
	if rv, ok := v.(reflect.Value); ok {
		if !rv.IsValid() || !rv.CanInterface() {
			return nil, false
		}
		v = rv.Interface()
	}
	x, ok := v.(exceptionNamer)
	return x, ok && x != nil && !isNilPtr(v)
}

// isNilPtr reports whether v is a nil pointer in a non-nil interface.
func isNilPtr(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// exceptionHead is the line Python prints for an exception: "Name: value",
// or the bare name when the value is empty.
func exceptionHead(name, value string) string {
	if value == "" {
		return name
	}
	return name + ": " + value
}

// maxFrames bounds the frames of a traceback: the innermost and the ten
// outermost are kept.
const maxFrames = 50

// runtimeMessages maps what yaegi's reflect-based evaluation panics with to
// the message compiled Go gives for the same runtime error.
var runtimeMessages = map[string]string{
	"reflect: slice index out of range":                     "runtime error: index out of range",
	"reflect: array index out of range":                     "runtime error: index out of range",
	"reflect: string index out of range":                    "runtime error: index out of range",
	"reflect.Value.Slice: slice index out of bounds":        "runtime error: slice bounds out of range",
	"reflect.Value.Slice3: slice index out of bounds":       "runtime error: slice bounds out of range",
	"reflect: call of reflect.Value.Field on zero Value":    "runtime error: invalid memory address or nil pointer dereference",
	"reflect: call of reflect.Value.Elem on zero Value":     "runtime error: invalid memory address or nil pointer dereference",
	"reflect.Value.Call: call of nil function":              nilDeref,
	"reflect.Value.Slice: string slice index out of bounds": "runtime error: slice bounds out of range",
	"reflect.MakeSlice: negative len":                       "runtime error: makeslice: len out of range",
	"reflect.MakeSlice: negative cap":                       "runtime error: makeslice: cap out of range",
	"reflect.MakeSlice: len > cap":                          "runtime error: makeslice: cap out of range",
	"reflect.MakeChan: negative buffer size":                "makechan: size out of range",
}

// nilDeref is Go's message for a nil pointer dereference.
const nilDeref = "runtime error: invalid memory address or nil pointer dereference"

// panicValue renders a recovered panic value as Go's runtime prints it,
// unwrapping yaegi's reflect.Value and translating its reflect errors.
func panicValue(v any) string {
	if rv, ok := v.(reflect.Value); ok {
		if !rv.IsValid() {
			return "nil"
		}
		if rv.CanInterface() {
			v = rv.Interface()
		}
	}
	var s string
	switch x := v.(type) {
	case nil:
		return "nil"
	case error:
		s = x.Error()
	case fmt.Stringer:
		s = x.String()
	default:
		s = fmt.Sprintf("%v", v)
	}
	if m, ok := runtimeMessages[s]; ok {
		return m
	}
	if _, isErr := v.(error); isErr {
		if m := goRuntimeMessage(v); m != "" { // a failed type assertion
			return m
		}
	}
	if e, ok := v.(*reflect.ValueError); ok && e.Kind == reflect.Invalid {
		return "runtime error: invalid memory address or nil pointer dereference"
	}
	return s
}
