package engine

// slicesPatch redefines functions of the slices package that yaegi v0.16.1
// compiles from its bundled Go 1.22 source (when the standard library table
// is Used) but cannot run:
//
//   - DeleteFunc calls the builtin clear, which yaegi lacks ("undefined:
//     clear"): the tail is zeroed with a loop instead.
//   - Delete cannot be instantiated: yaegi infers E only from an argument
//     of type E, not from S ~[]E ("undefined type for E"). Here it has the
//     one type parameter E and takes and returns []E, which a named slice
//     type converts to and from implicitly (a call's result loses the name:
//     use it through a variable of the named type).
//
// Compiled into every machine after the symbol tables (see newMachine).
const slicesPatch = `package slices

func Delete[E any](s []E, i, j int) []E {
	_ = s[i:j:len(s)] // bounds check
	if i == j {
		return s
	}
	oldlen := len(s)
	s = append(s[:i], s[j:]...)
	var zero E
	for k, tail := len(s), s[:oldlen]; k < oldlen; k++ {
		tail[k] = zero
	}
	return s
}

func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	i := IndexFunc(s, del)
	if i == -1 {
		return s
	}
	for j := i + 1; j < len(s); j++ {
		if v := s[j]; !del(v) {
			s[i] = v
			i++
		}
	}
	var zero E
	for k := i; k < len(s); k++ {
		s[k] = zero
	}
	return s[:i]
}
`
