package mt

import (
	"context"
	"sync"
	"time"

	"github.com/gokernel/gokernel/internal/goid"
)

// registry knows the threads mt started: the live ones in start order (for
// Enumerate) and the goroutine (gid) each runs on (for CurrentThread).
var registry = &threadRegistry{byID: map[int64]*Thread{}}

type threadRegistry struct {
	mu      sync.Mutex
	started int64 // threads started so far; a thread's seq is its rank
	live    []*Thread
	byID    map[int64]*Thread
	changed chan struct{} // closed and replaced when a thread ends
}

// mainGID is the gid of the goroutine that initialised the package.
var mainGID int64

var mainThread = func() *Thread {
	t := newThread(false)
	t.isMain = true
	name := "MainThread"
	t.name.Store(&name)
	t.ident.Store(goid.ID())
	mainGID = goid.Key()
	t.state.Store(threadStarted)
	close(t.started)
	return t
}()

func (r *threadRegistry) add(t *Thread) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started++
	t.seq = r.started
	r.live = append(r.live, t)
}

func (r *threadRegistry) bind(id int64, t *Thread) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byID[id] = t
}

func (r *threadRegistry) remove(id int64, t *Thread) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.byID, id)
	for i, x := range r.live {
		if x == t {
			r.live = append(r.live[:i:i], r.live[i+1:]...)
			break
		}
	}
	if r.changed != nil {
		close(r.changed)
		r.changed = nil
	}
}

func (r *threadRegistry) lookup(id int64) *Thread {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byID[id]
}

// waitChan returns the non-daemon live threads and a channel closed when any
// thread ends.
func (r *threadRegistry) waitChan() (int, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, t := range r.live {
		if !t.daemon {
			n++
		}
	}
	if r.changed == nil {
		r.changed = make(chan struct{})
	}
	return n, r.changed
}

// CurrentThread returns the mt thread running the caller, or MainThread()
// for any goroutine mt did not start (the cell's own goroutine, goroutines
// started with the go statement).
func CurrentThread() *Thread {
	if t := registry.lookup(goid.Key()); t != nil {
		return t
	}
	return mainThread
}

// MainThread returns the thread object standing for every goroutine that is
// not an mt thread. Its name is "MainThread"; it is always alive.
func MainThread() *Thread { return mainThread }

// Enumerate returns MainThread followed by the live mt threads in start
// order (threads started and not yet ended). Goroutines started with the go
// statement are not listed: Go cannot list goroutines.
func Enumerate() []*Thread {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	return append([]*Thread{mainThread}, registry.live...)
}

// ActiveCount returns len(Enumerate()).
func ActiveCount() int {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	return 1 + len(registry.live)
}

// WaitAll waits until every non-daemon mt thread has ended, or the timeout
// passes. Python waits for these threads when the program exits; a notebook
// cell calls WaitAll where the seed relied on that. It returns nothing, so a
// cell ending in it shows no value; ActiveCount tells who is left. It blocks;
// WaitAllCtx can be cancelled and reports a timeout.
func WaitAll(timeout ...time.Duration) {
	ctx, cancel := timeoutCtx(timeout)
	defer cancel()
	_ = WaitAllCtx(ctx)
}

// WaitAllCtx is WaitAll ending with ctx.Err() when ctx is done first.
func WaitAllCtx(ctx context.Context) error {
	for {
		n, ch := registry.waitChan()
		if n == 0 {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
