package pkgsyms

import (
	"reflect"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/engine/pkgsyms/names"
)

// iterArgs are the functions of pkg/coro whose `any` parameters accept an
// iterable: yaegi passes a value of a cell-defined type implementing
// coro.Iterator (tested first), coro.Iterable or coro.Sequence inside the
// interface's wrapper, so that the compiled function sees its Next, Iter
// or GetItem method.
var iterArgs = []string{
	names.CoroIter, names.CoroMustIter, names.CoroForEach, names.CoroList, names.CoroMustList,
	names.CoroToSeq, names.CoroAccumulate, names.CoroChain, names.CoroChainFromIterable,
	names.CoroCompress, names.CoroCycle, names.CoroDropWhile, names.CoroFilter, names.CoroFilterFalse,
	names.CoroGroupBy, names.CoroISlice, names.CoroMap, names.CoroPairwise,
	names.CoroPermutations, names.CoroProduct, names.CoroStarMap, names.CoroTakeWhile, names.CoroTee,
	names.CoroZip, names.CoroZipLongest, names.CoroCombinations,
	names.CoroCombinationsWithReplacement, names.CoroAll, names.CoroAny, names.CoroMax, names.CoroMin,
	names.CoroReduce, names.CoroSum, names.CoroTake, names.CoroGenExpr, names.CoroIsIterable,
	names.CoroIsIterator, names.CoroNth, names.CoroConsume, names.CoroChunks, names.CoroSorted,
	names.CoroFSum, names.CoroLen,
}

const coroKey = "github.com/gokernel/gokernel/pkg/coro/coro"

// addMapTypes adds the "." MapTypes entry for iterArgs to e.
func addMapTypes(e interp.Exports) {
	syms := e[coroKey]
	if syms == nil {
		return
	}
	var ifaces []reflect.Type
	for _, name := range []string{names.CoroIterator, names.CoroIterable, names.CoroSequence} {
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
