// Package stdlib holds the yaegi symbol tables of the Go standard library of
// the Go release the kernel is built with, so that cells can import "fmt",
// "net/http", "os/exec" and the rest as compiled code.
//
// The tables are generated (files z_*.go and zindex.go, see internal/gen) and
// built lazily: this package has no init function and no package-level
// variable that needs code to initialise, and a package's
// map[string]reflect.Value is built the first time Symbols or Load asks for
// it (all of them: ~0.7 ms, ~0.7 MB of heap). The kernel process links the
// same binary as the worker but never calls into this package, so it pays
// for the linked code and type data (file-backed pages shared with the
// worker) and for the init functions of the standard library packages the
// tables refer to, not for the ~8,000 reflect.Values.
//
// # Coverage
//
// Every importable package listed by `go list std` has a table, except
// plugin, runtime/cgo, runtime/race, time/tzdata and unsafe (see excluded in
// internal/gen/packages.go for why; yaegi's own stdlib/unsafe package can
// provide unsafe). Unlike yaegi's default tables, which leave out os/exec and
// syscall and replace os.Exit and os.FindProcess, all of these are the real
// ones: cells may start and signal processes, and a cell that exits only ends
// its worker, which the kernel replaces. Restrict makes os.Exit and
// syscall.Exit panic instead. Note that importing expvar and net/http/pprof
// registers their handlers on http.DefaultServeMux in every process that
// links this package.
//
// Generic functions and types (slices.Sort, maps.Keys, iter.Seq, unique.Make,
// errors.AsType, sync.OnceValue, ...) have no compiled form a table could hold
// and are left out; each generated loader lists what it left out. yaegi makes
// up for part of it: when a table containing "fmt/fmt" is passed to
// (*interp.Interpreter).Use, yaegi compiles its bundled go1.22 sources of cmp,
// maps and slices into the interpreter, of which only slices.Index,
// IndexFunc, Contains, ContainsFunc, EqualFunc and CompareFunc, maps.DeleteFunc,
// cmp.Compare and cmp.Less work with yaegi v0.16.1 (see TestGenericStdlib);
// kernel/engine compiles its own interpreted versions of cmp, iter, maps and
// slices over them (kernel/engine/generics.go and gosrc/), so that cells can
// call the rest.
// Packages with only generic API (iter, unique, weak) have empty tables:
// importing them works, using them does not. Non-generic functions whose
// results are generic types, such as strings.Lines (an iter.Seq[string]),
// are included; since yaegi cannot range over a func, call the iterator with
// a yield function.
//
// Tables are generated on and for linux/amd64, linux/arm64, darwin/amd64,
// darwin/arm64 and windows/amd64. Packages whose API is the same on all of them
// have one file for every platform; syscall and log/syslog have one file per
// platform and are unavailable on any other.
//
// # Interpreter hooks
//
// Symbols and Load include the "." entry yaegi reads as MapTypes: the
// interfaces that fmt, log, encoding/json and encoding/xml functions test
// their any arguments for (so an interpreted fmt.Stringer prints through its
// String method), and wrappers for composed interfaces that net/http and io
// test for (an interpreted http.ResponseWriter that is also an http.Flusher or
// http.Hijacker, an io.Reader that is an io.WriterTo, an io.Writer that is an
// io.ReaderFrom).
//
// yaegi itself patches some symbols when a table with "fmt/fmt" is Used (see
// fixStdlib in yaegi's interp/use.go): fmt.Print*, fmt.Scan*, log and
// flag.CommandLine use the interpreter's Stdin/Stdout/Stderr; log.Fatal*
// panics instead of exiting; os.Args is the interpreter's; and unless
// interp.Options.Unrestricted is set, os.Getenv, os.Setenv and the rest of the
// environment functions work on a private copy of interp.Options.Env.
//
// # Regenerating
//
// After changing the Go version in go.mod, run `go generate` in this
// directory. The generator needs only the Go toolchain.
package stdlib

//go:generate go run ./internal/gen
