package mt

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	if os.Getenv("MT_TEST_HOST") != "" { // a child of TestHost
		SetHost(testHost{})
	}
	Main() // child processes started by the process tests run here and exit
	goleak.VerifyTestMain(m)
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// captureOutput points Stdout and Stderr at buffers for one test.
func captureOutput(t *testing.T) (stdout, stderr *syncBuffer) {
	t.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	oldOut, oldErr := Stdout, Stderr
	Stdout, Stderr = stdout, stderr
	t.Cleanup(func() { Stdout, Stderr = oldOut, oldErr })
	return stdout, stderr
}

var _ io.Writer = (*syncBuffer)(nil)

func fmtSscanf(s, format string, args ...any) (int, error) { return fmt.Sscanf(s, format, args...) }
