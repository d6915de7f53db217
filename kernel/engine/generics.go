package engine

import (
	_ "embed"
	"fmt"
)

// The generic standard library. yaegi v0.16.1 cannot call the generic
// functions of compiled packages, and of the go1.22 sources of cmp, maps
// and slices it compiles itself (when the fmt table is Used) most cannot
// be instantiated ("undefined type for E": it infers a type parameter only
// from an argument of exactly that type, not from S ~[]E). The packages of
// gosrc/ are this repository's own versions of cmp, iter, slices and maps,
// written in the form yaegi runs (E from []E, K and V from map[K]V, plain
// func types where Go says iter.Seq[E]); they are ordinary Go packages, so
// the compiler checks them and gosrc_test compares them with the standard
// library. A machine compiles them (~25 ms, 2 MB) when a cell first
// imports one of them (loadGeneric), replacing yaegi's bundled functions of
// the same names.
var (
	//go:embed gosrc/cmp/cmp.go
	cmpSource string
	//go:embed gosrc/iter/iter.go
	iterSource string
	//go:embed gosrc/slices/slices.go
	slicesSource string
	//go:embed gosrc/maps/maps.go
	mapsSource string
)

// genericSources are the packages of gosrc in dependency order.
var genericSources = []struct{ name, src string }{
	{"cmp", cmpSource},
	{"iter", iterSource},
	{"slices", slicesSource},
	{"maps", mapsSource},
}

// loadGeneric compiles the generic standard library into m, once, if paths
// (the import paths a cell is about to import) name one of its packages.
func (m *machine) loadGeneric(paths []string) error {
	if m.generic {
		return nil
	}
	for _, p := range paths {
		for _, g := range genericSources {
			if p == g.name {
				m.generic = true
				return m.compileGeneric()
			}
		}
	}
	return nil
}

// compileGeneric compiles the generic standard library into m. Each source
// gets a file name of its own (a line directive): yaegi keys a package's
// imports by file name, and its bundled slices source already imports cmp
// under "_.go".
func (m *machine) compileGeneric() error {
	for _, g := range genericSources {
		if err := m.compileRaw("//line gk_" + g.name + ".go:1\n" + g.src); err != nil {
			return fmt.Errorf("engine: compiling the generic %s package: %w", g.name, err)
		}
	}
	return nil
}

// compileRaw is compile without yaegiLines, which would rename the file.
func (m *machine) compileRaw(src string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errInternal{r}
		}
	}()
	_, err = m.in.Compile(src)
	return err
}
