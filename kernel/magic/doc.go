// Package magic parses and runs IPython-style magics in gokernel cells:
// line magics (`%time x := f()`), shell lines (`!ls`) and cell magics
// (`%%bash`), documented by `%help`.
//
// Parse splits a cell into its header of magics and the Go code after it,
// and rejects a magic line inside the Go code with the line's number. Each
// magic runs where its effect belongs (Spec.Where): most in the worker
// process, where cell code, its working directory and its environment
// live (kernel/magic/runner); %help and %reset in the kernel process, which owns the
// worker (kernel/worker's supervisor). The runner reports the worker's State
// (working directory, %env settings) whenever a magic changes it, so that
// the supervisor can restore it in a later worker.
//
// This package is the part both processes use (parsing, the table of
// magics, %help's texts, State); it imports nothing of the engine, so the
// kernel process does not link yaegi through it.
package magic
