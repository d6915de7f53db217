package engine

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"runtime"
	_ "unsafe" // go:linkname

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// machine is one yaegi interpreter with the engine's setup evaluated in it.
// A Session replaces its machine when it rebuilds; everything the user
// declared lives in the machine, everything the Session must keep across
// machines (streams, declaration log) lives in the Session.
type machine struct {
	in        *interp.Interpreter
	tap       *panicTap
	nop       *interp.Program // "_gkEngineNop()": an Execute that runs nothing
	runDefers *interp.Program // cell.RunDefers
	imported  map[importKey]bool
	generic   bool            // the generic standard library is compiled (generics.go)
	binary    map[string]bool // import paths with a symbol table
	poisoned  bool            // a cancelled Execute left goroutines of this machine running
	stopped   bool            // the last run was stopped (see stop)
	// broken: a failed compile may have corrupted the interpreter (a method
	// that did not compile, a compiler panic); the next Exec rebuilds.
	broken bool
}

// engineSetup is evaluated into every machine after the prelude.
const engineSetup = `import ` + outName + ` "` + outPkg + `"
func _gkEngineNop() {}`

// engineHooks is evaluated after engineSetup: the prelude's hooks for
// goroutine panics (see Session.goPanic), recover() (runtime_errors.go),
// print/println and named go statements (golane.go).
const engineHooks = `_gkGoPanic = ` + outName + `.GoPanic
_gkRuntimeError = ` + outName + `.RuntimeError
_gkPrint = ` + outName + `.Print
_gkPrintln = ` + outName + `.Println
_gkGoStart = ` + outName + `.GoStart`

// newMachine creates an interpreter bound to the Session's streams.
func (s *Session) newMachine() (*machine, error) {
	m := &machine{tap: &panicTap{}, imported: map[importKey]bool{}}
	m.in = interp.New(interp.Options{
		Stdin:        s.io.in,
		Stdout:       &s.io.out,
		Stderr:       m.tap,
		Unrestricted: true, // cells see the real environment (os.Getenv)
		// Imported packages without a symbol table are read from source here.
		GoPath:               s.sourcesGoPath(),
		SourcecodeFilesystem: s.sourcesFS(),
	})
	tables := append([]interp.Exports{stdSymbols(), unsafeSymbols()}, s.opts.Symbols...)
	tables = append(tables, sessionSymbols(s.io, s.capture, s.goPanic))
	m.binary = binaryPaths(tables)
	if rich := richSymbols(tables, tables[len(tables)-1][outPkg+"/_gk"]["Out"]); rich != nil {
		tables = append(tables, rich)
	}
	for _, t := range tables {
		if err := use(m.in, t); err != nil {
			return nil, err
		}
	}
	for _, src := range []string{cell.Prelude, engineSetup, engineHooks} {
		p, err := m.compile(src)
		if err == nil {
			_, err = m.execute(context.Background(), p)
		}
		if err != nil {
			return nil, fmt.Errorf("engine: evaluating the prelude: %w", err)
		}
	}
	var err error
	if m.nop, err = m.compile("_gkEngineNop()"); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	if m.runDefers, err = m.compile(cell.RunDefers); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	return m, nil
}

// use is interp.Use with yaegi's panics turned into errors.
func use(in *interp.Interpreter, e interp.Exports) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("engine: loading symbols: %v", r)
		}
	}()
	return in.Use(e)
}

// errInternal wraps a panic of yaegi's compiler; see compile.
type errInternal struct{ r any }

func (e errInternal) Error() string { return fmt.Sprintf("internal compiler error: %v", e.r) }

// compile compiles src without running it, its line directives adapted for
// yaegi (see positions.go). yaegi's compiler panics on some inputs; such a
// panic is returned as an errInternal.
func (m *machine) compile(src string) (p *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, errInternal{r}
		}
	}()
	defer m.dropRoots() // roots.go
	return m.in.Compile(yaegiLines(src))
}

// execute runs a compiled program until it ends or ctx is done. A panic of
// interpreted code comes back as an interp.Panic error (yaegi recovers it).
// When ctx is done first, yaegi is told to stop (every interpreted frame
// stops at its next step, its channel operations and selects end) and
// execute returns ctx's error at once: the program may still be in a
// native call, so the machine is poisoned until Settle sees its goroutines
// gone. ctx is watched here rather than handed to ExecuteWithContext,
// whose early return races with its own goroutine's writes of the result.
func (m *machine) execute(ctx context.Context, p *interp.Program) (reflect.Value, error) {
	m.tap.reset()
	if err := ctx.Err(); err != nil {
		m.stop() // goroutines of the cell's earlier steps may run
		return reflect.Value{}, err
	}
	m.stopped = false
	type result struct {
		v   reflect.Value
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if x := recover(); x != nil {
				r = result{err: errInternal{x}}
			}
			ch <- r
		}()
		r.v, r.err = m.in.ExecuteWithContext(context.Background(), p)
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
	}
	m.stop()
	select {
	case r := <-ch: // it ended meanwhile (an interrupted coro wait unwinds it)
		return r.v, r.err
	default:
	}
	return reflect.Value{}, ctx.Err()
}

// stop ends the interpreter's current (or last) run, goroutines included,
// once, and poisons the machine until Settle.
func (m *machine) stop() {
	if m.stopped {
		return
	}
	m.stopped, m.poisoned = true, true
	// Symbols of a path no package has only takes and releases yaegi's
	// mutex, after which the run's channel that stop closes is visible.
	m.in.Symbols("\x00")
	stopInterp(m.in)
}

// stopInterp is yaegi's (*Interpreter).stop, which ExecuteWithContext
// calls when its context is done: it ends the current run of interp.
//
//go:linkname stopInterp github.com/traefik/yaegi/interp.(*Interpreter).stop
func stopInterp(*interp.Interpreter)

// sync makes the interpreter's global frame cover every compiled global, so
// that Globals can read them (yaegi grows it only when it executes).
func (m *machine) sync() {
	m.execute(context.Background(), m.nop)
}

// globals returns the interpreter's package-level vars and consts.
func (m *machine) globals() (g map[string]reflect.Value) {
	m.sync()
	defer func() {
		if recover() != nil {
			g = map[string]reflect.Value{}
		}
	}()
	return m.in.Globals()
}

// InCell reports whether the calling goroutine runs a cell's own top-level
// code, rather than a goroutine the cell started: yaegi executes each
// program on a goroutine of its own, created by ExecuteWithContext. It
// reads the caller's stack, so it is for rare events (an interrupt), not
// for every call.
func InCell() bool {
	buf := make([]byte, 16<<10)
	n := runtime.Stack(buf, false)
	for n == len(buf) { // the "created by" line is last: read it all
		buf = make([]byte, 2*len(buf))
		n = runtime.Stack(buf, false)
	}
	return bytes.Contains(buf[:n], []byte("created by github.com/traefik/yaegi/interp.(*Interpreter).ExecuteWithContext"))
}
