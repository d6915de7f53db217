package timeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// MaxEvents bounds a recording: later events are counted as dropped, so
// that a tight loop under a timeline cannot exhaust memory.
const MaxEvents = 200_000

// Event is one recorded event: at At (since the recording began) the actor
// of lane Lane entered State (or, for Print, printed Note).
type Event struct {
	At    time.Duration
	Lane  int
	State State
	Note  string // the lock, queue or actor waited for; the printed text
}

// Recording collects the events of one timeline. Its methods are safe for
// concurrent use; those that record do nothing once it is stopped.
type Recording struct {
	clock func() time.Duration

	mu         sync.Mutex
	lanes      []string
	byKey      map[any]int
	byGoid     map[int64]int
	names      map[string]int // lane names given, for " #2" suffixes
	events     []Event
	dropped    int
	mainGoid   int64
	end        time.Duration
	stopped    bool
	goroutines int           // plain goroutines given a lane, for their names
	laneGoid   []int64       // the goroutine bound to each lane (0: none)
	watchers   int           // goroutines in WaitUntil
	changed    chan struct{} // closed at the next event while watchers > 0
}

var active atomic.Pointer[Recording]

// Active returns the active recording, or nil when none is: the one check
// a hook makes before doing any work.
func Active() *Recording { return active.Load() }

// ErrActive is returned by Start while another recording is active.
var ErrActive = errors.New("timeline: a recording is already active")

// Start begins a recording with the real monotonic clock; the calling
// goroutine is its "main" lane. Stop ends it.
func Start() (*Recording, error) {
	t0 := time.Now()
	return StartClock(func() time.Duration { return time.Since(t0) })
}

// StartClock is Start with an injected clock (tests use a logical one, so
// that charts are reproducible).
func StartClock(clock func() time.Duration) (*Recording, error) {
	r := New(clock)
	r.mainGoid = Goid()
	r.lane("main", nil, r.mainGoid)
	r.events = append(r.events, Event{At: 0, Lane: 0, State: Run})
	if !active.CompareAndSwap(nil, r) {
		return nil, ErrActive
	}
	return r, nil
}

// New returns an inactive recording with the given clock, to be fed by
// hand with Actor, Goroutine and Printed (tests and replays); it has no
// main lane.
func New(clock func() time.Duration) *Recording {
	return &Recording{clock: clock, byKey: map[any]int{}, byGoid: map[int64]int{}, names: map[string]int{}}
}

// Stop ends the recording (it is no longer Active) and records its end time.
// Stopping twice is harmless.
func (r *Recording) Stop() {
	active.CompareAndSwap(r, nil)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.stopped {
		r.stopped = true
		r.end = r.clock()
	}
}

// lane returns the lane of key (or, with a nil key, of goroutine goid),
// creating it with name; goid, when not 0, is bound to it so that the
// goroutine's later Goroutine and Printed events land there. Called with
// r.mu held.
func (r *Recording) lane(name string, key any, goid int64) int {
	if key != nil {
		if i, ok := r.byKey[key]; ok {
			if goid != 0 {
				r.byGoid[goid] = i
				r.laneGoid[i] = goid
			}
			return i
		}
	} else if i, ok := r.byGoid[goid]; ok {
		return i
	}
	n := r.names[name]
	r.names[name] = n + 1
	if n > 0 {
		name = fmt.Sprintf("%s #%d", name, n+1)
	}
	i := len(r.lanes)
	r.lanes = append(r.lanes, name)
	if key != nil {
		r.byKey[key] = i
	}
	r.laneGoid = append(r.laneGoid, 0)
	if goid != 0 {
		r.byGoid[goid] = i
		r.laneGoid[i] = goid
	}
	return i
}

func (r *Recording) add(lane int, s State, note string) {
	if len(r.events) >= MaxEvents {
		r.dropped++
		return
	}
	r.events = append(r.events, Event{At: r.clock(), Lane: lane, State: s, Note: note})
	if g := r.laneGoid[lane]; s == End && g != 0 && r.byGoid[g] == lane {
		delete(r.byGoid, g) // its descriptor may serve another goroutine now
	}
	if r.watchers > 0 {
		close(r.changed)
		r.changed = make(chan struct{})
	}
}

// WaitUntil blocks until cond holds for the events recorded so far (it is
// called again after each new event), or ctx is done (ctx.Err()): tests
// wait for events this way, never for time.
func (r *Recording) WaitUntil(ctx context.Context, cond func([]Event) bool) error {
	r.mu.Lock()
	r.watchers++
	defer func() {
		r.mu.Lock()
		r.watchers--
		r.mu.Unlock()
	}()
	for {
		if r.changed == nil {
			r.changed = make(chan struct{})
		}
		ch := r.changed
		ok := cond(r.events)
		r.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		r.mu.Lock()
	}
}

// Actor records that the actor identified by key (a *Thread, a *Task, a
// worker) entered state s; name is its lane's name, used the first time
// the key is seen. goid, when not 0, is the goroutine the actor runs on.
func (r *Recording) Actor(key any, name string, goid int64, s State, note string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return
	}
	r.add(r.lane(name, key, goid), s, note)
}

// Goroutine records that whatever actor runs on goroutine goid (0: the
// caller's) entered state s: the actor bound to it, the main lane, or a
// lane "goroutine N" of its own (N counts such goroutines from 1).
func (r *Recording) Goroutine(goid int64, s State, note string) {
	if goid == 0 {
		goid = Goid()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return
	}
	name := ""
	if _, ok := r.byGoid[goid]; !ok {
		r.goroutines++
		name = fmt.Sprintf("goroutine %d", r.goroutines)
	}
	r.add(r.lane(name, nil, goid), s, note)
}

// Blocked records, if a timeline records, that the calling goroutine starts
// waiting (state s, on what); the returned function records that it runs
// again. While none records it costs one atomic load.
func Blocked(s State, what string) (resume func()) {
	r := Active()
	if r == nil {
		return func() {}
	}
	g := Goid()
	r.Goroutine(g, s, what)
	return func() { r.Goroutine(g, Run, "") }
}

// Printed records that goroutine goid (0: the caller's) wrote text.
func (r *Recording) Printed(goid int64, text string) {
	r.Goroutine(goid, Print, text)
}

// LaneOf returns the name of the lane goroutine goid's events go to, or
// false while it has none (it has recorded nothing yet, or its actor
// ended). A hook names what a goroutine waits for by it ("held by
// Thread-2").
func (r *Recording) LaneOf(goid int64) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i, ok := r.byGoid[goid]; ok {
		return r.lanes[i], true
	}
	return "", false
}

// Lanes returns the lane names, in order of first appearance.
func (r *Recording) Lanes() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.lanes...)
}

// Events returns a copy of the events, in the order they were recorded.
func (r *Recording) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// Dropped returns how many events were not kept (beyond MaxEvents).
func (r *Recording) Dropped() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dropped
}

// Duration returns the recording's length: its end once stopped, else the
// time of its last event.
func (r *Recording) Duration() time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.duration()
}

func (r *Recording) duration() time.Duration {
	d := r.end
	if n := len(r.events); n > 0 && r.events[n-1].At > d {
		d = r.events[n-1].At
	}
	return d
}

// Record runs fn while a new recording is active and returns the stopped
// recording. A panic of fn stops the recording and goes on.
func Record(fn func()) (*Recording, error) {
	r, err := Start()
	if err != nil {
		return nil, err
	}
	defer r.Stop()
	fn()
	return r, nil
}
