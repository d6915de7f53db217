package coro

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks, after the tests, that no goroutine is left. A generator a
// test abandons suspended (ISlice of an endless Count) is closed by a
// cleanup that runs after it became garbage, so the check first collects it:
// without that the check depended on whether a GC happened to run.
func TestMain(m *testing.M) {
	errOut = io.Discard // failures of tasks the tests make on purpose
	code := m.Run()
	if code == 0 {
		runtime.GC()
		runtime.GC() // cleanups queued by the first cycle have started their kills
		if err := goleak.Find(); err != nil {
			fmt.Fprintf(os.Stderr, "goleak: errors on successful test run: %v\n", err)
			code = 1
		}
	}
	os.Exit(code)
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// captureReports sends the task failure reports to a buffer for the test.
func captureReports(t *testing.T) *syncBuffer {
	b := &syncBuffer{}
	errOut = b
	t.Cleanup(func() { errOut = io.Discard })
	return b
}
