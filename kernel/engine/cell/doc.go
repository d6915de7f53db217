// Package cell splits a notebook cell of Go code into chunks that the yaegi
// interpreter (github.com/traefik/yaegi v0.16.1) evaluates correctly, one after
// the other, so that running the chunks in order reproduces the cell's Go
// semantics.
//
// A cell may mix imports, declarations and statements in any order, which Go
// itself does not allow and yaegi mishandles. [Parse] cuts the cell at its
// top-level statement boundaries and produces:
//
//   - [Import] chunks, hoisted to the front of the cell;
//   - [Decl] chunks for func, method, type, const and var declarations. A
//     top-level `x := e` becomes a var declaration, so that it is a global that
//     persists into later cells and can be replayed in a fresh interpreter.
//     Types, consts, funcs and methods have no side effects and are hoisted
//     (as Go allows forward references at package level); var declarations
//     keep their place among the statements;
//   - [Stmts] chunks: each run of consecutive top-level statements is wrapped
//     in a generated function that is declared, then called;
//   - an [Expr] chunk for the trailing expression, the cell's value.
//
// Parse also rewrites constructs that yaegi gets wrong (range over int, defer
// argument evaluation, per-iteration loop variables captured by closures,
// goroutine panics, top-level defer, func main, min/max/clear, top-level
// variables; see the rewrite_*.go files), and it prefixes every piece of
// source with /*line cell[N]/_.go:L:C*/ directives so that yaegi's errors
// and panics point into the cell's own text ([CleanPositions] drops the
// "/_.go" that yaegi needs in them).
//
// The rewritten code calls helpers from [Prelude], which the session evaluates
// once in every fresh interpreter. After every cell, even a failed one, the
// session evaluates [RunDefers] to run the cell's top-level deferred calls.
//
// Boundary: this package only reads and writes Go source text; it uses
// go/scanner, go/parser and go/ast and never imports yaegi. The package
// kernel/engine owns the interpreter and consumes the chunks; the yaegi tests
// in this package (yaegi_test.go) prove the rewrites against yaegi itself.
//
// [IsComplete] answers Jupyter's is_complete_request for a piece of code.
package cell
