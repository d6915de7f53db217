// Package nbscript turns a gokernel notebook into one Go program that
// `go run` accepts: what `jupyter nbconvert --to script` writes for a Go
// notebook (the Python exporter in python/gokernel_jupyter runs
// `gokernel script`, which calls [Convert]).
//
// The program is the notebook's code cells in order:
//
//   - package main, then one import block: every cell's imports merged, plus
//     the packages the kernel provides without an import line (coro, mt,
//     display, …: [Options.Preload]) where the code uses them; imports
//     nothing uses are dropped, as Go refuses them;
//   - the cells' declarations (func, method, type, const, var) at package
//     level, in cell order;
//   - the cells' statements in func main, in cell order. A cell's trailing
//     expression, whose value the notebook shows, is printed with
//     fmt.Println when it is not a call, or when the saved notebook shows a
//     result for it; `x := e` that re-declares a name an earlier cell
//     declared becomes `x = e` (Go allows one declaration per scope);
//   - magic and shell lines (%time, %%bash, !ls, …) commented out; a cell
//     magic whose body is not Go comments out the whole cell;
//   - a cell tagged skip-execution (a version a reader runs by hand, often
//     unbounded) commented out whole; a cell tagged raises-exception (it
//     fails on purpose) keeps its declarations, and its statements are
//     commented out, each with a note, so that main runs to its end.
//
// Limits: a statement variable (`x := e`) is local to main, so a function
// that uses it does not compile (notebooks use `var x = e` for such state);
// a re-declaration with a different type, or a function declared twice,
// does not compile either. [Convert] reports what it commented out, not
// what the Go compiler will refuse.
package nbscript
