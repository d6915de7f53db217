package coro

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	errOut = io.Discard // failures of tasks the tests make on purpose
	goleak.VerifyTestMain(m)
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
