package mt

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// Stdout and Stderr are where mt itself writes: progress lines, prompts,
// "Exception in thread ..." reports, deadlock reports, and the output of
// child processes. By default they write to whatever os.Stdout and
// os.Stderr are at the time of the write (in the kernel's worker, the pipes
// that become the cell's streams). Set them before starting work; writes
// are serialised by mt.
var (
	Stdout io.Writer = stdFile{func() *os.File { return os.Stdout }}
	Stderr io.Writer = stdFile{func() *os.File { return os.Stderr }}
)

// stdFile writes to the current value of os.Stdout or os.Stderr.
type stdFile struct{ f func() *os.File }

func (s stdFile) Write(p []byte) (int, error) { return s.f().Write(p) }

var outMu sync.Mutex

// printf writes one formatted message to w, atomically with respect to other
// mt output.
func printf(w io.Writer, format string, args ...any) {
	outMu.Lock()
	defer outMu.Unlock()
	fmt.Fprintf(w, format, args...)
}

// lockedWriter serialises writes to the current value of *w (child-process
// output copied line by line next to mt's own messages).
type lockedWriter struct{ w *io.Writer }

func (l lockedWriter) Write(p []byte) (int, error) {
	outMu.Lock()
	defer outMu.Unlock()
	return (*l.w).Write(p)
}
