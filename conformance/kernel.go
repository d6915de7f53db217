package conformance

import (
	"context"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/kernel/gotypes"
	"github.com/gokernel/gokernel/kernel/worker"
)

// Result is how one program fared.
type Result struct {
	Pass   bool
	Cause  string // why it failed (see Classify): "" when it passed
	Detail string // the error's first line, or "timeout", or "output differs"
	Output string // what it printed (stdout and stderr as they arrived)
	// Elapsed is the program's wall time, worker start included (set by
	// RunAll).
	Elapsed time.Duration
}

// Kernel runs programs as gokernel cells, each in a new worker process
// started as Exe Args (Env its environment; nil means this process's).
type Kernel struct {
	Exe  string
	Args []string
	Env  []string
	// Timeout bounds one program: a program still running then fails
	// with cause "timeout" and its worker is killed.
	Timeout time.Duration
}

// Run pastes p into a fresh session as one cell and compares its output.
// The worker (and everything it started) is gone when Run returns.
func (k *Kernel) Run(ctx context.Context, p Program) Result {
	h := &host{}
	sup := &worker.Supervisor{Exe: k.Exe, Args: k.Args, Env: k.Env,
		InterruptPatience: time.Second}
	sup.Checker = gotypes.New(sup, pkgsyms.Preload())
	if err := sup.Start(ctx, h); err != nil {
		return Result{Cause: "harness", Detail: err.Error()}
	}
	defer sup.Close()
	cctx, cancel := context.WithTimeout(ctx, k.Timeout)
	defer cancel()
	res := sup.Execute(cctx, &kernel.Execution{Code: p.Src, ExecutionCount: 1})
	timedOut := cctx.Err() != nil && ctx.Err() == nil
	sup.Close() // no more output after this
	out := h.text()
	r := Result{Output: out}
	switch {
	case timedOut:
		r.Cause, r.Detail = "timeout", "timeout"
	case res.Err != nil:
		r.Detail = firstLine(res.Err.Name + ": " + res.Err.Value)
		r.Cause = Classify(r.Detail, out)
	case out != p.Want:
		r.Cause, r.Detail = "output differs", "output differs"
	default:
		r.Pass = true
	}
	return r
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}

// host collects a cell's stdout and stderr in one buffer, in the order
// the supervisor delivers them; it has no frontend for input.
type host struct {
	mu  sync.Mutex
	buf strings.Builder
}

type hostWriter struct{ h *host }

func (w hostWriter) Write(p []byte) (int, error) {
	w.h.mu.Lock()
	defer w.h.mu.Unlock()
	if w.h.buf.Len() < 1<<20 { // a runaway printer must not eat the memory
		w.h.buf.Write(p)
	}
	return len(p), nil
}

func (h *host) Stdout() io.Writer       { return hostWriter{h} }
func (h *host) Stderr() io.Writer       { return hostWriter{h} }
func (h *host) Flush()                  {}
func (h *host) Display(*kernel.Display) {}
func (h *host) Input(context.Context, string, bool) (string, error) {
	return "", kernel.ErrStdinNotAllowed
}

func (h *host) text() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.buf.String()
}

var _ kernel.Host = (*host)(nil)
