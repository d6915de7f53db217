package cell

// Prelude is interpreted Go source (imports and declarations only) that the
// session evaluates once into every fresh interpreter, before any cell; the
// rewritten chunks call into it. Its names all start with _gk, and it imports
// its packages under _gk aliases, so that a cell's own `import "fmt"` is not a
// re-import.
//
//   - _gkMin, _gkMax: min and max for ordered types (NaN wins, as in Go).
//   - _gkClear: clear for maps and slices, through reflect.
//   - _gkPushDefer, _gkRunDefers: the cell's top-level deferred calls.
//   - _gkAtomicPointer: sync/atomic's Pointer[T] (rewrite_atomic.go).
//   - _gkPrint, _gkPrintln: the builtins print and println with Go's
//     formatting (rewrite_print.go); the engine sets them.
//   - _gkSeqZero1/2, _gkSeqDrive1/2: range over a sequence whose element
//     types the rewriter does not know (rewrite_rangefunc_std.go).
//   - _gkRecover: what a cell's recover() returns (see rewrite_recover.go):
//     yaegi's recovered value unwrapped from the reflect.Value it panics
//     with, and a runtime error of yaegi's (a reflect message) turned into
//     Go's runtime.Error by _gkRuntimeError, which the engine sets.
//   - _gkGo: starts a goroutine that recovers a panic and hands it to
//     _gkGoPanic (the engine sets it: the running cell fails with it) or,
//     if that is nil, prints "panic: <value>\ngoroutine started at
//     cell[N]:L:C\n" to os.Stderr (the panic does not reach yaegi, which
//     would kill the process).
//   - _gkGoNamed: _gkGo for a named function: it first calls _gkGoStart
//     with the name (the engine sets it; nil while no timeline records);
//     a non-nil result runs in the new goroutine first, and the function
//     it returns at the goroutine's end (a timeline lane of that name).
const Prelude = `import (
	_gkfmt "fmt"
	_gkos "os"
	_gkreflect "reflect"
	_gksync "sync"
)

type _gkOrdered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

func _gkMin[_gkT _gkOrdered](x _gkT, ys ..._gkT) _gkT {
	for _, y := range ys {
		if y != y {
			return y
		}
		if x == x && y < x {
			x = y
		}
	}
	return x
}

func _gkMax[_gkT _gkOrdered](x _gkT, ys ..._gkT) _gkT {
	for _, y := range ys {
		if y != y {
			return y
		}
		if x == x && y > x {
			x = y
		}
	}
	return x
}

func _gkClear(x any) {
	v := _gkreflect.ValueOf(x)
	switch v.Kind() {
	case _gkreflect.Map, _gkreflect.Slice:
		v.Clear()
	case _gkreflect.Invalid:
	default:
		panic("clear: argument must be a map or a slice, not " + v.Type().String())
	}
}

func _gkSeqZero1[_gkE any](s func(func(_gkE) bool)) _gkE {
	var z _gkE
	return z
}

func _gkSeqZero2[_gkK, _gkV any](s func(func(_gkK, _gkV) bool)) (_gkK, _gkV) {
	var k _gkK
	var v _gkV
	return k, v
}

func _gkSeqDrive1[_gkE any](s func(func(_gkE) bool), p *_gkE, body func() bool) {
	s(func(e _gkE) bool {
		*p = e
		return body()
	})
}

func _gkSeqDrive2[_gkK, _gkV any](s func(func(_gkK, _gkV) bool), pk *_gkK, pv *_gkV, body func() bool) {
	s(func(k _gkK, v _gkV) bool {
		*pk, *pv = k, v
		return body()
	})
}

type _gkAtomicPointer[_gkT any] struct {
	mu _gksync.Mutex
	p  *_gkT
}

// The methods unlock without defer: yaegi's deferred method value copies
// the mutex it is called on, a data race with the other goroutines.
func (x *_gkAtomicPointer[_gkT]) Load() *_gkT {
	x.mu.Lock()
	p := x.p
	x.mu.Unlock()
	return p
}

func (x *_gkAtomicPointer[_gkT]) Store(v *_gkT) {
	x.mu.Lock()
	x.p = v
	x.mu.Unlock()
}

func (x *_gkAtomicPointer[_gkT]) Swap(v *_gkT) *_gkT {
	x.mu.Lock()
	old := x.p
	x.p = v
	x.mu.Unlock()
	return old
}

func (x *_gkAtomicPointer[_gkT]) CompareAndSwap(old, v *_gkT) bool {
	x.mu.Lock()
	ok := x.p == old
	if ok {
		x.p = v
	}
	x.mu.Unlock()
	return ok
}

var _gkDeferStack []func()

func _gkPushDefer(f func()) { _gkDeferStack = append(_gkDeferStack, f) }

func _gkRunDefers() {
	if len(_gkDeferStack) == 0 {
		return
	}
	n := len(_gkDeferStack) - 1
	f := _gkDeferStack[n]
	_gkDeferStack = _gkDeferStack[:n]
	defer _gkRunDefers()
	f()
}

var _gkGoPanic func(pos string, r any)

var _gkRuntimeError func(r any) any

var _gkPrint, _gkPrintln func(args ...any)

func _gkRecover(r any) any {
	if rv, ok := r.(_gkreflect.Value); ok {
		if !rv.IsValid() || !rv.CanInterface() {
			return r
		}
		r = rv.Interface()
	}
	if _gkRuntimeError != nil {
		if e := _gkRuntimeError(r); e != nil {
			return e
		}
	}
	return r
}

func _gkGo(pos string, f func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				if _gkGoPanic != nil {
					_gkGoPanic(pos, r)
					return
				}
				_gkfmt.Fprintf(_gkos.Stderr, "panic: %v\ngoroutine started at %s\n", r, pos)
			}
		}()
		f()
	}()
}

var _gkGoStart func(name string) func() func()

func _gkGoNamed(pos, name string, f func()) {
	if _gkGoStart == nil {
		_gkGo(pos, f)
		return
	}
	begin := _gkGoStart(name)
	if begin == nil {
		_gkGo(pos, f)
		return
	}
	_gkGo(pos, func() {
		defer begin()()
		f()
	})
}
`

// RunDefers is the expression the session evaluates after every cell, even
// a failed one: it runs the cell's top-level deferred calls, last pushed
// first. If one panics, the others still run and the panic propagates.
const RunDefers = "_gkRunDefers()"
