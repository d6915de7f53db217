package coro

import (
	"container/heap"
	"context"
	"sync"
	"time"

	"github.com/gokernel/gokernel/internal/goid"
)

// The hub is the one cooperative scheduler of the process, shared by the
// gevent-style API (Spawn, Join, Sleep) and the asyncio-style one (Run,
// CreateTask, Gather, Queue): exactly one participant holds the baton and
// runs at a time. Participants are tasks (each a goroutine, started when
// first scheduled) and the "outside" goroutine (a notebook cell, a compiled
// caller) that enters the hub by calling a blocking function and leaves it
// when that call returns; outside goroutines take turns (entry).
//
// Tasks run only while an outside goroutine is in the hub, as gevent's
// greenlets run only while the main greenlet blocks: when the baton is
// given up and nobody outside waits, the ready tasks stay queued, frozen,
// until the next entry. Ready participants run in FIFO order; timers fire
// in deadline order, ties in the order they were set, which makes outputs
// reproducible.
//
// Nobody waits in the scheduler itself: whoever gives up the baton, makes
// a fiber ready or fires a timer calls schedule, which hands the baton on
// at once when it is free (the alarm, a time.AfterFunc, does so for the
// earliest timer). An outside goroutine whose context ends or that the
// kernel interrupts therefore leaves at once, baton or not; a task that
// holds the baton then runs on to its next await point and stops there.

// fiber is one participant's baton slot.
type fiber struct {
	wake    chan struct{} // receives the baton (cap 1)
	task    *Task         // nil for an outside goroutine
	parked  bool          // waiting for a wake
	epoch   uint64        // incremented at each park; stale waitRefs are ignored
	wakeErr error         // why it was woken, if not normally (cancel, timeout)
	timer   *timerEntry
	goid    int64 // an outside fiber's goroutine, while a timeline records
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
	err   error  // set as wakeErr when it fires (nil: normal wake)
	fire  func() // instead of a wake: called with h.mu held (SleepFuture)
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
	current *fiber // holds the baton; nil when nobody runs
	outside *fiber // the outside goroutine in the hub; nil: tasks are frozen
	alarm   *time.Timer
	tasks   map[*Task]bool // unfinished tasks
	failed  []*Task        // asyncio tasks ended by an exception, for reportUnretrieved
}

var theHub = &hub{tasks: map[*Task]bool{}}

// makeReady queues the fiber of ref if it is still parked at that epoch,
// with wakeErr, and hands it the baton if the baton is free. Called with
// h.mu held.
func (h *hub) makeReady(ref waitRef, wakeErr error) {
	if h.queue(ref, wakeErr) {
		h.schedule()
	}
}

// queue is makeReady without the hand-over; it reports whether ref was
// queued.
func (h *hub) queue(ref waitRef, wakeErr error) bool {
	f := ref.f
	if !f.parked || f.epoch != ref.epoch {
		return false
	}
	f.parked = false
	f.wakeErr = wakeErr
	h.dropTimer(f)
	h.ready = append(h.ready, f)
	return true
}

// dropTimer removes f's pending timer, if any. Called with h.mu held.
func (h *hub) dropTimer(f *fiber) {
	if f.timer != nil {
		if f.timer.index >= 0 && f.timer.index < len(h.timers) && h.timers[f.timer.index] == f.timer {
			heap.Remove(&h.timers, f.timer.index)
		}
		f.timer = nil
	}
}

// schedule hands a free baton to the first ready fiber, after moving the
// fibers whose timers are due to the ready queue; with nobody ready, it
// arms the alarm for the next timer. While no outside goroutine is in the
// hub it hands over nothing. Called with h.mu held.
func (h *hub) schedule() {
	if h.current != nil || h.outside == nil {
		return
	}
	now := time.Now()
	for len(h.timers) > 0 && !h.timers.peek().at.After(now) {
		e := heap.Pop(&h.timers).(*timerEntry)
		if e.fire != nil {
			e.fire()
			continue
		}
		e.ref.f.timer = nil
		h.queue(e.ref, e.err)
	}
	if len(h.ready) > 0 {
		f := h.ready[0]
		h.ready[0] = nil
		h.ready = h.ready[1:]
		h.current = f
		traceRun(f)
		if t := f.task; t != nil && !t.started {
			t.started = true
			go t.main()
		} else {
			f.wake <- struct{}{}
		}
		return
	}
	if len(h.timers) > 0 {
		d := time.Until(h.timers.peek().at)
		if h.alarm == nil {
			h.alarm = time.AfterFunc(d, h.onAlarm)
		} else {
			h.alarm.Reset(d)
		}
	}
}

// callLater arranges for fire to be called, with h.mu held, once d has
// passed and the hub next schedules (timers of equal deadline fire in the
// order they were set, as asyncio's call_later callbacks do). fire must
// not block or schedule: it may only queue fibers (h.queue). Called with
// h.mu held.
func (h *hub) callLater(d time.Duration, fire func()) {
	h.seq++
	heap.Push(&h.timers, &timerEntry{at: time.Now().Add(d), seq: h.seq, fire: fire})
	h.schedule()
}

func (h *hub) onAlarm() {
	h.mu.Lock()
	h.schedule()
	h.mu.Unlock()
}

// release gives up the baton held by f. Called with h.mu held.
func (h *hub) release(f *fiber) {
	if h.current == f {
		h.current = nil
		h.schedule()
	}
}

// unqueue takes f out of the ready queue. Called with h.mu held.
func (h *hub) unqueue(f *fiber) {
	for i, r := range h.ready {
		if r == f {
			h.ready = append(h.ready[:i], h.ready[i+1:]...)
			return
		}
	}
}

// self returns the caller's fiber if the caller is the running task.
func (h *hub) self() *fiber {
	h.mu.Lock()
	f := h.current
	h.mu.Unlock()
	if f != nil && f.task != nil && f.task.gid.Load() == goid.ID() {
		return f
	}
	return nil
}

// enter makes the calling outside goroutine the hub's outside participant
// holding the baton. It returns with h.mu held. If a task still holds the
// baton (it was running when an earlier caller left), the caller queues
// for it.
func (h *hub) enter(ctx context.Context) (*fiber, error) {
	if err := lockCtx(ctx, &h.entry); err != nil {
		return nil, err
	}
	f := &fiber{wake: make(chan struct{}, 1), goid: traceGoid()}
	h.mu.Lock()
	h.outside = f
	if h.current == nil {
		h.current = f
		return f, nil
	}
	f.parked = true
	f.epoch++
	h.queue(waitRef{f, f.epoch}, nil)
	h.mu.Unlock()
	if err := h.wait(ctx, f); err != nil {
		return nil, err
	}
	h.mu.Lock()
	return f, nil
}

// leave ends an outside goroutine's stay: the baton is given up and the
// tasks stay queued until the next entry. Called with h.mu held; releases
// it.
func (h *hub) leave(f *fiber) {
	h.outside = nil
	if h.current == f {
		h.current = nil
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
	_, ok, intr := awaitOutside(ctx, done)
	if ok {
		return nil
	}
	go func() { <-done; mu.Unlock() }()
	return interrupted(intr)
}

// wait blocks until f is given the baton. A task waits for nothing else
// (the end of its ctx and its cancellation are wakes, see block). An
// outside goroutine also stops waiting when ctx is done or the kernel
// interrupts: it then leaves the hub at once (ErrInterrupted, see
// interrupted), giving up the baton if it had just been handed to it.
func (h *hub) wait(ctx context.Context, f *fiber) error {
	if f.task != nil {
		<-f.wake
		return nil
	}
	_, ok, intr := awaitOutside(ctx, f.wake)
	if ok {
		return nil
	}
	h.mu.Lock()
	if f.parked {
		f.parked = false
		f.epoch++
		h.dropTimer(f)
	} else {
		h.unqueue(f)
	}
	select {
	case <-f.wake: // handed the baton meanwhile: give it up with the rest
	default:
	}
	h.leave(f)
	return interrupted(intr)
}

// block is the one blocking primitive: it parks the caller (a task, or an
// outside goroutine that enters the hub for the duration) until register's
// condition wakes it, the timeout d passes (d < 0: none; timeoutErr is then
// the wake error, nil meaning a normal wake), the task is cancelled
// (CancelledError), ctx is done or, for an outside caller, the kernel
// interrupts (ErrInterrupted).
// register is called with h.mu held; it returns true if the condition
// already holds (no wait), else it must arrange a makeReady of ref.
func (h *hub) block(ctx context.Context, register func(ref waitRef) bool, d time.Duration, timeoutErr error) error {
	return h.blockAs(waitOther, "", ctx, register, d, timeoutErr)
}

// blockAs is block that shows the wait on a timeline as state s on note.
func (h *hub) blockAs(s waitState, note string, ctx context.Context, register func(ref waitRef) bool, d time.Duration, timeoutErr error) error {
	f := h.self()
	outside := f == nil
	if outside {
		var err error
		if f, err = h.enter(ctx); err != nil {
			return err
		}
	} else {
		h.mu.Lock()
		if t := f.task; t.killed {
			t.cancelPending = false
			h.mu.Unlock()
			panic(unwind{CancelledError})
		} else if t.cancelPending {
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
	if !outside && ctx.Done() != nil && f.parked {
		stop := context.AfterFunc(ctx, func() {
			h.mu.Lock()
			h.makeReady(ref, ErrInterrupted)
			h.mu.Unlock()
		})
		defer stop()
	}
	tracePark(f, s, note)
	h.release(f)
	h.mu.Unlock()
	if err := h.wait(ctx, f); err != nil {
		return err
	}
	h.mu.Lock()
	err := f.wakeErr
	f.wakeErr = nil
	if t := f.task; t != nil && err == CancelledError {
		t.cancelPending = false
		if t.killed {
			h.mu.Unlock()
			panic(unwind{CancelledError})
		}
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
	return h.blockAs(waitOther, "yield", ctx, func(ref waitRef) bool {
		h.makeReady(ref, nil)
		return false
	}, -1, nil)
}
