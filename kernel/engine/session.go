package engine

import (
	"context"
	"errors"
	"fmt"
	"go/constant"
	"go/token"
	"io"
	"os"
	"reflect"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/engine/cell"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms/names"
)

// Options configures a Session.
type Options struct {
	// Stdout and Stderr receive everything cells print: fmt.Print*,
	// println, log, os.Stdout and os.Stderr writes (in the worker they are
	// pipes to the kernel). They must be non-nil *os.File values so that
	// compiled code writing to os.Stdout/os.Stderr is captured too.
	Stdout, Stderr *os.File
	// ReopenStdio makes cells write to duplicates of Stdout and Stderr
	// (Unix), so that a cell that closes os.Stdout or os.Stderr closes
	// only its duplicate: the cell is told at its end and the next cell
	// gets a fresh one (reopen.go). Close releases the duplicates.
	ReopenStdio bool
	// Stdin is read on demand by fmt.Scan*, os.Stdin and everything built
	// on it (bufio.NewReader(os.Stdin), bufio.NewScanner(os.Stdin),
	// io.ReadAll(os.Stdin), ...). A read error reaches the cell unchanged.
	// Nil means every read fails with ErrNoStdin.
	Stdin io.Reader
	// Symbols are extra symbol tables (interp.Exports) to Use in every
	// interpreter, after the standard library.
	Symbols []interp.Exports
	// Preload maps package names to import paths of packages that cells
	// may use without importing them: a cell that uses name as a qualifier
	// (coro.Range) while name is neither imported nor declared in the
	// session is run as if it began with `import "path"` (see preload.go).
	// The packages' symbols must be in Symbols.
	Preload map[string]string
	// Release, if set, ends the native waits of interpreted code that a
	// cancellation left behind (the worker's sync replacements, coro's
	// sleeps); Settle calls it after a cancelled Exec, once yaegi has
	// stopped the interpreted code around those waits.
	Release func()
	// Sources, if set, provides the source of imported packages that no
	// symbol table has (third-party modules, see sources.go).
	Sources Sources
}

// Session runs cells in a yaegi interpreter, keeping their declarations
// and state from one cell to the next. It is not safe for concurrent use:
// Exec and Replay must not overlap. Goroutines started by cells keep
// running between calls and may write output at any time.
type Session struct {
	opts     Options
	io       *stdio
	m        *machine
	logMu    sync.Mutex // guards log's pointer and entries (see Decls)
	log      *declLog
	captured []any           // set by _gkEngine.Out during the Expr chunk
	temps    int             // counter for temporary variable names
	cellVars map[string]bool // vars declared by the running cell so far
	panics   goPanics        // panics of the running cell's goroutines
	// restoring is set during ReplayRestoring (snapshot.go).
	restoring *restoring
}

// New creates a Session with a fresh interpreter holding the standard
// library, Options.Symbols and the rewriter's prelude. It fails if
// Stdout or Stderr is nil or the interpreter cannot be set up.
func New(opts Options) (*Session, error) {
	if opts.Stdout == nil || opts.Stderr == nil {
		return nil, errors.New("engine: Options.Stdout and Options.Stderr must be set")
	}
	s := &Session{opts: opts, io: newStdio(opts), log: &declLog{}}
	m, err := s.newMachine()
	if err != nil {
		return nil, err
	}
	s.m = m
	return s, nil
}

// capture receives the values of a cell's trailing expression.
func (s *Session) capture(vs ...any) { s.captured = vs }

// Exec runs one cell, named name ("cell[N]", the name positions use), to
// completion or until ctx is done, and reports its value, declarations and
// error. Output goes to Options.Stdout/Stderr while it runs.
//
// If ctx is done first, Exec returns an Interrupted error at once; the
// cell's code may still be running in the background (yaegi stops
// interpreted loops at their next step, not native calls) and the
// interpreter is unreliable afterwards. The next Exec then first rebuilds
// the session from its declarations, all vars reset to their initial
// values (listed in its Outcome.Reset), as a new worker would; replacing
// the worker process is still the more reliable choice, since the
// interrupted code keeps running. The same rebuild follows a cell whose
// method failed to compile or that crashed yaegi's compiler, because yaegi
// may be left corrupted.
func (s *Session) Exec(ctx context.Context, name, src string) *Outcome {
	out := &Outcome{}
	if s.m.poisoned || s.m.broken {
		why := "after an interrupt"
		if !s.m.poisoned {
			why = "after a failed compilation"
		}
		if err := s.rebuild(ctx, why, nil, out); err != nil {
			out.Err = err
			return out
		}
	}
	s.io.in.reset()
	s.m.forgetRuns() // roots.go
	c, err := cell.Parse(name, src, cell.Options{IsInt: s.isIntFunc(), IsFunc: s.isFuncFunc(), IsPool: s.isPoolFunc(),
		FuncDecl: s.funcDeclFunc(), SeqMethod: s.seqMethodFunc()})
	if err != nil {
		out.Err = compileError(err)
		return out
	}
	c.Chunks = append(s.preloads(c, src), c.Chunks...)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.startCell(cancel)
	s.run(ctx, c, out)
	if e := s.endCell(); e != nil && (out.Err == nil || out.Err.Name == NameInterrupted) {
		// A goroutine's panic stopped the cell: it fails with that panic
		// and, once the cell's goroutines are gone, the session goes on.
		out.Err, out.Value = e, nil
		sctx, stop := context.WithTimeout(context.Background(), settleTime)
		s.Settle(sctx)
		stop()
	}
	s.io.reopenNote(s.io.reopen())
	noValue(out.Err, name, src)
	return out
}

// IsInt reports whether name is a package-level variable or constant of
// an integer type (named integer types included) from an earlier cell. It
// is what Exec passes to the rewriter as cell.Options.IsInt.
func (s *Session) IsInt(name string) bool {
	v, ok := s.m.globals()[name]
	return ok && isIntValue(v)
}

// isIntFunc returns an IsInt that reads the interpreter's globals once.
func (s *Session) isIntFunc() func(string) bool {
	var g map[string]reflect.Value
	return func(name string) bool {
		if g == nil {
			g = s.m.globals()
		}
		v, ok := g[name]
		return ok && isIntValue(v)
	}
}

// isFuncFunc returns, for cell.Options.IsFunc, a function reporting whether
// a global of an earlier cell is a func (declared, or a var holding one). It
// reads the declaration log and the interpreter's globals once.
func (s *Session) isFuncFunc() func(string) bool {
	var funcs map[string]bool
	var g map[string]reflect.Value
	return func(name string) bool {
		if funcs == nil { // yaegi's Globals has vars only: funcs come from the log
			funcs = map[string]bool{}
			for _, d := range s.log.decls() {
				if d.Kind == "func" {
					for _, n := range d.Names {
						funcs[n] = true
					}
				}
			}
			g = s.m.globals()
		}
		if funcs[name] {
			return true
		}
		v, ok := g[name]
		return ok && v.IsValid() && v.Kind() == reflect.Func
	}
}

// isPoolFunc returns, for cell.Options.IsPool, a function reporting whether
// a global of an earlier cell holds an mt.Pool or mt.ThreadPool (by the
// name of its type: the engine does not import pkg/mt).
func (s *Session) isPoolFunc() func(string) bool {
	var g map[string]reflect.Value
	return func(name string) bool {
		if g == nil {
			g = s.m.globals()
		}
		v, ok := g[name]
		if !ok || !v.IsValid() {
			return false
		}
		t := v.Type().String()
		return t == "*"+names.Mt+"."+names.MtPool || t == "*"+names.Mt+"."+names.MtThreadPool
	}
}

func isIntValue(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	if v.CanInterface() {
		if c, ok := v.Interface().(constant.Value); ok { // untyped constant
			return c.Kind() == constant.Int
		}
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// Decls returns the session's declarations in evaluation order: what
// Replay needs to rebuild this session's definitions in a new one. Unlike
// the other methods it may be called while a cell runs (a cell starting a
// child process asks for them); it then includes the declarations of the
// running cell evaluated so far.
func (s *Session) Decls() []Decl {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return s.log.decls()
}

// setLog replaces the declaration log.
func (s *Session) setLog(l *declLog) {
	s.logMu.Lock()
	s.log = l
	s.logMu.Unlock()
}

// record adds a declaration to the log.
func (s *Session) record(d Decl) {
	s.logMu.Lock()
	s.log.record(d)
	s.logMu.Unlock()
}

// Lookup returns the value of a package-level func, var or const of the
// session (a func as a callable reflect.Value), or an error when name is
// not one. Not safe for concurrent use with Exec.
func (s *Session) Lookup(name string) (reflect.Value, error) {
	if !token.IsIdentifier(name) {
		return reflect.Value{}, fmt.Errorf("engine: %q is not an identifier", name)
	}
	if e, _ := s.log.lookup("", name); e == nil {
		return reflect.Value{}, fmt.Errorf("engine: %s is not declared in the session", name)
	}
	p, err := s.m.compile(name)
	if err != nil {
		return reflect.Value{}, err
	}
	v, err := s.m.execute(context.Background(), p)
	if err != nil {
		return reflect.Value{}, err
	}
	return v, nil
}

// Close releases what the session holds beyond memory: the duplicated
// standard streams of ReopenStdio. The session must not be used after.
func (s *Session) Close() error { return s.io.closeCellFiles() }
