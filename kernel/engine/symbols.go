package engine

import (
	"flag"
	"fmt"
	"log"
	"os"
	"reflect"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/engine/stdlib"
)

// stdSymbols returns the standard library tables every interpreter uses.
// This is the one place that chooses them: kernel/engine/stdlib, the real
// os.Exit included (a cell that exits ends its worker, which the kernel
// replaces; stdlib.Restrict would make it panic instead).
func stdSymbols() interp.Exports { return stdlib.Symbols() }

// outPkg is the import path of the engine's own package of helpers for
// cells, imported under outName into every interpreter.
const (
	outPkg  = "github.com/gokernel/gokernel/kernel/engine/_gk"
	outName = "_gkEngine"
)

// fmtIfaces are the interfaces yaegi wraps an interpreted value in when it
// is passed to a native `any` parameter, in the order fmt tests them, so
// that native code sees the value's Format, Error and String methods.
var fmtIfaces = []reflect.Type{
	reflect.TypeFor[fmt.Formatter](),
	reflect.TypeFor[error](),
	reflect.TypeFor[fmt.Stringer](),
}

// sessionSymbols returns the symbols that bind one Session's interpreters to
// its streams, Used after stdSymbols (so they replace yaegi's own patches of
// the same names; see fixStdlib in yaegi's interp/use.go). New maps only: the
// shared tables of stdSymbols are never modified.
//
//   - os.Stdout, os.Stderr: the *os.File variables of io, so that output can
//     be muted during replay; os.Stdin: the stdinFile reading Options.Stdin.
//   - log: a logger writing to the cell's stderr (yaegi's would write to the
//     interpreter's Stderr, which the engine reserves for its panic
//     reports). Fatal* panic instead of exiting, as in yaegi.
//   - flag.CommandLine: a flag set printing to the cell's stderr.
//   - _gkEngine.Out: receives the value of a cell's trailing expression.
//   - _gkEngine.GoPanic: receives the panics of the cell's goroutines.
//   - _gkEngine.GoStart: names a goroutine's lane on a timeline (golane.go).
func sessionSymbols(io *stdio, out func(...any), goPanic func(string, any)) interp.Exports {
	l := log.New(&io.errw, "", log.LstdFlags)
	fs := flag.NewFlagSet(os.Args[0], flag.PanicOnError)
	fs.SetOutput(&io.errw)
	logSyms := map[string]reflect.Value{
		"Default":   reflect.ValueOf(func() *log.Logger { return l }),
		"Fatal":     reflect.ValueOf(l.Panic),
		"Fatalf":    reflect.ValueOf(l.Panicf),
		"Fatalln":   reflect.ValueOf(l.Panicln),
		"Flags":     reflect.ValueOf(l.Flags),
		"Output":    reflect.ValueOf(l.Output),
		"Panic":     reflect.ValueOf(l.Panic),
		"Panicf":    reflect.ValueOf(l.Panicf),
		"Panicln":   reflect.ValueOf(l.Panicln),
		"Prefix":    reflect.ValueOf(l.Prefix),
		"Print":     reflect.ValueOf(l.Print),
		"Printf":    reflect.ValueOf(l.Printf),
		"Println":   reflect.ValueOf(l.Println),
		"SetFlags":  reflect.ValueOf(l.SetFlags),
		"SetOutput": reflect.ValueOf(l.SetOutput),
		"SetPrefix": reflect.ValueOf(l.SetPrefix),
		"Writer":    reflect.ValueOf(l.Writer),
	}
	outSym := reflect.ValueOf(out)
	mapTypes := map[reflect.Value][]reflect.Type{outSym: fmtIfaces}
	for _, name := range []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln", "Print", "Printf", "Println"} {
		mapTypes[logSyms[name]] = fmtIfaces
	}
	return interp.Exports{
		"os/os": {
			"Stdin":  reflect.ValueOf(&io.stdinFile).Elem(),
			"Stdout": reflect.ValueOf(&io.stdout).Elem(),
			"Stderr": reflect.ValueOf(&io.stderr).Elem(),
		},
		"log/log":   logSyms,
		"flag/flag": {"CommandLine": reflect.ValueOf(&fs).Elem()},
		outPkg + "/_gk": {"Out": outSym, "GoPanic": reflect.ValueOf(goPanic),
			"RuntimeError": reflect.ValueOf(recoveredRuntimeError),
			"Print":        reflect.ValueOf(func(args ...any) { goPrint(&io.out, false, args) }),
			"Println":      reflect.ValueOf(func(args ...any) { goPrint(&io.out, true, args) }),
			"GoStart":      reflect.ValueOf(goStart)},
		".": {"MapTypes": reflect.ValueOf(mapTypes)},
	}
}
