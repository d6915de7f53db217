package coro

import (
	"runtime"
	"sync/atomic"
)

// goid returns the id of the calling goroutine, parsed from the first line
// of its stack trace ("goroutine 123 [running]:"). Go has no goroutine
// identity API; this costs about a microsecond and is used only where the
// package must know who is calling (InTask, CurrentGreenlet).
func goid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	var id int64
	for _, c := range buf[len("goroutine "):n] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}

// interrupt is the kernel's interrupt signal (SetInterrupt).
var interrupt atomic.Pointer[<-chan struct{}]

// SetInterrupt makes every blocking call of the package (Join, Sleep,
// Switch, Get, Gather, Wait, Run, ...) made from outside the hub return
// ErrInterrupted (or panic with it, for calls without an error result) as
// soon as ch is closed or receives; tasks and greenlets stay suspended (see
// the package doc). The kernel passes its interrupt signal; nil disables
// it.
func SetInterrupt(ch <-chan struct{}) { interrupt.Store(&ch) }

// interruptChan returns the interrupt channel, nil if none.
func interruptChan() <-chan struct{} {
	if p := interrupt.Load(); p != nil {
		return *p
	}
	return nil
}
