// Package gotypes type-checks notebook cells with go/types in the kernel
// process: against the session's declarations so far (what the worker
// logged for replay) and the API of the packages a cell can import
// (package api: embedded export data and doc comments, no Go toolchain at
// run time). It answers complete_request and inspect_request, and it works
// while a cell runs, since it needs nothing of the worker but its
// declaration log.
//
// A cell is not a Go file: it mixes declarations with statements. The
// checker builds one file from it (cellfile.go): imports, funcs, methods
// and types at package level; everything else in the body of a function,
// in order, so that the names a statement declares are in scope after it.
// Text after the cursor's line is left out and the brackets still open are
// closed, so a cell being typed checks as far as it goes.
//
// Precheck (precheck.go) checks a whole cell before it runs, by the cell
// engine's rules instead (its vars at package level, as the engine makes
// them): Go's errors for a cell that must not run, or the cell with the
// type arguments go/types inferred written out (typeargs.go). It reports
// only what it is sure of; anything else runs unchecked.
package gotypes
