// Package isync provides the sync.Mutex, sync.RWMutex and sync.WaitGroup
// that cells get: the same methods and zero values as package sync's, but
// every wait in them ends when the kernel interrupts (Stop), so that a
// cell deadlocked on a lock or waiting on a WaitGroup nothing will finish
// can be interrupted without losing the worker, and every wait shows on an
// active timeline (display.Timeline) as the goroutine waiting on a lock
// ("sync.Mutex held by Thread-2") or a join ("sync.WaitGroup"). A wait ended by Stop
// returns without the lock (or before the counter reached zero): Stop is
// only called after yaegi has been told to stop the interpreted code
// around it, which therefore goes no further than the call.
package isync

import (
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/gokernel/gokernel/pkg/timeline"
	"github.com/traefik/yaegi/interp"
)

// stop is closed, and replaced, by Stop.
var stop atomic.Pointer[chan struct{}]

func init() {
	ch := make(chan struct{})
	stop.Store(&ch)
}

func stopChan() <-chan struct{} { return *stop.Load() }

// waiting counts the calls now blocked in a wait Stop ends.
var waiting atomic.Int32

// Stop ends every wait of the package in progress.
func Stop() {
	ch := make(chan struct{})
	close(*stop.Swap(&ch))
}

// Symbols returns the table that replaces package sync's Mutex, RWMutex
// and WaitGroup for an interpreter; use it after the standard library's.
func Symbols() interp.Exports {
	return interp.Exports{"sync/sync": {
		"Mutex":     reflect.ValueOf((*Mutex)(nil)),
		"RWMutex":   reflect.ValueOf((*RWMutex)(nil)),
		"WaitGroup": reflect.ValueOf((*WaitGroup)(nil)),
	}}
}

// A Mutex is sync.Mutex whose Lock ends on Stop. The zero value is an
// unlocked mutex.
type Mutex struct {
	once   sync.Once
	sem    chan struct{} // holds a token while locked
	holder atomic.Int64  // the goroutine holding it, when it locked under a timeline (else 0)
}

func (m *Mutex) ch() chan struct{} {
	m.once.Do(func() { m.sem = make(chan struct{}, 1) })
	return m.sem
}

// Lock locks m, waiting while it is locked (or until Stop). The wait shows
// on an active timeline.
func (m *Mutex) Lock() {
	ch := m.ch()
	select {
	case ch <- struct{}{}:
		m.setHolder()
		return
	default:
	}
	stop := stopChan()
	waiting.Add(1)
	defer waiting.Add(-1)
	defer traceLockWait("sync.Mutex", m.holder.Load())()
	select {
	case ch <- struct{}{}:
		m.setHolder()
	case <-stop:
	}
}

// setHolder records the caller as m's holder while a timeline records.
func (m *Mutex) setHolder() {
	if g := tracedHolder(); g != 0 || m.holder.Load() != 0 {
		m.holder.Store(g)
	}
}

// TryLock locks m if it is unlocked and reports whether it did.
func (m *Mutex) TryLock() bool {
	select {
	case m.ch() <- struct{}{}:
		m.setHolder()
		return true
	default:
		return false
	}
}

// Unlock unlocks m; it panics if m is not locked.
func (m *Mutex) Unlock() {
	if m.holder.Load() != 0 {
		m.holder.Store(0)
	}
	select {
	case <-m.ch():
	default:
		panic("sync: unlock of unlocked mutex")
	}
}

// waiter is a condition: a mutex and a channel closed on every change.
type waiter struct {
	mu   sync.Mutex
	wake chan struct{}
}

// wait, called with w.mu held, waits for the next broadcast (true) or
// Stop (false) and returns with w.mu held.
func (w *waiter) wait(stop <-chan struct{}) bool {
	if w.wake == nil {
		w.wake = make(chan struct{})
	}
	ch := w.wake
	w.mu.Unlock()
	defer w.mu.Lock()
	waiting.Add(1)
	defer waiting.Add(-1)
	select {
	case <-ch:
		return true
	case <-stop:
		return false
	}
}

// broadcast, called with w.mu held, wakes every waiter.
func (w *waiter) broadcast() {
	if w.wake != nil {
		close(w.wake)
		w.wake = nil
	}
}

// An RWMutex is sync.RWMutex whose waits end on Stop. A waiting writer
// keeps new readers out.
type RWMutex struct {
	w        waiter
	readers  int
	writer   bool
	waitingW int
}

// Lock locks rw for writing.
func (rw *RWMutex) Lock() {
	rw.w.mu.Lock()
	defer rw.w.mu.Unlock()
	stop := stopChan()
	rw.waitingW++
	defer func() { rw.waitingW-- }()
	if rw.writer || rw.readers > 0 {
		defer traceWait(timeline.WaitLock, "sync.RWMutex")()
	}
	for rw.writer || rw.readers > 0 {
		if !rw.w.wait(stop) {
			return
		}
	}
	rw.writer = true
}

// TryLock locks rw for writing if it is free and reports whether it did.
func (rw *RWMutex) TryLock() bool {
	rw.w.mu.Lock()
	defer rw.w.mu.Unlock()
	if rw.writer || rw.readers > 0 {
		return false
	}
	rw.writer = true
	return true
}

// Unlock unlocks rw for writing; it panics if rw is not write-locked.
func (rw *RWMutex) Unlock() {
	rw.w.mu.Lock()
	defer rw.w.mu.Unlock()
	if !rw.writer {
		panic("sync: Unlock of unlocked RWMutex")
	}
	rw.writer = false
	rw.w.broadcast()
}

// RLock locks rw for reading.
func (rw *RWMutex) RLock() {
	rw.w.mu.Lock()
	defer rw.w.mu.Unlock()
	stop := stopChan()
	if rw.writer || rw.waitingW > 0 {
		defer traceWait(timeline.WaitLock, "sync.RWMutex (read)")()
	}
	for rw.writer || rw.waitingW > 0 {
		if !rw.w.wait(stop) {
			return
		}
	}
	rw.readers++
}

// TryRLock locks rw for reading if no writer holds or waits for it.
func (rw *RWMutex) TryRLock() bool {
	rw.w.mu.Lock()
	defer rw.w.mu.Unlock()
	if rw.writer || rw.waitingW > 0 {
		return false
	}
	rw.readers++
	return true
}

// RUnlock undoes one RLock; it panics if rw is not read-locked.
func (rw *RWMutex) RUnlock() {
	rw.w.mu.Lock()
	defer rw.w.mu.Unlock()
	if rw.readers == 0 {
		panic("sync: RUnlock of unlocked RWMutex")
	}
	rw.readers--
	if rw.readers == 0 {
		rw.w.broadcast()
	}
}

// RLocker returns a Locker whose Lock and Unlock are rw's RLock and
// RUnlock.
func (rw *RWMutex) RLocker() sync.Locker { return rlocker{rw} }

type rlocker struct{ rw *RWMutex }

func (r rlocker) Lock()   { r.rw.RLock() }
func (r rlocker) Unlock() { r.rw.RUnlock() }

// A WaitGroup is sync.WaitGroup whose Wait ends on Stop.
type WaitGroup struct {
	w waiter
	n int
}

// Add adds delta to the counter; it panics if the counter goes negative.
func (wg *WaitGroup) Add(delta int) {
	wg.w.mu.Lock()
	defer wg.w.mu.Unlock()
	wg.n += delta
	if wg.n < 0 {
		panic("sync: negative WaitGroup counter")
	}
	if wg.n == 0 {
		wg.w.broadcast()
	}
}

// Done decrements the counter.
func (wg *WaitGroup) Done() { wg.Add(-1) }

// Go runs f in a new goroutine counted by wg.
func (wg *WaitGroup) Go(f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
}

// Wait waits until the counter is zero (or until Stop).
func (wg *WaitGroup) Wait() {
	wg.w.mu.Lock()
	defer wg.w.mu.Unlock()
	stop := stopChan()
	if wg.n > 0 {
		defer traceWait(timeline.WaitJoin, "sync.WaitGroup")()
	}
	for wg.n > 0 {
		if !wg.w.wait(stop) {
			return
		}
	}
}
