package coro

import "github.com/gokernel/gokernel/internal/hostslot"

// Host is what a program embedding coro supplies to let its own interrupt
// stop coro's waits: the gokernel worker installs one, so that an
// interrupt of a notebook cell ends the cell's Join, Sleep, Gather, ... as
// a KeyboardInterrupt ends Python's. Without one (DefaultHost), coro
// behaves like ordinary Go: nothing but a context ends a wait.
//
// A host that supplies only some methods embeds DefaultHost.
type Host interface {
	// Interrupt returns the interrupt signal of the code running now: a
	// channel that is closed (or receives) when the host interrupts it,
	// nil when there is none. It is called, from any goroutine, at the
	// start of every wait the signal may end, and must not block.
	Interrupt() <-chan struct{}
	// IsMain reports whether the calling goroutine runs the host's
	// top-level code (a notebook cell's own statements, not a goroutine
	// they started). An interrupted wait panics with ErrInterrupted there,
	// in tasks and in greenlets, and returns it elsewhere (see TimeSleep).
	IsMain() bool
}

// DefaultHost is plain Go: no interrupt signal, and no goroutine counts as
// the host's top-level code (which matters only with a signal: an
// interrupted wait returns ErrInterrupted rather than panic).
type DefaultHost struct{}

// Interrupt returns nil: nothing interrupts.
func (DefaultHost) Interrupt() <-chan struct{} { return nil }

// IsMain returns false.
func (DefaultHost) IsMain() bool { return false }

var host hostslot.Slot[Host]

// SetHost makes h the package's Host; nil restores DefaultHost. It is meant
// to be called once, by the program that embeds the package, before the
// code it hosts runs.
func SetHost(h Host) { host.Set(h) }

// currentHost returns the installed Host, or DefaultHost.
func currentHost() Host { return host.Get(DefaultHost{}) }
