// Package stall ends an operation that makes no progress for a while: the
// read timeout of downloads (pkg/mt) and fetches (pkg/coro).
package stall

import (
	"context"
	"io"
	"sync"
	"time"
)

// Watch cancels its context, with a cause, when Touch has not been called
// for its timeout.
type Watch struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	mu     sync.Mutex
	t      *time.Timer
	d      time.Duration
}

// New returns a Watch over parent. After d without a Touch its Context is
// cancelled with cause; d <= 0 means no timeout. Stop must be called when
// the operation ends.
func New(parent context.Context, d time.Duration, cause error) *Watch {
	ctx, cancel := context.WithCancelCause(parent)
	w := &Watch{ctx: ctx, cancel: cancel, d: d}
	if d > 0 {
		w.t = time.AfterFunc(d, func() { cancel(cause) })
	}
	return w
}

// Context is the operation's context.
func (w *Watch) Context() context.Context { return w.ctx }

// Touch records progress: the timeout starts again.
func (w *Watch) Touch() {
	if w.t == nil {
		return
	}
	w.mu.Lock()
	if w.ctx.Err() == nil {
		w.t.Reset(w.d)
	}
	w.mu.Unlock()
}

// Stop ends the watch and releases its context.
func (w *Watch) Stop() {
	if w.t != nil {
		w.mu.Lock()
		w.t.Stop()
		w.mu.Unlock()
	}
	w.cancel(context.Canceled)
}

// Err returns the cause of a timeout, or nil if the timeout has not fired
// (the parent's cancellation is not a timeout).
func (w *Watch) Err(cause error) error {
	if c := context.Cause(w.ctx); c == cause {
		return c
	}
	return nil
}

// Reader returns r whose every read that returns data is progress.
func (w *Watch) Reader(r io.Reader) io.Reader { return reader{r, w} }

type reader struct {
	r io.Reader
	w *Watch
}

func (r reader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.w.Touch()
	}
	return n, err
}
