package coro

import (
	"context"
	"sync/atomic"
	"time"
)

// interruptChan returns the host's interrupt signal, nil if none.
func interruptChan() <-chan struct{} { return currentHost().Interrupt() }

// interrupted is how a wait of the calling goroutine ends when the host
// interrupts (intr) or its context ends: ErrInterrupted, returned, except
// that an interrupted wait in the host's top-level code (Host.IsMain)
// panics with it, so that a cell stops there as Python's KeyboardInterrupt
// stops it instead of running its next statements.
func interrupted(intr bool) error {
	if intr && currentHost().IsMain() {
		panic(ErrInterrupted)
	}
	return ErrInterrupted
}

// waits counts the calls now waiting that the interrupt signal would end.
var waits atomic.Int32

// awaitOutside is every wait the interrupt signal ends: it receives from c
// (ok), or gives up when ctx is done or, reported by intr, the kernel
// interrupts; the caller cleans up and returns interrupted(intr). It
// counts in InterruptibleWaits meanwhile.
func awaitOutside[T any](ctx context.Context, c <-chan T) (v T, ok, intr bool) {
	waits.Add(1)
	defer waits.Add(-1)
	select {
	case v = <-c:
		return v, true, false
	case <-ctx.Done():
		return v, false, false
	case <-interruptChan():
		return v, false, true
	}
}

// InterruptibleWaits returns how many calls are waiting right now that the
// interrupt signal would end (outside callers of the hub, the main
// greenlet, TimeSleep). The kernel reads it when it interrupts: none means
// the cell is busy elsewhere (a loop, a lock, a channel) and the signal
// will not stop it.
func InterruptibleWaits() int { return int(waits.Load()) }

// TimeSleep is what time.Sleep means in a notebook cell. In a cooperative
// task after PatchAll it is Sleep, so tasks interleave (a cancellation
// panics out of it, ending the task as Python's CancelledError does);
// elsewhere it is the real time.Sleep (in a task: holding the hub, the
// seed's sequential lesson), except that the Host's interrupt ends it
// with a panic of ErrInterrupted in a cell's own code (Host.IsMain), in a task
// and in a greenlet (which then dies, its parent being interrupted too),
// and ends it early, without a panic, in other goroutines when the kernel
// calls Release.
func TimeSleep(d time.Duration) {
	inTask := InTask()
	if inTask && Patched() {
		if err := Sleep(d); err != nil {
			panic(err)
		}
		return
	}
	if d <= 0 {
		time.Sleep(d)
		return
	}
	defer traceSleep()()
	ch := interruptChan()
	t := time.NewTimer(d)
	defer t.Stop()
	if ch == nil || (!inTask && !inGreenlet() && !currentHost().IsMain()) {
		select {
		case <-t.C:
		case <-*release.Load(): // the kernel has stopped the code around it
		}
		return
	}
	if _, ok, _ := awaitOutside(context.Background(), t.C); !ok {
		panic(ErrInterrupted)
	}
}

// release is closed, and replaced, by Release.
var release atomic.Pointer[chan struct{}]

func init() {
	ch := make(chan struct{})
	release.Store(&ch)
}

// Release ends every TimeSleep in progress that an interrupt does not end
// with a panic (outside a cell's own code, tasks and greenlets, or with no
// interrupt signal set): they return early. The kernel calls it after an
// interrupt, once it has stopped the interpreted code around them, so that
// their goroutines end.
func Release() {
	ch := make(chan struct{})
	close(*release.Swap(&ch))
}
