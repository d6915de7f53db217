package coro

import (
	"sync/atomic"
	"testing"
)

// testHost is the Host the interrupt tests install: an interrupt signal
// and an IsMain they set (nil: no goroutine is main).
type testHost struct {
	ch     atomic.Pointer[<-chan struct{}]
	isMain atomic.Pointer[func() bool]
}

func (h *testHost) Interrupt() <-chan struct{} {
	if p := h.ch.Load(); p != nil {
		return *p
	}
	return nil
}

func (h *testHost) IsMain() bool {
	if p := h.isMain.Load(); p != nil && *p != nil {
		return (*p)()
	}
	return false
}

var theTestHost testHost

// setInterrupt installs the test host with interrupt signal ch (nil: none).
func setInterrupt(ch <-chan struct{}) {
	theTestHost.ch.Store(&ch)
	SetHost(&theTestHost)
}

// setIsMain installs the test host with IsMain f (nil: no goroutine).
func setIsMain(f func() bool) {
	theTestHost.isMain.Store(&f)
	SetHost(&theTestHost)
}

// TestDefaultHost: without a host, coro is ordinary Go: no signal, and
// TimeSleep is time.Sleep.
func TestDefaultHost(t *testing.T) {
	SetHost(nil) // what a program that never calls SetHost has
	h := currentHost()
	if _, ok := h.(DefaultHost); !ok {
		t.Fatalf("host = %T; want DefaultHost", h)
	}
	if h.Interrupt() != nil || h.IsMain() {
		t.Fatal("DefaultHost has a signal or a main goroutine")
	}
	if got := panicOf(func() { TimeSleep(1) }); got != nil {
		t.Fatalf("TimeSleep panicked with %v", got)
	}
}
