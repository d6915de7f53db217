package timeline

// Goid identifies the calling goroutine among live goroutines: the address
// of its runtime descriptor on amd64 and arm64 (a nanosecond, assembly in
// getg_*.s), its traceback number elsewhere (about a microsecond). A
// descriptor may be reused once its goroutine has ended; a lane forgets its
// goroutine when it ends.
func Goid() int64 { return goid() }
