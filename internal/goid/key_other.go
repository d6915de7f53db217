//go:build !amd64 && !arm64

package goid

// Key identifies the calling goroutine; on this architecture it is ID
// (about a microsecond).
func Key() int64 { return ID() }
