package coro

import (
	"context"
	"sync/atomic"
	"time"
)

// interrupt is the kernel's interrupt signal (SetInterrupt).
var interrupt atomic.Pointer[<-chan struct{}]

// SetInterrupt makes every blocking call of the package (Join, Sleep,
// Switch, Get, Gather, Wait, Run, ...) made from outside the hub return
// ErrInterrupted (or panic with it, for calls without an error result) as
// soon as ch is closed or receives; tasks and greenlets stay suspended (see
// the package doc). TimeSleep panics with it too, in the goroutines
// IsMain accepts and in tasks. The kernel passes its interrupt signal;
// nil disables it.
func SetInterrupt(ch <-chan struct{}) { interrupt.Store(&ch) }

// interruptChan returns the interrupt channel, nil if none.
func interruptChan() <-chan struct{} {
	if p := interrupt.Load(); p != nil {
		return *p
	}
	return nil
}

// IsMain, when set, reports whether the calling goroutine runs a cell's
// own top-level code (the kernel sets it). An interrupted TimeSleep panics
// only there and in tasks and greenlets: other goroutines (a thread of
// pkg/mt, a plain go statement) get no panic, as Python's other threads
// never see a KeyboardInterrupt; their TimeSleep returns early when the
// kernel, having stopped their interpreted code itself, calls Release. Nil
// means every goroutine.
var IsMain func() bool

// interrupted is how a wait of the calling goroutine ends when the kernel
// interrupts (intr) or its context ends: ErrInterrupted, returned, except
// that an interrupted wait in a cell's own code (IsMain) panics with it,
// so that the cell stops there as Python's KeyboardInterrupt stops it
// instead of running its next statements.
func interrupted(intr bool) error {
	if intr && IsMain != nil && IsMain() {
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
// seed's sequential lesson), except that the kernel's interrupt ends it
// with a panic of ErrInterrupted in a cell's own code (IsMain), in a task
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
	if ch == nil || (!inTask && !inGreenlet() && IsMain != nil && !IsMain()) {
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
