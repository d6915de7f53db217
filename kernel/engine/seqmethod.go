package engine

import (
	"iter"
	"reflect"
)

// coroSeqType is the type of pkg/coro's sequences, coro.Seq.
var coroSeqType = reflect.TypeFor[iter.Seq[any]]()

// seqMethodFunc returns, for cell.Options.SeqMethod, a function reporting
// whether a global of an earlier cell has a compiled method of that name,
// without arguments, returning a coro.Seq (a *coro.Generator's All). It
// reads the interpreter's globals once.
func (s *Session) seqMethodFunc() func(name, method string) bool {
	var g map[string]reflect.Value
	return func(name, method string) bool {
		if g == nil {
			g = s.m.globals()
		}
		v, ok := g[name]
		if !ok || !v.IsValid() {
			return false
		}
		if v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		m, ok := v.Type().MethodByName(method)
		if !ok {
			return false
		}
		t := m.Type // receiver first
		return t.NumIn() == 1 && t.NumOut() == 1 && t.Out(0) == coroSeqType
	}
}
