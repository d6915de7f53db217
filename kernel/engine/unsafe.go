package engine

import (
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib/unsafe"
)

// unsafeSymbols offers `import "unsafe"` to cells: yaegi's own table
// (unsafe.Pointer, Sizeof, Alignof, Offsetof, Add, and the conversions
// between unsafe.Pointer, uintptr and pointers that yaegi looks up in it).
// The generated standard library (package stdlib) leaves unsafe out.
func unsafeSymbols() interp.Exports { return unsafe.Symbols }
