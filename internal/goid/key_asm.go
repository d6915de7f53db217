//go:build amd64 || arm64

package goid

// getg returns the address of the calling goroutine's runtime descriptor
// (assembly, getg_*.s). It is stable for the goroutine's life (stacks move,
// descriptors do not) and costs a nanosecond.
func getg() uintptr

// Key identifies the calling goroutine among live goroutines. A descriptor
// may be reused after its goroutine ends, so Key is only compared between
// live goroutines (lock holders, thread registry); ID gives the number Go
// prints in tracebacks.
func Key() int64 { return int64(getg()) }
