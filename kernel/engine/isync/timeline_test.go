package isync

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/pkg/mt"
	"github.com/gokernel/gokernel/pkg/timeline"
)

// laneEvents returns each lane's events, prints left out, in order.
func laneEvents(r *timeline.Recording) map[string][]timeline.Event {
	lanes := r.Lanes()
	out := map[string][]timeline.Event{}
	for _, e := range r.Events() {
		if e.State != timeline.Print {
			out[lanes[e.Lane]] = append(out[lanes[e.Lane]], e)
		}
	}
	return out
}

// waitingOn reports whether the recording's last state of n lanes is s.
func waitingOn(s timeline.State, n int) func([]timeline.Event) bool {
	return func(events []timeline.Event) bool {
		last := map[int]timeline.State{}
		for _, e := range events {
			if e.State != timeline.Print {
				last[e.Lane] = e.State
			}
		}
		k := 0
		for _, st := range last {
			if st == s {
				k++
			}
		}
		return k == n
	}
}

// The lesson's deadlock with the cells' sync.Mutex: two threads each hold
// one lock and wait for the other's. The timeline shows both waits, each
// naming the lane that holds the lock; Stop (the kernel's interrupt) ends
// them.
func TestTimelineDeadlockedMutexes(t *testing.T) {
	r, err := timeline.Start()
	if err != nil {
		t.Fatal(err)
	}
	var mutexA, mutexB Mutex
	var held WaitGroup
	held.Add(2)
	body := func(first, second *Mutex) {
		first.Lock()
		held.Done()
		held.Wait() // both hold their first lock
		second.Lock()
	}
	t1 := mt.NewThreadOpts(mt.ThreadOpts{Name: "Thread-1", Target: func() { body(&mutexA, &mutexB) }})
	t2 := mt.NewThreadOpts(mt.ThreadOpts{Name: "Thread-2", Target: func() { body(&mutexB, &mutexA) }})
	_ = t1.Start()
	_ = t2.Start()
	if err := r.WaitUntil(context.Background(), func(events []timeline.Event) bool {
		n := 0
		for _, e := range events {
			if e.State == timeline.WaitLock {
				n++
			}
		}
		return n == 2 && waitingOn(timeline.WaitLock, 2)(events)
	}); err != nil {
		t.Fatal(err)
	}
	Stop() // as an interrupt does: both Locks return
	t1.Join()
	t2.Join()
	r.Stop()
	ev := laneEvents(r)
	for lane, other := range map[string]string{"Thread-1": "Thread-2", "Thread-2": "Thread-1"} {
		want := "sync.Mutex held by " + other
		if !slices.ContainsFunc(ev[lane], func(e timeline.Event) bool { return e.State == timeline.WaitLock && e.Note == want }) {
			t.Errorf("%s never waits with note %q: %+v", lane, want, ev[lane])
		}
		// its states in order: runs, waits for both to hold (WaitGroup),
		// runs, waits for the lock, runs (after Stop), ends
		var states []timeline.State
		for _, e := range ev[lane] {
			if len(states) == 0 || states[len(states)-1] != e.State {
				states = append(states, e.State)
			}
		}
		got := slices.DeleteFunc(states, func(s timeline.State) bool { return s == timeline.WaitJoin })
		if !slices.Equal(got[len(got)-4:], []timeline.State{timeline.Run, timeline.WaitLock, timeline.Run, timeline.End}) {
			t.Errorf("%s states %v", lane, states)
		}
	}
}

// A WaitGroup wait shows as a join, a contended RWMutex as a lock wait,
// each followed by running again once the wait ends.
func TestTimelineWaitGroupAndRWMutex(t *testing.T) {
	r, err := timeline.Start()
	if err != nil {
		t.Fatal(err)
	}
	var wg WaitGroup
	var rw RWMutex
	wg.Add(1)
	rw.Lock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		rw.RLock() // waits for main's write lock
		//lint:ignore SA2001 the wait for the write lock is what is recorded
		rw.RUnlock()
		wg.Done()
	}()
	if err := r.WaitUntil(context.Background(), waitingOn(timeline.WaitLock, 1)); err != nil {
		t.Fatal(err)
	}
	rw.Unlock()
	wg.Wait()
	<-done
	r.Stop()
	ev := laneEvents(r)
	var g []timeline.Event
	for lane, es := range ev {
		if lane != "main" {
			g = es
		}
	}
	if len(g) < 2 || g[0].State != timeline.WaitLock || g[0].Note != "sync.RWMutex (read)" || g[1].State != timeline.Run {
		t.Errorf("goroutine lane %+v", g)
	}
	m := ev["main"]
	i := slices.IndexFunc(m, func(e timeline.Event) bool { return e.State == timeline.WaitJoin })
	if i < 0 || m[i].Note != "sync.WaitGroup" || i+1 >= len(m) || m[i+1].State != timeline.Run {
		// main may find the counter already at zero: then no wait is recorded
		if i >= 0 {
			t.Errorf("main lane %+v", m)
		}
	}
}

// An uncontended Lock/Unlock while no timeline records: the hook's cost
// (one atomic load) inside the fast path.
func BenchmarkMutexUncontended(b *testing.B) {
	var m Mutex
	for b.Loop() {
		m.Lock()
		//lint:ignore SA2001 the uncontended lock itself is what is measured
		m.Unlock()
	}
}

// An uncontended Lock/Unlock while a timeline records (the holder is
// noted, no event).
func BenchmarkMutexUncontendedRecording(b *testing.B) {
	r, err := timeline.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer r.Stop()
	var m Mutex
	for b.Loop() {
		m.Lock()
		//lint:ignore SA2001 the uncontended lock itself is what is measured
		m.Unlock()
	}
}

// The cost the hooks add to one contended wait under a recording: its two
// events (waiting on the lock, running again), the holder's lane looked
// up. The recording is restarted before it fills up.
func BenchmarkLockWaitEvents(b *testing.B) {
	r, err := timeline.Start()
	if err != nil {
		b.Fatal(err)
	}
	g := timeline.Goid()
	i := 0
	for b.Loop() {
		traceLockWait("sync.Mutex", g)()
		if i++; i%(timeline.MaxEvents/2-1) == 0 {
			b.StopTimer()
			r.Stop()
			if r, err = timeline.Start(); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
	r.Stop()
}

var update = flag.Bool("update", false, "rewrite testdata/*.svg")

// The lesson's picture with sync.Mutex, drawn with a logical clock (1 ms
// per event) from a run whose steps the test puts in order: Thread-1 holds
// mutexA, Thread-2 holds mutexB and waits for mutexA, then Thread-1 waits
// for mutexB. The recording stops there, deadlocked; Stop then frees both.
func TestGoldenSyncMutexDeadlock(t *testing.T) {
	var n time.Duration
	r, err := timeline.StartClock(func() time.Duration { n += time.Millisecond; return n })
	if err != nil {
		t.Fatal(err)
	}
	var mutexA, mutexB Mutex
	held1, held2, go1 := make(chan struct{}), make(chan struct{}), make(chan struct{})
	t1 := mt.NewThreadOpts(mt.ThreadOpts{Name: "Thread-1", Target: func() {
		mutexA.Lock()
		close(held1)
		<-go1
		mutexB.Lock()
	}})
	t2 := mt.NewThreadOpts(mt.ThreadOpts{Name: "Thread-2", Target: func() {
		mutexB.Lock()
		close(held2)
		mutexA.Lock()
	}})
	_ = t1.Start()
	<-held1
	_ = t2.Start()
	<-held2
	if err := r.WaitUntil(context.Background(), waitingOn(timeline.WaitLock, 1)); err != nil {
		t.Fatal(err)
	}
	close(go1)
	if err := r.WaitUntil(context.Background(), waitingOn(timeline.WaitLock, 2)); err != nil {
		t.Fatal(err)
	}
	r.Stop()
	Stop()
	t1.Join()
	t2.Join()
	svg := r.SVG()
	path := filepath.Join("testdata", "sync_mutex_deadlock.svg")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(svg), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != svg {
		t.Errorf("%s differs from the chart drawn now (go test -run Golden -update rewrites it)", path)
	}
	for _, note := range []string{"sync.Mutex held by Thread-1", "sync.Mutex held by Thread-2"} {
		if !strings.Contains(svg, note) {
			t.Errorf("the chart lacks %q", note)
		}
	}
}
