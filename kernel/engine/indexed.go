package engine

import (
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// indexedSrc renders a var chunk whose values index variables (`a := s[0]`)
// with declared types, read from the indexed variables' values: yaegi
// cannot type such a global itself when s is a string or a slice or map of
// a compiled package's type. It returns "" when a type cannot be named in
// a cell (an interpreted type, which yaegi types anyway).
func (s *Session) indexedSrc(x *cell.Indexed) string {
	g := s.m.globals()
	var b strings.Builder
	b.WriteString(x.Prefix)
	for i, name := range x.Names {
		if name == "_" {
			continue
		}
		v, ok := g[x.Operands[i]]
		if !ok || !v.IsValid() {
			return ""
		}
		t := elemType(v.Type())
		if t == "" {
			return ""
		}
		b.WriteString("var " + name + " " + t + "; ")
	}
	b.WriteString(x.Assign)
	return b.String()
}

// elemType is the Go spelling of the type of t[i], or "" when it has none
// a cell can write.
func elemType(t reflect.Type) string {
	var e reflect.Type
	switch t.Kind() {
	case reflect.String:
		return "byte"
	case reflect.Slice, reflect.Array, reflect.Map:
		e = t.Elem()
	case reflect.Pointer:
		if t.Elem().Kind() != reflect.Array {
			return ""
		}
		e = t.Elem().Elem()
	default:
		return ""
	}
	name := e.String()
	if strings.Contains(name, "struct {") || strings.Contains(name, "interp.") || strings.Contains(name, "main.") {
		return ""
	}
	return name
}
