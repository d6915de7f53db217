//go:build !amd64 && !arm64

package mt

// gid identifies the calling goroutine; on this architecture it is the
// goroutine id parsed from runtime.Stack (about a microsecond).
func gid() int64 { return goid() }
