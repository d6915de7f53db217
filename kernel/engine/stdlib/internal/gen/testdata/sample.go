// Package sample exercises every kind of declaration the generator handles.
package sample

import (
	"io"
	"unsafe"
)

const (
	Small         = 42        // untyped int
	Huge          = 1<<64 - 1 // fits in uint64, not int64
	Bigger        = 1 << 70   // fits neither
	Negative      = -7        // untyped int
	Ratio         = 1.5       // untyped float
	Name          = "sample"  // untyped string
	Yes           = true      // untyped bool
	Letter        = 'x'       // untyped rune
	Typed    Mode = 3         // typed
	hidden        = 1         // unexported
)

// Mode is a defined type.
type Mode int

// Var is a variable.
var Var = 1

// Func is a function.
func Func(io.Reader) error { return nil }

// Generic is a generic function.
func Generic[T any](t T) T { return t }

// Box is a generic type.
type Box[T any] struct{ V T }

// IntBox is an alias of an instantiation.
type IntBox = Box[int]

// Number is a constraint.
type Number interface{ ~int | ~float64 }

// Shower is an interface with a variadic method, a String method, one that
// uses unsafe.Pointer and an unexported one.
type Shower interface {
	Show(prefix string, args ...any) (int, error)
	String() string
	Addr() unsafe.Pointer
	private()
}

// Reader is an alias of an interface of another package.
type Reader = io.Reader

// Leaky has a method that refers to an unexported type.
type Leaky interface {
	Get() secret
}

type secret struct{}

// Empty has no methods.
type Empty interface{}
