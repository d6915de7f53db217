package engine

import (
	"bufio"
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/gokernel/gokernel/pkg/timeline"
)

// stdio holds the standard streams the cells of one Session see. It outlives
// the Session's interpreters: a rebuilt interpreter is bound to the same
// stdio, so goroutines of earlier cells keep writing to the cell output.
//
// Output can be muted while declarations are replayed: os.Stdout and
// os.Stderr of cells are the variables stdout and stderr (yaegi reads them
// through their addresses at every use), and fmt.Print*, println and log
// write through out and errw, which follow the same switch.
type stdio struct {
	stdout, stderr *os.File // bound as os.Stdout and os.Stderr in cells
	out, errw      fileWriter
	real           [2]*os.File // Options.Stdout and Options.Stderr
	cell           [2]*os.File // what cells write to: duplicates of real (reopen.go)
	in             *stdinReader
	stdinFile      *stdinFile // bound as os.Stdin in cells
}

func newStdio(opts Options) *stdio {
	s := &stdio{real: [2]*os.File{opts.Stdout, opts.Stderr}}
	s.cell = s.real
	if opts.ReopenStdio {
		s.cell = cellFiles(s.real)
	}
	s.in = newStdinReader(opts.Stdin)
	s.stdinFile = &stdinFile{File: os.Stdin, r: s.in}
	s.unmute()
	return s
}

// mute sends all cell output to the null device, and makes reads of stdin
// fail with errMuted, until unmute. The swap of os.Stdout/os.Stderr is not
// synchronised with goroutines of earlier cells that may be writing at the
// time; they write to one file or the other.
func (s *stdio) mute() error {
	null, err := devNull()
	if err != nil {
		return err
	}
	s.set(null, null)
	s.in.muted.Store(true)
	return nil
}

func (s *stdio) unmute() {
	s.set(s.cell[0], s.cell[1])
	s.in.muted.Store(false)
}

// errMuted is what reading stdin gives while declarations are replayed.
var errMuted = errors.New("engine: stdin is not available while declarations are replayed")

func (s *stdio) set(out, err *os.File) {
	s.stdout, s.stderr = out, err
	s.out.f.Store(out)
	s.errw.f.Store(err)
}

var devNullFile struct {
	once sync.Once
	f    *os.File
	err  error
}

// devNull returns the process's shared handle on the null device.
func devNull() (*os.File, error) {
	d := &devNullFile
	d.once.Do(func() { d.f, d.err = os.OpenFile(os.DevNull, os.O_WRONLY, 0) })
	return d.f, d.err
}

// fileWriter writes to whichever file it currently points to.
type fileWriter struct {
	f atomic.Pointer[os.File]
}

// Write also marks the text on an active timeline (display.Timeline), in
// the lane of the goroutine that prints.
func (w *fileWriter) Write(p []byte) (int, error) {
	if r := timeline.Active(); r != nil {
		r.Printed(0, string(p))
	}
	return w.f.Load().Write(p)
}

// ErrNoStdin is what cells read when Options.Stdin is nil.
var ErrNoStdin = errors.New("engine: stdin is not available")

// stdinReader is the one reader behind fmt.Scan*, os.Stdin and everything
// built on os.Stdin in cells. It buffers Options.Stdin so that fmt.Scan* can
// unread the rune it peeks at (fmt loses it otherwise) and is safe for
// concurrent use. reset drops buffered input at the start of every cell, so
// that the rest of an earlier cell's line (typically its newline) is not
// read by the next cell.
type stdinReader struct {
	mu    sync.Mutex
	src   io.Reader
	br    *bufio.Reader
	muted atomic.Bool
}

func newStdinReader(src io.Reader) *stdinReader {
	if src == nil {
		src = errReader{ErrNoStdin}
	}
	return &stdinReader{src: src, br: bufio.NewReader(src)}
}

func (r *stdinReader) Read(p []byte) (int, error) {
	if r.muted.Load() {
		return 0, errMuted
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.br.Read(p)
}

// ReadRune makes stdinReader an io.RuneScanner for fmt.Fscan.
func (r *stdinReader) ReadRune() (rune, int, error) {
	if r.muted.Load() {
		return 0, 0, errMuted
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.br.ReadRune()
}

// UnreadRune makes stdinReader an io.RuneScanner for fmt.Fscan.
func (r *stdinReader) UnreadRune() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.br.UnreadRune()
}

func (r *stdinReader) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.br.Reset(r.src)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// stdinFile is os.Stdin as cells see it: the process's *os.File, except that
// reading it reads Options.Stdin. Binding a different type to os.Stdin (yaegi
// cannot redirect the methods of an *os.File) means that every reader built
// on os.Stdin — bufio.NewReader, bufio.NewScanner, io.ReadAll, io.Copy,
// fmt.Fscan — and os.Stdin.Read itself read Options.Stdin without further
// symbol patches. The price: os.Stdin is not an *os.File in cells, so code
// that assigns it to an *os.File variable or parameter does not compile.
type stdinFile struct {
	*os.File
	r io.Reader
}

// Read reads the cell's standard input.
func (f *stdinFile) Read(p []byte) (int, error) { return f.r.Read(p) }

// WriteTo hides (*os.File).WriteTo, which would read the process's fd 0
// (io.Copy prefers it).
func (f *stdinFile) WriteTo(w io.Writer) (int64, error) {
	return io.Copy(w, struct{ io.Reader }{f.r})
}

// ReadAt fails: standard input has no offsets.
func (f *stdinFile) ReadAt([]byte, int64) (int, error) {
	return 0, errors.New("engine: os.Stdin does not support ReadAt")
}

// Close does nothing: a cell must not close the process's standard input.
func (f *stdinFile) Close() error { return nil }
