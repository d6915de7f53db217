package pkgsyms

import (
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// iterArgs are the functions of pkg/coro whose `any` parameters accept an
// iterable: yaegi passes a value of a cell-defined type implementing
// coro.Iterator (tested first), coro.Iterable or coro.Sequence inside the
// interface's wrapper, so that the compiled function sees its Next, Iter
// or GetItem method.
var iterArgs = []string{
	"Iter", "MustIter", "ForEach", "List", "MustList", "ToSeq",
	"Accumulate", "Chain", "ChainFromIterable", "Compress", "Cycle", "DropWhile", "Filter",
	"FilterFalse", "GroupBy", "GroupByList", "ISlice", "Map", "Pairwise", "Permutations", "Product",
	"StarMap", "TakeWhile", "Tee", "Zip", "ZipLongest", "Combinations", "CombinationsWithReplacement",
	"All", "Any", "Max", "Min", "Reduce", "Sum", "Take", "GenExpr", "IsIterable", "IsIterator",
	"Nth", "Consume", "Chunks", "Sorted", "FSum", "Len",
}

const coroKey = "github.com/gokernel/gokernel/pkg/coro/coro"

// addMapTypes adds the "." MapTypes entry for iterArgs to e.
func addMapTypes(e interp.Exports) {
	syms := e[coroKey]
	if syms == nil {
		return
	}
	var ifaces []reflect.Type
	for _, name := range []string{"Iterator", "Iterable", "Sequence"} {
		if v, ok := syms[name]; ok {
			ifaces = append(ifaces, v.Type().Elem())
		}
	}
	mt := map[reflect.Value][]reflect.Type{}
	for _, name := range iterArgs {
		if f, ok := syms[name]; ok {
			mt[f] = ifaces
		}
	}
	addRichWrappers(e, mt)
	// The method From of *Yielder is reached through the type, not a
	// symbol: cells pass their own iterators to FromIter.
	e["."] = map[string]reflect.Value{"MapTypes": reflect.ValueOf(mt)}
}
