package main

import "go/types"

// inexpressible returns the first type named in t that code outside the
// standard library cannot refer to (an unexported type or one from an
// internal or vendored package), or "" if t can be written in generated code.
func inexpressible(t types.Type) string {
	bad := ""
	walk(t, func(t types.Type) {
		if bad != "" {
			return
		}
		var obj *types.TypeName
		switch t := t.(type) {
		case *types.Named:
			obj = t.Obj()
		case *types.Alias:
			obj = t.Obj()
		case *types.TypeParam:
			bad = t.String()
			return
		case *types.Struct:
			for i := range t.NumFields() {
				if !t.Field(i).Exported() {
					bad = "unexported field " + t.Field(i).Name()
					return
				}
			}
		case *types.Interface:
			for i := range t.NumMethods() {
				if !t.Method(i).Exported() {
					bad = "unexported method " + t.Method(i).Name()
					return
				}
			}
		}
		if obj == nil || obj.Pkg() == nil {
			return // predeclared: error, comparable, any
		}
		if !obj.Exported() || !importable(obj.Pkg().Path()) {
			bad = obj.Pkg().Path() + "." + obj.Name()
		}
	})
	return bad
}

// usesUnsafe reports whether t mentions unsafe.Pointer, which types.TypeString
// prints without asking the qualifier, so its import must be added apart.
func usesUnsafe(t types.Type) bool {
	found := false
	walk(t, func(t types.Type) {
		if b, ok := t.(*types.Basic); ok && b.Kind() == types.UnsafePointer {
			found = true
		}
	})
	return found
}

// walk calls visit on t and on every type t is built from, stopping at named
// types (and aliases), whose type arguments it still visits: the definition
// of a named type does not appear where the type is referred to by name.
func walk(t types.Type, visit func(types.Type)) {
	visit(t)
	switch t := t.(type) {
	case *types.Named:
		for i := range t.TypeArgs().Len() {
			walk(t.TypeArgs().At(i), visit)
		}
	case *types.Alias:
		for i := range t.TypeArgs().Len() {
			walk(t.TypeArgs().At(i), visit)
		}
	case *types.Pointer:
		walk(t.Elem(), visit)
	case *types.Slice:
		walk(t.Elem(), visit)
	case *types.Array:
		walk(t.Elem(), visit)
	case *types.Chan:
		walk(t.Elem(), visit)
	case *types.Map:
		walk(t.Key(), visit)
		walk(t.Elem(), visit)
	case *types.Signature:
		walk(t.Params(), visit)
		walk(t.Results(), visit)
	case *types.Tuple:
		for i := range t.Len() {
			walk(t.At(i).Type(), visit)
		}
	case *types.Struct:
		for i := range t.NumFields() {
			walk(t.Field(i).Type(), visit)
		}
	case *types.Interface:
		for i := range t.NumMethods() {
			walk(t.Method(i).Type(), visit)
		}
	}
}
