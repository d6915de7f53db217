package stdlib

import (
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// pkgEntry describes one package of the generated index.
type pkgEntry struct {
	path string // import path, "math/rand/v2"
	name string // package name, "rand"
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

// find returns the position of path in index.
func find(path string) (int, bool) {
	i := sort.Search(len(index), func(i int) bool { return index[i].path >= path })
	return i, i < len(index) && index[i].path == path
}

// Packages returns the sorted import paths of the packages that have a symbol
// table on this platform. It builds no table.
func Packages() []string {
	paths := make([]string, 0, len(index))
	for i := range index {
		if index[i].ok {
			paths = append(paths, index[i].path)
		}
	}
	return paths
}

// Symbols returns the symbol tables of all the packages of Packages, keyed
// "importpath/name" as (*interp.Interpreter).Use expects, plus the "." entry
// holding MapTypes (see the package documentation).
//
// The first call builds every table, which takes a few milliseconds and
// megabytes; later calls reuse them. Each call returns a new outer map, which
// the caller may change; the inner maps are shared by all callers and must
// not be modified (Use copies them, so an interpreter may patch its own
// symbols). Symbols is safe for concurrent use.
func Symbols() interp.Exports {
	e := make(interp.Exports, len(index)+1)
	for i := range index {
		if index[i].ok {
			e[index[i].key()] = table(i)
		}
	}
	addMapTypes(e)
	return e
}

// Load is like Symbols but returns only the tables of the packages with the
// given import paths, building no other table, plus the "." MapTypes entry
// for the functions and interfaces among them. It fails if a path has no table
// on this platform. Note that yaegi applies its fmt, log and os patches and
// compiles its generic cmp, maps and slices sources only when the table of fmt
// is passed to Use.
func Load(importPaths ...string) (interp.Exports, error) {
	e := make(interp.Exports, len(importPaths)+1)
	for _, path := range importPaths {
		i, ok := find(path)
		if !ok {
			return nil, fmt.Errorf("stdlib: no symbol table for package %q", path)
		}
		if !index[i].ok {
			return nil, fmt.Errorf("stdlib: no symbol table for package %q on %s/%s",
				path, runtime.GOOS, runtime.GOARCH)
		}
		e[index[i].key()] = table(i)
	}
	addMapTypes(e)
	return e, nil
}
