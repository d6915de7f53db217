package mt

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/internal/goid"
)

// Lock is Python's threading.Lock: a mutex that any goroutine may release
// (no owner check), with timed and cancellable acquisition. It implements
// sync.Locker (Lock/Unlock) so that `l.Lock(); defer l.Unlock()` reads like
// Go. The zero value is an unlocked lock named "Lock". Goroutines blocked in
// Acquire take part in deadlock detection (see DeadlockReport).
type Lock struct {
	once   sync.Once
	ch     chan struct{} // holds a token while locked
	holder atomic.Int64  // gid of the last acquirer, 0 when unlocked
	name   atomic.Pointer[string]
}

var lockCounter atomic.Int64

// spins is how many times Acquire retries (yielding in between) before it
// registers as a waiter and parks: a lock held for a few instructions is
// usually free again by then, and parking costs far more.
const spins = 4

// NewLock returns an unlocked lock. The optional name is used in deadlock
// reports; the default is "Lock-N".
func NewLock(name ...string) *Lock {
	l := &Lock{}
	n := fmt.Sprintf("Lock-%d", lockCounter.Add(1))
	if len(name) > 0 && name[0] != "" {
		n = name[0]
	}
	l.name.Store(&n)
	return l
}

func (l *Lock) init() { l.once.Do(func() { l.ch = make(chan struct{}, 1) }) }

// Name returns the lock's name.
func (l *Lock) Name() string {
	if n := l.name.Load(); n != nil {
		return *n
	}
	return "Lock"
}

// SetName renames the lock (for deadlock reports).
func (l *Lock) SetName(name string) { l.name.Store(&name) }

func (l *Lock) lockName() string { return l.Name() }
func (l *Lock) holderID() int64  { return l.holder.Load() }

// Acquire blocks until the lock is held by the caller. It cannot be
// cancelled (a deadlock is reported on Stderr; in the kernel an interrupt
// ends it); use AcquireCtx or AcquireTimeout for a bounded wait.
func (l *Lock) Acquire() { _ = l.AcquireCtx(background()) }

// AcquireBlocking is Python's acquire(blocking): with blocking false it
// returns at once, reporting whether it got the lock.
func (l *Lock) AcquireBlocking(blocking bool) bool {
	if blocking {
		l.Acquire()
		return true
	}
	return l.tryAcquire(goid.Key())
}

// AcquireTimeout waits at most d for the lock and reports whether it got it.
func (l *Lock) AcquireTimeout(d time.Duration) bool {
	ctx, cancel := context.WithTimeout(background(), max(d, 0))
	defer cancel()
	return l.AcquireCtx(ctx) == nil
}

// AcquireCtx waits for the lock until ctx is done; it returns nil when the
// lock is held by the caller, or ctx.Err() and leaves the lock unchanged.
func (l *Lock) AcquireCtx(ctx context.Context) error {
	g := goid.Key()
	for range spins {
		if l.tryAcquire(g) {
			return nil
		}
		runtime.Gosched()
	}
	_, bounded := ctx.Deadline()
	defer traceWait(waitLock, l.Name())()
	waitStart(g, l, bounded)
	select {
	case l.ch <- struct{}{}:
		waitEnd(g) // before naming the holder: never "waits for a lock it holds"
		l.holder.Store(g)
		return nil
	case <-ctx.Done():
		waitEnd(g)
		return ctx.Err()
	}
}

func (l *Lock) tryAcquire(g int64) bool {
	l.init()
	select {
	case l.ch <- struct{}{}:
		l.holder.Store(g)
		return true
	default:
		return false
	}
}

// Release unlocks the lock; any goroutine may release it. Releasing an
// unlocked lock returns "RuntimeError: release unlocked lock".
func (l *Lock) Release() error {
	l.init()
	h := l.holder.Swap(0)
	select {
	case <-l.ch:
		return nil
	default:
		l.holder.CompareAndSwap(0, h)
		return newError("RuntimeError", "release unlocked lock")
	}
}

// Locked reports whether the lock is held (a snapshot).
func (l *Lock) Locked() bool {
	l.init()
	return len(l.ch) == 1
}

// Lock is Acquire, for sync.Locker.
func (l *Lock) Lock() { l.Acquire() }

// Unlock is Release; it panics with the RuntimeError when the lock is not
// held, as sync.Mutex does.
func (l *Lock) Unlock() {
	if err := l.Release(); err != nil {
		panic(err)
	}
}

// RLock is Python's threading.RLock: a reentrant lock owned by the goroutine
// that acquired it, which may acquire it again; it is free once released as
// many times as acquired. Only the owner may release it. The zero value is
// not usable; call NewRLock.
type RLock struct {
	core  *Lock
	owner atomic.Int64
	count int // guarded by core
}

// NewRLock returns an unlocked reentrant lock with an optional name.
func NewRLock(name ...string) *RLock {
	r := &RLock{core: NewLock(name...)}
	if len(name) == 0 || name[0] == "" {
		n := "R" + r.core.Name()
		r.core.SetName(n)
	}
	return r
}

// Name returns the lock's name.
func (r *RLock) Name() string { return r.core.Name() }

// Acquire blocks until the caller owns the lock (at once if it already does).
func (r *RLock) Acquire() { _ = r.AcquireCtx(background()) }

// AcquireTimeout waits at most d and reports whether the caller owns the lock.
func (r *RLock) AcquireTimeout(d time.Duration) bool {
	ctx, cancel := context.WithTimeout(background(), max(d, 0))
	defer cancel()
	return r.AcquireCtx(ctx) == nil
}

// AcquireCtx waits until the caller owns the lock or ctx is done (ctx.Err(),
// lock unchanged).
func (r *RLock) AcquireCtx(ctx context.Context) error {
	g := goid.Key()
	if r.owner.Load() == g {
		r.count++
		return nil
	}
	if err := r.core.AcquireCtx(ctx); err != nil {
		return err
	}
	r.owner.Store(g)
	r.count = 1
	return nil
}

// Release undoes one Acquire by the owner. Released by another goroutine, or
// when free, it returns "RuntimeError: cannot release un-acquired lock".
func (r *RLock) Release() error {
	if r.owner.Load() != goid.Key() {
		return newError("RuntimeError", "cannot release un-acquired lock")
	}
	r.count--
	if r.count == 0 {
		r.owner.Store(0)
		return r.core.Release()
	}
	return nil
}

// Lock is Acquire, for sync.Locker.
func (r *RLock) Lock() { r.Acquire() }

// Unlock is Release, panicking with the RuntimeError on misuse.
func (r *RLock) Unlock() {
	if err := r.Release(); err != nil {
		panic(err)
	}
}

// releaseAll frees the lock entirely and returns the recursion count
// (Condition.Wait); restore reacquires it with that count.
func (r *RLock) releaseAll() (int, error) {
	if r.owner.Load() != goid.Key() {
		return 0, newError("RuntimeError", "cannot wait on un-acquired lock")
	}
	n := r.count
	r.count = 0
	r.owner.Store(0)
	return n, r.core.Release()
}

func (r *RLock) restore(ctx context.Context, n int) {
	_ = r.core.AcquireCtx(context.WithoutCancel(ctx))
	r.owner.Store(goid.Key())
	r.count = n
}

var (
	_ sync.Locker = (*Lock)(nil)
	_ sync.Locker = (*RLock)(nil)
)
