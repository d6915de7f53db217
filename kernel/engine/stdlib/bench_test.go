package stdlib

import (
	"testing"

	"github.com/traefik/yaegi/interp"
)

// BenchmarkSymbols measures building every table from scratch, which is what
// the first Symbols call in a process does (TestLazyBuild logs the same for a
// fresh process, where the loader code is not yet paged in).
func BenchmarkSymbols(b *testing.B) {
	b.ReportAllocs()
	symbols := 0
	for b.Loop() {
		e := make(interp.Exports, len(index)+1)
		symbols = 0
		for i := range index {
			if index[i].ok {
				m := index[i].load()
				e[index[i].key()] = m
				symbols += len(m)
			}
		}
		addMapTypes(e)
	}
	b.ReportMetric(float64(symbols), "symbols")
}

// BenchmarkSymbolsCached measures a later Symbols call.
func BenchmarkSymbolsCached(b *testing.B) {
	b.ReportAllocs()
	Symbols()
	for b.Loop() {
		Symbols()
	}
}

// BenchmarkUse measures a new interpreter taking all tables, which includes
// yaegi compiling its generic cmp, maps and slices sources.
func BenchmarkUse(b *testing.B) {
	b.ReportAllocs()
	e := Symbols()
	for b.Loop() {
		i := interp.New(interp.Options{Unrestricted: true})
		if err := i.Use(e); err != nil {
			b.Fatal(err)
		}
	}
}
