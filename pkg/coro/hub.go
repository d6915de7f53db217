package coro

import (
	"container/heap"
	"context"
	"sync"
	"time"
)

// The hub is the one cooperative scheduler of the process, shared by the
// gevent-style API (Spawn, Join, Sleep) and the asyncio-style one (Run,
// CreateTask, Gather, Queue): exactly one participant holds the baton and
// runs at a time. Participants are tasks (each a goroutine, started when
// first scheduled) and "outside" goroutines (a notebook cell, a compiled
// caller) that enter the hub by calling a blocking function and leave it
// when that call returns. Tasks run only while an outside goroutine waits
// in the hub, as gevent's greenlets run only while the main greenlet
// blocks. Ready participants run in FIFO order; timers fire in deadline
// order, ties in the order they were set, which makes outputs
// reproducible.

// fiber is one participant's baton slot.
type fiber struct {
	wake    chan struct{} // receives the baton (cap 1)
	task    *Task         // nil for an outside goroutine
	parked  bool          // waiting for a wake
	epoch   uint64        // incremented at each park; stale waitRefs are ignored
	wakeErr error         // why it was woken, if not normally (cancel, timeout)
	timer   *timerEntry
	gone    bool // an outside goroutine that left because of an interrupt
}

// waitRef is a fiber waiting on something, as of one park.
type waitRef struct {
	f     *fiber
	epoch uint64
}

type timerEntry struct {
	at    time.Time
	seq   uint64
	ref   waitRef
	err   error // set as wakeErr when it fires (nil: normal wake)
	index int
}

type timerHeap []*timerEntry

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].at.Equal(h[j].at) {
		return h[i].seq < h[j].seq
	}
	return h[i].at.Before(h[j].at)
}
func (h timerHeap) Swap(i, j int)     { h[i], h[j] = h[j], h[i]; h[i].index = i; h[j].index = j }
func (h *timerHeap) Push(x any)       { e := x.(*timerEntry); e.index = len(*h); *h = append(*h, e) }
func (h *timerHeap) Pop() (x any)     { old := *h; n := len(old); x = old[n-1]; *h = old[:n-1]; return x }
func (h timerHeap) peek() *timerEntry { return h[0] }

type hub struct {
	entry   sync.Mutex // held by the outside goroutine that is in the hub
	mu      sync.Mutex
	ready   []*fiber
	timers  timerHeap
	seq     uint64
	busy    bool // someone holds the baton or is dispatching
	idle    bool // the dispatcher waits for a timer or an external wake
	kick    chan struct{}
	current *fiber
	tasks   map[*Task]bool // unfinished tasks
}

var theHub = &hub{kick: make(chan struct{}, 1), tasks: map[*Task]bool{}}

// makeReady queues the fiber of ref if it is still parked at that epoch,
// with wakeErr. Called with h.mu held.
func (h *hub) makeReady(ref waitRef, wakeErr error) {
	f := ref.f
	if !f.parked || f.epoch != ref.epoch {
		return
	}
	f.parked = false
	f.wakeErr = wakeErr
	if f.timer != nil {
		if f.timer.index >= 0 && f.timer.index < len(h.timers) && h.timers[f.timer.index] == f.timer {
			heap.Remove(&h.timers, f.timer.index)
		}
		f.timer = nil
	}
	h.ready = append(h.ready, f)
	if h.idle {
		select {
		case h.kick <- struct{}{}:
		default:
		}
	}
}

// dispatch hands the baton to the next ready fiber, waiting for timers or
// external wakes when none is ready. Called with h.mu held by the baton
// holder giving it up; returns with h.mu released. If the wait is
// interrupted, the baton is dropped (busy false) and the next participant
// entering the hub picks it up.
func (h *hub) dispatch() {
	for {
		now := time.Now()
		for len(h.timers) > 0 && !h.timers.peek().at.After(now) {
			e := heap.Pop(&h.timers).(*timerEntry)
			e.ref.f.timer = nil
			h.makeReady(e.ref, e.err)
		}
		for len(h.ready) > 0 {
			f := h.ready[0]
			h.ready[0] = nil
			h.ready = h.ready[1:]
			if f.gone {
				continue
			}
			h.current = f
			h.mu.Unlock()
			if t := f.task; t != nil && !t.started {
				t.started = true
				go t.main()
			} else {
				f.wake <- struct{}{}
			}
			return
		}
		var timer <-chan time.Time
		if len(h.timers) > 0 {
			t := time.NewTimer(time.Until(h.timers.peek().at))
			defer t.Stop()
			timer = t.C
		}
		h.idle = true
		h.mu.Unlock()
		select {
		case <-timer:
		case <-h.kick:
		case <-interruptChan():
			h.mu.Lock()
			h.idle = false
			if len(h.ready) > 0 { // someone queued meanwhile: hand over
				continue
			}
			h.busy, h.current = false, nil
			h.mu.Unlock()
			return
		}
		h.mu.Lock()
		h.idle = false
	}
}

// self returns the caller's fiber if the caller is the running task.
func (h *hub) self() *fiber {
	h.mu.Lock()
	f := h.current
	h.mu.Unlock()
	if f != nil && f.task != nil && f.task.gid == goid() {
		return f
	}
	return nil
}

// enter makes the calling outside goroutine a participant holding the
// baton. It returns with h.mu held.
func (h *hub) enter(ctx context.Context) (*fiber, error) {
	if err := lockCtx(ctx, &h.entry); err != nil {
		return nil, err
	}
	f := &fiber{wake: make(chan struct{}, 1)}
	h.mu.Lock()
	if !h.busy {
		h.busy = true
		h.current = f
		return f, nil
	}
	// A dispatcher left from an interrupted wait is running: queue up.
	f.parked = true
	f.epoch++
	h.makeReady(waitRef{f, f.epoch}, nil)
	h.mu.Unlock()
	if err := h.wait(ctx, f); err != nil {
		h.entry.Unlock()
		return nil, err
	}
	h.mu.Lock()
	return f, nil
}

// leave ends an outside goroutine's stay: the baton is dropped (tasks stay
// queued until the next entry). Called with h.mu held; releases it.
func (h *hub) leave(f *fiber) {
	if h.current == f {
		h.busy, h.current = false, nil
	}
	h.mu.Unlock()
	h.entry.Unlock()
}

// lockCtx locks mu unless ctx is done or the kernel interrupts first.
func lockCtx(ctx context.Context, mu *sync.Mutex) error {
	if mu.TryLock() {
		return nil
	}
	done := make(chan struct{})
	go func() { mu.Lock(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
	case <-interruptChan():
	}
	go func() { <-done; mu.Unlock() }()
	return ErrInterrupted
}

// wait blocks until f is woken or the kernel interrupts or, for an
// outside goroutine, ctx is done. (A task whose ctx ends is woken by
// block, so that it goes on holding the baton.)
func (h *hub) wait(ctx context.Context, f *fiber) error {
	var done <-chan struct{}
	if f.task == nil {
		done = ctx.Done()
	}
	select {
	case <-f.wake:
		return nil
	case <-done:
	case <-interruptChan():
	}
	h.mu.Lock()
	if f.parked {
		f.parked = false
		f.epoch++
	}
	f.gone = f.task == nil
	select {
	case <-f.wake: // woken meanwhile: it holds the baton, pass it on
		if f.task == nil {
			h.busy, h.current = false, nil
			h.mu.Unlock()
		} else {
			h.dispatch()
		}
	default:
		h.mu.Unlock()
	}
	return ErrInterrupted
}

// block is the one blocking primitive: it parks the caller (a task, or an
// outside goroutine that enters the hub for the duration) until register's
// condition wakes it, the timeout d passes (d < 0: none; timeoutErr is then
// the wake error, nil meaning a normal wake), the task is cancelled
// (CancelledError), ctx is done or the kernel interrupts (ErrInterrupted).
// The end of ctx is a wake like the others, so it ends the wait also when
// the caller itself is the one waiting for timers in dispatch.
// register is called with h.mu held; it returns true if the condition
// already holds (no wait), else it must arrange a makeReady of ref.
func (h *hub) block(ctx context.Context, register func(ref waitRef) bool, d time.Duration, timeoutErr error) error {
	f := h.self()
	outside := f == nil
	if outside {
		var err error
		if f, err = h.enter(ctx); err != nil {
			return err
		}
	} else {
		h.mu.Lock()
		if t := f.task; t.cancelPending {
			t.cancelPending = false
			h.mu.Unlock()
			return CancelledError
		}
	}
	f.epoch++
	ref := waitRef{f, f.epoch}
	f.parked, f.wakeErr = true, nil
	if register(ref) {
		f.parked = false
		if outside {
			h.leave(f)
		} else {
			h.mu.Unlock()
		}
		return nil
	}
	if d >= 0 && f.parked {
		h.seq++
		f.timer = &timerEntry{at: time.Now().Add(d), seq: h.seq, ref: ref, err: timeoutErr}
		heap.Push(&h.timers, f.timer)
	}
	if ctx.Done() != nil && f.parked {
		stop := context.AfterFunc(ctx, func() {
			h.mu.Lock()
			h.makeReady(ref, ErrInterrupted)
			h.mu.Unlock()
		})
		defer stop()
	}
	h.dispatch()
	if err := h.wait(ctx, f); err != nil {
		if outside {
			h.entry.Unlock()
		}
		return err
	}
	h.mu.Lock()
	err := f.wakeErr
	f.wakeErr = nil
	if f.task != nil && err != nil && err == CancelledError {
		f.task.cancelPending = false
	}
	if outside {
		h.leave(f)
	} else {
		h.mu.Unlock()
	}
	return err
}

// yieldNow moves the running task to the back of the ready queue
// (Sleep(0), gevent.sleep(0)). From outside it runs every ready task once.
func (h *hub) yieldNow(ctx context.Context) error {
	return h.block(ctx, func(ref waitRef) bool {
		h.makeReady(ref, nil)
		return false
	}, -1, nil)
}
