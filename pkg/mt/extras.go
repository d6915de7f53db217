package mt

import (
	"context"
	"sync"
	"time"

	"github.com/gokernel/gokernel/internal/wakers"
)

// Ctime returns the local time as Python's time.ctime() formats it:
// "Sun Nov 22 01:07:50 2026".
func Ctime() string { return time.Now().Format("Mon Jan _2 15:04:05 2006") }

// Fork exists to explain why there is no fork: Go's runtime is
// multi-threaded and cannot be forked safely. It always returns -1 and an
// error pointing to NewProcess.
func Fork() (int, error) {
	return -1, newError("OSError", "fork() is not available in Go: the runtime is multi-threaded; start a child with mt.NewProcess(target, args...) instead")
}

// WaitAllProcesses joins every started, not yet joined child Process. It
// blocks; WaitAllProcessesCtx can be cancelled.
func WaitAllProcesses() { _ = WaitAllProcessesCtx(background()) }

// WaitAllProcessesCtx is WaitAllProcesses ending with ctx.Err() when ctx is
// done first.
func WaitAllProcessesCtx(ctx context.Context) error {
	for _, p := range ActiveChildren() {
		if err := p.JoinCtx(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Watchdog calls onStall once if Kick is not called for d (the seeds'
// "看门狗" deadlock-avoidance idea): a program kicks it while it makes
// progress. Safe for concurrent use.
type Watchdog struct {
	mu      sync.Mutex
	d       time.Duration
	timer   *time.Timer
	stopped bool
	disarm  func() // the timer no longer counts as a pending wake-up
}

// NewWatchdog starts a watchdog that calls onStall (on its own goroutine)
// when d passes without a Kick.
func NewWatchdog(d time.Duration, onStall func()) *Watchdog {
	w := &Watchdog{d: d, disarm: wakers.Arm()}
	w.timer = time.AfterFunc(d, func() {
		w.mu.Lock()
		stopped := w.stopped
		w.stopped = true
		w.mu.Unlock()
		defer w.disarm()
		if !stopped && onStall != nil {
			defer traceActor(w, "Watchdog")()
			onStall()
		}
	})
	return w
}

// Kick restarts the countdown; it reports false if the watchdog already
// fired or was stopped.
func (w *Watchdog) Kick() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return false
	}
	w.timer.Reset(w.d)
	return true
}

// Stop disarms the watchdog; it reports whether it had not fired yet.
func (w *Watchdog) Stop() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	was := !w.stopped
	w.stopped = true
	w.timer.Stop()
	w.disarm()
	return was
}
