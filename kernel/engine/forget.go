package engine

import (
	"reflect"
	"unsafe"
)

// Forgetting the vars of a cell that did not compile.
//
// yaegi declares a global var when it compiles its declaration, and has no
// way to undeclare it: when a later chunk of the same cell fails to compile,
// the vars compiled before it (and the one that failed, half-compiled) would
// stay declared with their zero values although nothing of the cell ran.
// symSnapshot and forgetVars undo that by restoring the main package's
// symbol map as it was before the cell compiled, for var symbols only
// (funcs, types and consts compiled before the failure are evaluated and
// kept, see runSegment). The map is yaegi's unexported
// Interpreter.scopes["main"].sym (v0.16.1, pinned in go.mod), reached with
// reflect; if that layout changes, both do nothing and the golden cell
// compile_error.txt fails.

// varSym is yaegi's sKind of a variable symbol (interp/scope.go).
const varSym = 9

// symSnapshot is the main package's symbols at one time, by name.
type symSnapshot map[string]reflect.Value

// mainSyms returns the interpreter's map[string]*symbol of package main,
// settable, or an invalid Value.
func (m *machine) mainSyms() (syms reflect.Value) {
	defer func() {
		if recover() != nil {
			syms = reflect.Value{}
		}
	}()
	scopes := reflect.ValueOf(m.in).Elem().FieldByName("scopes")
	if scopes.Kind() != reflect.Map {
		return reflect.Value{}
	}
	sc := scopes.MapIndex(reflect.ValueOf("main"))
	if sc.Kind() != reflect.Pointer || sc.IsNil() {
		return reflect.Value{}
	}
	sym := sc.Elem().FieldByName("sym")
	if sym.Kind() != reflect.Map || sym.Type().Elem().Kind() != reflect.Pointer {
		return reflect.Value{}
	}
	if k, ok := sym.Type().Elem().Elem().FieldByName("kind"); !ok || k.Type.Kind() != reflect.Uint {
		return reflect.Value{}
	}
	return reflect.NewAt(sym.Type(), unsafe.Pointer(sym.UnsafeAddr())).Elem()
}

// snapshot returns the main package's symbols, or nil when they cannot be
// read.
func (m *machine) snapshot() symSnapshot {
	syms := m.mainSyms()
	if !syms.IsValid() {
		return nil
	}
	snap := symSnapshot{}
	it := syms.MapRange()
	for it.Next() {
		snap[it.Key().String()] = it.Value()
	}
	return snap
}

// forgetVars undoes the var symbols declared or replaced since snap was
// taken: a new var is undeclared, a replaced symbol restored.
func (m *machine) forgetVars(snap symSnapshot) {
	syms := m.mainSyms()
	if snap == nil || !syms.IsValid() {
		return
	}
	it := syms.MapRange()
	var undo []reflect.Value
	for it.Next() {
		v := it.Value()
		if v.IsNil() || v.Elem().FieldByName("kind").Uint() != varSym {
			continue
		}
		if old, ok := snap[it.Key().String()]; !ok || old.Pointer() != v.Pointer() {
			undo = append(undo, it.Key())
		}
	}
	for _, k := range undo {
		old, ok := snap[k.String()]
		if !ok {
			old = reflect.Value{} // SetMapIndex deletes
		}
		syms.SetMapIndex(k, old)
	}
}
