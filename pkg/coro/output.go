package coro

import (
	"io"
	"os"
	"sync"
)

var (
	stdoutMu sync.Mutex
	stdout   io.Writer = os.Stdout
)

// Stdout returns the writer Print and the package's own output use: os.Stdout
// unless SetStdout changed it (the kernel's worker has fd 1 connected to the
// cell's output, so the default suits notebooks).
func Stdout() io.Writer {
	stdoutMu.Lock()
	defer stdoutMu.Unlock()
	return stdout
}

// SetStdout makes Print write to w (nil restores os.Stdout). It is safe for
// concurrent use.
func SetStdout(w io.Writer) {
	stdoutMu.Lock()
	defer stdoutMu.Unlock()
	if w == nil {
		w = os.Stdout
	}
	stdout = w
}
