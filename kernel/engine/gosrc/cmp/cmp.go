// Package cmp is the kernel's interpreted version of the standard cmp
// package (see the gosrc package). It is written for yaegi v0.16.1: no
// builtin min/max/clear, every type parameter inferable from a plain
// argument.
package cmp

// Ordered is a type whose values can be compared with < (cmp.Ordered).
type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 |
		~string
}

// Less reports whether x sorts before y; a NaN sorts before any other
// value.
func Less[T Ordered](x, y T) bool {
	return (x != x && y == y) || x < y
}

// Compare returns -1, 0 or +1 as x sorts before, with or after y; NaNs
// are equal to each other and sort before any other value.
func Compare[T Ordered](x, y T) int {
	xNaN, yNaN := x != x, y != y
	switch {
	case xNaN && yNaN:
		return 0
	case xNaN || x < y:
		return -1
	case yNaN || x > y:
		return +1
	}
	return 0
}

// Or returns the first of its arguments that is not the zero value, or
// the zero value. The first argument is a parameter of its own, from which
// yaegi infers T (it cannot from a variadic one): cmp.Or(xs...) needs
// cmp.Or(xs[0], xs[1:]...).
func Or[T comparable](first T, rest ...T) T {
	var zero T
	if first != zero {
		return first
	}
	for _, v := range rest {
		if v != zero {
			return v
		}
	}
	return zero
}
