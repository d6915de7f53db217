package mt

import (
	"context"
	"sync"
	"time"
)

// Event is Python's threading.Event: a flag that goroutines can wait for.
// The zero value is a clear event. Safe for concurrent use.
type Event struct {
	mu  sync.Mutex
	set bool
	sig signal
}

// NewEvent returns a clear event.
func NewEvent() *Event { return &Event{} }

// Set sets the flag and wakes every waiter.
func (e *Event) Set() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.set = true
	e.sig.broadcast()
}

// Clear resets the flag.
func (e *Event) Clear() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.set = false
}

// IsSet reports the flag.
func (e *Event) IsSet() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.set
}

// Wait blocks until the flag is set or the optional timeout passes and
// returns the flag. WaitCtx can be cancelled.
func (e *Event) Wait(timeout ...time.Duration) bool {
	ctx, cancel := timeoutCtx(timeout)
	defer cancel()
	return e.WaitCtx(ctx) == nil
}

// WaitCtx blocks until the flag is set (nil) or ctx is done (ctx.Err()).
func (e *Event) WaitCtx(ctx context.Context) error {
	var resume func()
	for {
		e.mu.Lock()
		if e.set {
			e.mu.Unlock()
			return nil
		}
		ch := e.sig.wait()
		e.mu.Unlock()
		if resume == nil {
			resume = traceWait(waitChan, "Event")
			defer resume()
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Semaphore is Python's threading.Semaphore (and BoundedSemaphore): a
// counter that Acquire decrements, blocking at zero, and Release increments.
// Safe for concurrent use.
type Semaphore struct {
	mu    sync.Mutex
	value int
	bound int // 0: unbounded
	sig   signal
}

// NewSemaphore returns a semaphore with the given initial value (Python's
// default is 1); a negative value is "ValueError: semaphore initial value must
// be >= 0" and panics.
func NewSemaphore(value int) *Semaphore {
	if value < 0 {
		panic(newError("ValueError", "semaphore initial value must be >= 0"))
	}
	return &Semaphore{value: value}
}

// NewBoundedSemaphore is NewSemaphore whose Release fails with "ValueError:
// Semaphore released too many times" above the initial value.
func NewBoundedSemaphore(value int) *Semaphore {
	s := NewSemaphore(value)
	s.bound = value
	return s
}

// Acquire blocks until the counter is positive and decrements it.
func (s *Semaphore) Acquire() { _ = s.AcquireCtx(background()) }

// AcquireBlocking with blocking false returns at once, reporting success.
func (s *Semaphore) AcquireBlocking(blocking bool) bool {
	if blocking {
		s.Acquire()
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.value > 0 {
		s.value--
		return true
	}
	return false
}

// AcquireTimeout waits at most d and reports success.
func (s *Semaphore) AcquireTimeout(d time.Duration) bool {
	ctx, cancel := context.WithTimeout(background(), max(d, 0))
	defer cancel()
	return s.AcquireCtx(ctx) == nil
}

// AcquireCtx decrements the counter, waiting until it is positive or ctx is
// done (ctx.Err(), counter unchanged).
func (s *Semaphore) AcquireCtx(ctx context.Context) error {
	var resume func()
	for {
		s.mu.Lock()
		if s.value > 0 {
			s.value--
			s.mu.Unlock()
			return nil
		}
		ch := s.sig.wait()
		s.mu.Unlock()
		if resume == nil {
			resume = traceWait(waitLock, "Semaphore")
			defer resume()
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Release increments the counter by n (default 1) and wakes waiters.
func (s *Semaphore) Release(n ...int) error {
	k := 1
	if len(n) > 0 {
		k = n[0]
	}
	if k < 1 {
		return newError("ValueError", "n must be one or more")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bound > 0 && s.value+k > s.bound {
		return newError("ValueError", "Semaphore released too many times")
	}
	s.value += k
	s.sig.broadcast()
	return nil
}

// Value returns the counter (a snapshot).
func (s *Semaphore) Value() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.value
}

// Condition is Python's threading.Condition: goroutines holding its lock
// wait for a notification, releasing the lock while they wait.
type Condition struct {
	L       sync.Locker // the condition's lock
	mu      sync.Mutex
	waiters []chan struct{}
}

// NewCondition returns a condition over lock, or over a new RLock when lock
// is omitted (Python's default). lock is usually an *mt.Lock or *mt.RLock;
// any sync.Locker works.
func NewCondition(lock ...sync.Locker) *Condition {
	var l sync.Locker
	if len(lock) > 0 && lock[0] != nil {
		l = lock[0]
	} else {
		l = NewRLock()
	}
	return &Condition{L: l}
}

// Acquire locks the condition's lock. It blocks; AcquireCtx can be
// cancelled.
func (c *Condition) Acquire() { _ = c.AcquireCtx(background()) }

// AcquireCtx locks the condition's lock, waiting until ctx is done
// (ctx.Err(), lock unchanged). An *mt.Lock or *mt.RLock (anything with an
// AcquireCtx method) is asked directly; any other sync.Locker is locked by a
// helper goroutine that unlocks it again if ctx ends first, so it must be a
// lock any goroutine may unlock (sync.Mutex is).
func (c *Condition) AcquireCtx(ctx context.Context) error {
	if l, ok := c.L.(interface{ AcquireCtx(context.Context) error }); ok {
		return l.AcquireCtx(ctx)
	}
	if ctx.Done() == nil {
		c.L.Lock()
		return nil
	}
	locked := make(chan struct{})
	go func() {
		c.L.Lock()
		close(locked)
	}()
	select {
	case <-locked:
		return nil
	case <-ctx.Done():
		go func() {
			<-locked
			c.L.Unlock()
		}()
		return ctx.Err()
	}
}

// Release unlocks the condition's lock.
func (c *Condition) Release() { c.L.Unlock() }

// Wait releases the lock, blocks until notified or until the optional
// timeout passes, reacquires the lock and reports whether it was notified.
// The caller must hold the lock (an *RLock not owned by the caller makes
// Wait panic with "RuntimeError: cannot wait on un-acquired lock").
func (c *Condition) Wait(timeout ...time.Duration) bool {
	ctx, cancel := timeoutCtx(timeout)
	defer cancel()
	err := c.WaitCtx(ctx)
	if err != nil && !isCtxErr(err) {
		panic(err)
	}
	return err == nil
}

// WaitCtx is Wait ending early with ctx.Err() when ctx is done; the lock is
// held again whenever WaitCtx returns.
func (c *Condition) WaitCtx(ctx context.Context) error {
	ch := make(chan struct{})
	c.mu.Lock()
	c.waiters = append(c.waiters, ch)
	c.mu.Unlock()
	restore, err := c.release()
	if err != nil {
		c.drop(ch)
		return err
	}
	defer restore()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		if !c.drop(ch) { // notified meanwhile
			return nil
		}
		return ctx.Err()
	}
}

func (c *Condition) release() (func(), error) {
	if r, ok := c.L.(*RLock); ok {
		n, err := r.releaseAll()
		if err != nil {
			return nil, err
		}
		return func() { r.restore(context.Background(), n) }, nil
	}
	if l, ok := c.L.(*Lock); ok {
		if err := l.Release(); err != nil {
			return nil, newError("RuntimeError", "cannot wait on un-acquired lock")
		}
		return l.Acquire, nil
	}
	c.L.Unlock()
	return c.L.Lock, nil
}

// drop removes ch from the waiters, reporting whether it was still there.
func (c *Condition) drop(ch chan struct{}) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, w := range c.waiters {
		if w == ch {
			c.waiters = append(c.waiters[:i:i], c.waiters[i+1:]...)
			return true
		}
	}
	return false
}

// WaitFor waits until pred() is true (checked with the lock held, before
// waiting and after each notification) or the timeout passes, and returns
// the last value of pred.
func (c *Condition) WaitFor(pred func() bool, timeout ...time.Duration) bool {
	ctx, cancel := timeoutCtx(timeout)
	defer cancel()
	err := c.WaitForCtx(ctx, pred)
	if err != nil && !isCtxErr(err) {
		panic(err)
	}
	return err == nil
}

// WaitForCtx is WaitFor ending early when ctx is done: it returns nil once
// pred() is true, or ctx.Err() when ctx ends first and pred(), checked once
// more, is still false. The lock is held again whenever WaitForCtx returns.
func (c *Condition) WaitForCtx(ctx context.Context, pred func() bool) error {
	for !pred() {
		if err := c.WaitCtx(ctx); err != nil {
			if isCtxErr(err) && pred() {
				return nil
			}
			return err
		}
	}
	return nil
}

// Notify wakes up to n waiters (default 1), oldest first.
func (c *Condition) Notify(n ...int) {
	k := 1
	if len(n) > 0 {
		k = n[0]
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k > 0 && len(c.waiters) > 0 {
		close(c.waiters[0])
		c.waiters = c.waiters[1:]
		k--
	}
}

// NotifyAll wakes every waiter.
func (c *Condition) NotifyAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, w := range c.waiters {
		close(w)
	}
	c.waiters = nil
}

func isCtxErr(err error) bool {
	return err == context.Canceled || err == context.DeadlineExceeded
}
