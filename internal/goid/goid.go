// Package goid identifies goroutines, for which Go has no API: ID is the
// number Go prints in tracebacks ("goroutine 42 [running]:"), Parse reads
// it from a stack dump, and Key is a cheaper identity that is only compared
// between live goroutines. pkg/coro, pkg/mt and the engine use it where
// they must know who is calling (tasks and greenlets, the thread registry
// and lock holders, a cell's panics).
package goid

import (
	"bytes"
	"runtime"
	"strconv"
)

// ID returns the number of the calling goroutine, parsed from the first
// line of runtime.Stack. It costs about a microsecond.
func ID() int64 {
	var buf [64]byte
	return Parse(buf[:runtime.Stack(buf[:], false)])
}

// Parse returns the goroutine number at the start of a stack dump
// ("goroutine 123 [..."), 0 if there is none.
func Parse(stack []byte) int64 {
	stack = bytes.TrimPrefix(stack, []byte("goroutine "))
	i := bytes.IndexByte(stack, ' ')
	if i < 0 {
		return 0
	}
	id, _ := strconv.ParseInt(string(stack[:i]), 10, 64)
	return id
}
