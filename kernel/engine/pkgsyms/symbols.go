package pkgsyms

import (
	"reflect"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/pkg/coro"
)

// pkgEntry describes one package of the generated index.
type pkgEntry struct {
	path string // import path
	name string // package name
	ok   bool   // the package has a table on this platform
	load func() map[string]reflect.Value
}

// key returns the key yaegi expects for the package in interp.Exports.
func (e *pkgEntry) key() string { return e.path + "/" + e.name }

// tables caches the table of each index entry once built.
var tables [len(index)]struct {
	once sync.Once
	syms map[string]reflect.Value
}

// table returns the table of index[i], building it on first use.
func table(i int) map[string]reflect.Value {
	t := &tables[i]
	t.once.Do(func() { t.syms = index[i].load() })
	return t.syms
}

// Packages returns the sorted import paths of the packages with a table.
func Packages() []string {
	paths := make([]string, 0, len(index))
	for i := range index {
		if index[i].ok {
			paths = append(paths, index[i].path)
		}
	}
	return paths
}

// Preload returns the packages cells may use without importing them, as
// engine.Options.Preload wants them: package name -> import path. Only the
// project's own packages (pkg/...): the third-party ones compiled in
// (errgroup, semaphore, rate) need an import line, as in Go, so that a
// cell's own `rate` or `semaphore` never turns into an import.
func Preload() map[string]string {
	m := make(map[string]string, len(index))
	for i := range index {
		if index[i].ok && strings.HasPrefix(index[i].path, "github.com/gokernel/gokernel/pkg/") {
			m[index[i].name] = index[i].path
		}
	}
	return m
}

// Symbols returns the tables of all packages of Packages, keyed
// "importpath/name" as (*interp.Interpreter).Use expects, the time.Sleep
// patch ("time/time": Sleep = coro.TimeSleep) and the "." MapTypes entry.
// Use it after the standard library's tables, so that the patch wins. Each
// call returns new outer maps; the package tables are shared and must not be
// modified. Safe for concurrent use.
func Symbols() interp.Exports {
	e := make(interp.Exports, len(index)+2)
	for i := range index {
		if index[i].ok {
			e[index[i].key()] = table(i)
		}
	}
	e["time/time"] = map[string]reflect.Value{"Sleep": reflect.ValueOf(coro.TimeSleep)}
	addMapTypes(e)
	return e
}

// Tables returns Symbols as the list engine.Options.Symbols takes, so that
// callers need not import yaegi.
func Tables() []interp.Exports { return []interp.Exports{Symbols()} }
