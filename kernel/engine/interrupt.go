package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/internal/goid"
)

// goPanics collects the panics of goroutines a running cell started (the
// rewriter's _gkGo recovers them and calls the session's hook).
type goPanics struct {
	mu      sync.Mutex
	running bool
	first   *Error
	cancel  context.CancelFunc // stops the running cell
	base    int                // runtime.NumGoroutine() when the cell started
}

// goPanic is the hook _gkGo calls with a goroutine's recovered panic: while
// a cell runs, the first such panic becomes the cell's error and stops the
// cell, as it would end a Go program; between cells it is only printed on
// the session's stderr.
func (s *Session) goPanic(pos string, r any) {
	e := panicError(interp.Panic{Value: r}, s.m.tap.take(uint64(goid.ID())), "")
	e.Traceback = append(e.Traceback, "goroutine started at "+pos)
	s.panics.mu.Lock()
	running := s.panics.running
	if running && s.panics.first == nil {
		s.panics.first = e
		s.panics.cancel()
	}
	s.panics.mu.Unlock()
	if !running {
		fmt.Fprintf(&s.io.errw, "panic: %s\ngoroutine started at %s\n", e.Value, pos)
	}
}

// startCell and endCell bracket a cell for goPanic; endCell returns the
// first goroutine panic of the cell, nil if none.
func (s *Session) startCell(cancel context.CancelFunc) {
	s.panics.mu.Lock()
	s.panics.running, s.panics.first, s.panics.cancel = true, nil, cancel
	s.panics.base = runtime.NumGoroutine()
	s.panics.mu.Unlock()
}

func (s *Session) endCell() *Error {
	s.panics.mu.Lock()
	defer s.panics.mu.Unlock()
	e := s.panics.first
	s.panics.running, s.panics.first = false, nil
	return e
}

// settleTime bounds how long Exec waits for the goroutines of a cell that
// a goroutine panic stopped.
const settleTime = 300 * time.Millisecond

// Settle calls Options.Release if the last Exec was cancelled, then waits,
// until ctx is done, for the goroutines started since the
// last cell began to end (after its cancellation, or after pkg/coro's
// cleanup), then, if they did and the last Exec was cancelled, calls
// Resume. It reports whether they ended.
func (s *Session) Settle(ctx context.Context) bool {
	s.panics.mu.Lock()
	base := s.panics.base
	s.panics.mu.Unlock()
	if s.m.poisoned && s.opts.Release != nil {
		s.opts.Release()
	}
	for runtime.NumGoroutine() > base {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(time.Millisecond):
		}
	}
	s.Resume()
	return true
}

// Cancelled reports whether the last Exec was cancelled (its context
// done, or a goroutine panic) without Settle or Resume since: the next
// Exec would rebuild the session.
func (s *Session) Cancelled() bool { return s.m.poisoned }

// Resume tells the Session that the code of an Exec its context cancelled
// has stopped: the caller made sure that no goroutine of it is left
// (yaegi's cancellation stops interpreted code at its next step and ends
// its channel operations, but not a native call). The interpreter is then
// used on with its globals as the cancelled code left them, instead of
// being rebuilt by the next Exec; the cancelled cell's top-level deferred
// calls that had not run are dropped. Without Resume, the next Exec
// rebuilds the session (all vars reset), the safe choice when goroutines
// of the cancelled code may still run.
func (s *Session) Resume() {
	if !s.m.poisoned {
		return
	}
	s.m.poisoned = false
	p, err := s.m.compile(dropDefers)
	if err == nil {
		_, err = s.m.execute(context.Background(), p)
	}
	if err != nil {
		s.m.poisoned = true // rebuild rather than run stale deferred calls
	}
}

// dropDefers empties the rewriter's stack of a cell's deferred calls.
const dropDefers = "_gkDeferStack = nil"

// isCancel reports whether err is a context's error.
func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// interruptedAt reports a cell stopped by its context in the chunk that
// starts at pos ("cell[N]:L"; "" if unknown).
func interruptedAt(err error, pos string) *Error {
	e := interrupted(err)
	if pos != "" {
		e.Traceback = append(e.Traceback, "in the statements from "+pos)
	}
	return e
}
