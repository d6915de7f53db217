package engine

import (
	"reflect"
	"strings"
	"unsafe"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// yaegi v0.16.1 appends the AST root of every source it compiles to its
// unexported Interpreter.roots, which only its debugger reads, and every
// scope it pushes to its parent scope's child list, which nothing reads;
// neither is ever dropped, so each cell's whole tree (nodes, scopes, types)
// stayed reachable for the life of the worker, 7–17 KiB per small cell
// (bench/cells_memory.py). dropRoots empties both after each compile;
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

// forgetRun undeclares the func _gkRunN_K that held a run of a cell's
// statements, once it has been called: nothing calls it again, and as a
// global symbol it would keep its whole tree alive for the life of the
// worker (the rest of the ~9 KiB per cell that dropRoots does not free).
// Goroutines it started keep what they use.
func (m *machine) forgetRun(ch cell.Chunk) {
	name, ok := strings.CutSuffix(ch.Call, "()")
	if ch.Kind != cell.Stmts || !ok || !strings.HasPrefix(name, "_gkRun") {
		return
	}
	syms := m.mainSyms()
	if !syms.IsValid() {
		return
	}
	k := reflect.ValueOf(name)
	v := syms.MapIndex(k)
	if !v.IsValid() || v.IsNil() || v.Elem().FieldByName("kind").Uint() != funcSym {
		return
	}
	syms.SetMapIndex(k, reflect.Value{})
}
