// Package engine runs notebook cells of Go code in a yaegi interpreter
// (github.com/traefik/yaegi v0.16.1): a Session keeps the state of one
// notebook from cell to cell. It runs inside the worker process
// (kernel/worker); it knows nothing of Jupyter. It is the only package of
// the kernel that imports yaegi. Cells are split and rewritten by
// kernel/engine/cell (pure source-to-source, no yaegi); the standard
// library's symbol tables come from kernel/engine/stdlib (symbols.go is the
// one place that picks them).
//
// # Running a cell
//
// Exec parses the cell into chunks (cell.Parse) and runs them in order.
// Chunks are compiled first and run afterwards, so that a compile error
// that only yaegi detects (an undefined name, a type mismatch) runs nothing
// of the cell. yaegi compiles each chunk against what the chunks before it
// declared, without running them, which is what makes this possible. One
// exception: func, type and const declarations compiled before the failing
// chunk are evaluated anyway (they run no code), because yaegi keeps what it
// compiled and a compiled but unevaluated func would silently return zero
// values; they are reported in Outcome.Decls. The vars compiled before the
// failing chunk are undeclared again (forget.go): they stay undefined, or
// keep their earlier definition and value. A redefinition that needs a rebuild (below) splits a cell into
// segments compiled one after the other.
//
// After the chunks, even when one failed, Exec runs cell.RunDefers, the
// cell's top-level deferred calls.
//
// # Values
//
// The trailing expression is compiled as _gkEngine.Out(expr), a native
// function that receives all of its results (a call with several results
// passes them all); a call without results does not compile that way and
// is run as a statement: no value. See Value for how values are rendered
// and when a call's nil results are not shown.
// An error value is a value: a cell ending in `err` shows the message and
// does not fail.
//
// # Errors
//
// Compile errors (from the rewriter or from yaegi) are "CompileError".
// Panics of interpreted code, runtime errors included, are "panic" (but a
// panic with a pkg/coro or pkg/mt exception is named by the exception,
// StopIteration or KeyboardInterrupt, as a returned one is: see
// panicError): the
// traceback lists the interpreted frames with cell positions, which yaegi
// writes as one "pos: panic: func(...)" line per frame to the interpreter's
// Stderr while the panic unwinds. The engine gives yaegi a Stderr of its own
// (panicTap) and binds everything cells can write to stderr (os.Stderr,
// log, flag) to Options.Stderr through symbol patches, so those lines never
// reach the user as stray text and need no filtering of the real stream.
// yaegi's reflect-flavoured runtime messages ("reflect: slice index out of
// range") are translated to Go's ("runtime error: index out of range").
// yaegi's message for a call without results used as a value is
// rewritten as Go's "f(1) (no value) used as value" (novalue.go).
// Internal yaegi panics during compilation or execution are recovered and
// reported as "InternalError".
//
// # Output and input
//
// Options.Stdout and Options.Stderr are *os.File so that compiled code
// writing to os.Stdout/os.Stderr is captured; cells see os.Stdout and
// os.Stderr bound to them. println writes to Stdout (yaegi's choice).
// os.Stdin in cells is a value of an engine type that embeds the process's
// *os.File but reads Options.Stdin, so fmt.Scan*, bufio readers and
// scanners on os.Stdin, io.ReadAll(os.Stdin) and os.Stdin.Read all read
// Options.Stdin on demand; input left unread by a cell is dropped before
// the next one.
//
// # Redefinition and rebuilds
//
// yaegi binds uses of a name at compile time and ignores redeclared types
// and methods. See redefine.go for when a redefinition is evaluated in
// place, stored into the existing var, or needs a rebuild: a fresh
// interpreter into which the declaration log (with the new definition in
// place of the old) is replayed. Rebuilt vars keep their current values
// when they are plain data (carry.go); the others (vars holding funcs, or
// values of a redefined type whose layout changed) run their initializer
// again and are listed in Outcome.Reset and on the cell's stderr.
// Statements of earlier cells are not re-run. The log is also what Replay
// evaluates in a new worker; replay orders declarations by the names they
// use (replay.go), because yaegi keeps half-compiled symbols of a
// declaration that fails to compile.
//
// # Generic standard library
//
// yaegi compiles its own Go 1.22 sources of cmp, maps and slices into every
// interpreter; the engine compiles a patch over the slices functions that
// it cannot run as written (generics.go: Delete, DeleteFunc).
//
// # Preloaded packages
//
// Options.Preload names packages that cells may use without an import line
// (the worker preloads the project's own, such as pkg/coro, listed by
// kernel/engine/pkgsyms): when a cell uses one of the names as a qualifier
// (coro.Range) and the session neither imports nor declares that name, the
// engine runs an import of the package before the cell (preload.go). The
// import is logged and replayed like a written one, and a later explicit
// import of the same path is a no-op.
//
// # Positions
//
// The rewriter's line directives name files "cell[N]/_.go" (or "cell[N]",
// which the engine rewrites so): yaegi resolves package names per file base
// name and registers imports for "_.go". The engine reports positions as
// cell[N]:L:C (positions.go).
package engine
