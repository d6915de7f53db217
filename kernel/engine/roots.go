package engine

import (
	"reflect"
	"strings"
	"unsafe"
)

// yaegi v0.16.1 appends the AST root of every source it compiles to its
// unexported Interpreter.roots, which only its debugger reads, and every
// scope it pushes to its parent scope's child list, which nothing reads;
// neither is ever dropped, so each cell's whole tree (nodes, scopes, types)
// stayed reachable for the life of the worker, 7–17 KiB per small cell
// (bench/cells_memory.py), with the statement funcs of forgetRuns.
// dropRoots empties both after each compile;
// what later code still needs (functions, types, globals) is referenced
// from yaegi's scopes, not from roots. Reached with reflect, like
// forget.go; if the layout changes it does nothing.
func (m *machine) dropRoots() {
	defer func() { _ = recover() }()
	in := reflect.ValueOf(m.in).Elem()
	clearSlice(in.FieldByName("roots"))
	// Every scope yaegi pushes (a func body, a block) is appended to its
	// parent's child list, which nothing reads: the package scopes would
	// keep each cell's functions, through their scopes' def nodes.
	scopes := in.FieldByName("scopes")
	if scopes.Kind() != reflect.Map {
		return
	}
	it := scopes.MapRange()
	for it.Next() {
		if sc := it.Value(); sc.Kind() == reflect.Pointer && !sc.IsNil() {
			clearSlice(sc.Elem().FieldByName("child"))
		}
	}
}

// clearSlice sets an unexported slice field to nil.
func clearSlice(f reflect.Value) {
	if f.Kind() != reflect.Slice || !f.CanAddr() {
		return
	}
	f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	f.Set(reflect.Zero(f.Type()))
}

// funcSym is yaegi's sKind of a function symbol (interp/scope.go).
const funcSym = 4

// forgetRuns undeclares the funcs _gkRunN_K that held the statement runs
// of earlier cells: nothing calls them again, and as global symbols they
// would keep their whole trees alive for the life of the worker. It runs
// when the next cell starts, once an interrupted run has been dealt with;
// goroutines they started keep what they use.
func (m *machine) forgetRuns() {
	syms := m.mainSyms()
	if !syms.IsValid() {
		return
	}
	var runs []reflect.Value
	for _, k := range syms.MapKeys() {
		if !strings.HasPrefix(k.String(), "_gkRun") {
			continue
		}
		if v := syms.MapIndex(k); !v.IsNil() && v.Elem().FieldByName("kind").Uint() == funcSym {
			runs = append(runs, k)
		}
	}
	for _, k := range runs {
		syms.SetMapIndex(k, reflect.Value{})
	}
}
