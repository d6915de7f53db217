package timeline_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/pkg/coro"
	"github.com/gokernel/gokernel/pkg/mt"
	"github.com/gokernel/gokernel/pkg/timeline"
)

// The five pictures of the lessons, recorded from real mt and coro code.
// The checks read the structure of the events (lanes, per-lane order,
// overlaps), which does not depend on the scheduler's timing.

// say marks a printed line as the kernel does for a cell's fmt.Println.
func say(format string, args ...any) {
	if r := timeline.Active(); r != nil {
		r.Printed(0, fmt.Sprintf(format, args...))
	}
}

// record runs fn under a new recording and returns it stopped.
func record(t *testing.T, fn func()) *timeline.Recording {
	t.Helper()
	r, err := timeline.Record(fn)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// span is one state interval of a lane.
type span struct {
	from, to time.Duration
	state    timeline.State
	note     string
}

// spans returns each lane's state intervals (prints left out), as the
// chart draws them.
func spans(r *timeline.Recording) map[string][]span {
	lanes := r.Lanes()
	out := map[string][]span{}
	open := map[int]*span{}
	for _, e := range r.Events() {
		if e.State == timeline.Print {
			continue
		}
		name := lanes[e.Lane]
		if o := open[e.Lane]; o != nil {
			o.to = e.At
			out[name] = append(out[name], *o)
			delete(open, e.Lane)
		}
		if e.State != timeline.End {
			open[e.Lane] = &span{from: e.At, state: e.State, note: e.Note}
		}
	}
	for i, o := range open {
		o.to = r.Duration()
		out[lanes[i]] = append(out[lanes[i]], *o)
	}
	return out
}

// overlap reports whether a non-empty interval of a overlaps one of b.
func overlap(a, b []span) bool {
	for _, x := range a {
		for _, y := range b {
			if x.from < y.to && y.from < x.to && x.state == timeline.Sleep && y.state == timeline.Sleep {
				return true
			}
		}
	}
	return false
}

func prints(r *timeline.Recording, lane string) []string {
	var out []string
	lanes := r.Lanes()
	for _, e := range r.Events() {
		if e.State == timeline.Print && lanes[e.Lane] == lane {
			out = append(out, e.Note)
		}
	}
	return out
}

func TestThreadsInterleave(t *testing.T) {
	r := record(t, func() {
		work := func(name string) {
			for i := range 3 {
				say("%s %d", name, i)
				coro.TimeSleep(10 * time.Millisecond) // a cell's time.Sleep

			}
		}
		t1 := mt.NewThreadOpts(mt.ThreadOpts{Target: work, Args: []any{"a"}, Name: "Thread-1"})
		t2 := mt.NewThreadOpts(mt.ThreadOpts{Target: work, Args: []any{"b"}, Name: "Thread-2"})
		t1.Start()
		t2.Start()
		t1.Join()
		t2.Join()
	})
	lanes := r.Lanes()
	if !slices.Equal(lanes, []string{"main", "Thread-1", "Thread-2"}) {
		t.Fatalf("lanes %q", lanes)
	}
	sp := spans(r)
	if got := prints(r, "Thread-1"); !slices.Equal(got, []string{"a 0", "a 1", "a 2"}) {
		t.Errorf("Thread-1 printed %q", got)
	}
	if got := prints(r, "Thread-2"); !slices.Equal(got, []string{"b 0", "b 1", "b 2"}) {
		t.Errorf("Thread-2 printed %q", got)
	}
	if !overlap(sp["Thread-1"], sp["Thread-2"]) {
		t.Errorf("the threads' sleeps do not overlap: %v / %v", sp["Thread-1"], sp["Thread-2"])
	}
	if m := sp["main"]; !slices.ContainsFunc(m, func(s span) bool { return s.state == timeline.WaitJoin && s.note == "Thread-1" }) {
		t.Errorf("main does not wait for Thread-1: %v", m)
	}
}

func TestDeadlockShowsEachWaitingOnTheOther(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := record(t, func() {
		mutexA, mutexB := mt.NewLock("mutexA"), mt.NewLock("mutexB")
		var held sync.WaitGroup
		held.Add(2)
		var waiting sync.WaitGroup
		waiting.Add(2)
		body := func(first, second *mt.Lock) {
			first.Acquire()
			held.Done()
			held.Wait() // both hold their first lock
			waiting.Done()
			if second.AcquireCtx(ctx) == nil {
				second.Release()
			}
			first.Release()
		}
		t1 := mt.NewThreadOpts(mt.ThreadOpts{Target: body, Args: []any{mutexA, mutexB}, Name: "Thread-1"})
		t2 := mt.NewThreadOpts(mt.ThreadOpts{Target: body, Args: []any{mutexB, mutexA}, Name: "Thread-2"})
		t1.Start()
		t2.Start()
		waiting.Wait()
		// Once both waits are on the timeline, give up.
		if err := timeline.Active().WaitUntil(context.Background(), bothWaiting); err != nil {
			t.Error(err)
		}
		cancel()
		t1.Join()
		t2.Join()
	})
	sp := spans(r)
	for lane, other := range map[string]string{"Thread-1": "mutexB", "Thread-2": "mutexA"} {
		ss := sp[lane]
		if !slices.ContainsFunc(ss, func(s span) bool { return s.state == timeline.WaitLock && s.note == other }) {
			t.Errorf("%s never waits for %s: %v", lane, other, ss)
		}
	}
}

// bothWaiting reports whether the events show two actors waiting for a
// lock at once.
func bothWaiting(events []timeline.Event) bool {
	state := map[int]timeline.State{}
	for _, e := range events {
		if e.State != timeline.Print {
			state[e.Lane] = e.State
		}
	}
	n := 0
	for _, s := range state {
		if s == timeline.WaitLock {
			n++
		}
	}
	return n == 2
}

// geventRun spawns three tasks that print and sleep with a cell's
// time.Sleep, and joins them.
func geventRun() {
	f := func(n int) {
		for i := range n {
			say("%s %d", coro.GetCurrent().Name(), i)
			coro.TimeSleep(5 * time.Millisecond)
		}
	}
	g1 := coro.Spawn(coro.Named("f", f), 3)
	g2 := coro.Spawn(coro.Named("f", f), 3)
	g3 := coro.Spawn(coro.Named("f", f), 3)
	coro.JoinAll(g1, g2, g3)
}

func TestGeventSequentialThenInterleaved(t *testing.T) {
	before := record(t, geventRun)
	coro.PatchAll()
	after := record(t, geventRun)
	coro.Unpatch()
	for _, r := range []*timeline.Recording{before, after} {
		if lanes := r.Lanes(); !slices.Equal(lanes, []string{"main", "f(3)", "f(3) #2", "f(3) #3"}) {
			t.Fatalf("lanes %q", lanes)
		}
	}
	b, a := spans(before), spans(after)
	for _, pair := range [][2]string{{"f(3)", "f(3) #2"}, {"f(3) #2", "f(3) #3"}} {
		if overlap(b[pair[0]], b[pair[1]]) {
			t.Errorf("before PatchAll %s and %s overlap: %v / %v", pair[0], pair[1], b[pair[0]], b[pair[1]])
		}
		if !overlap(a[pair[0]], a[pair[1]]) {
			t.Errorf("after PatchAll %s and %s do not overlap: %v / %v", pair[0], pair[1], a[pair[0]], a[pair[1]])
		}
	}
	// Before the patch each task finishes before the next starts.
	if last, first := b["f(3)"][len(b["f(3)"])-1].to, b["f(3) #2"][0].from; last > first {
		t.Errorf("before PatchAll f(3) ends at %v after f(3) #2 starts at %v", last, first)
	}
}

func TestAsyncioSleepsOverlap(t *testing.T) {
	r := record(t, func() {
		work := func(x float64) string {
			say("Waiting: %v", x)
			coro.Sleep(coro.Seconds(x))
			return fmt.Sprint("Done after ", x)
		}
		coro.Run(func() {
			coro.Gather(coro.Async(coro.Named("doSomeWork", work), 0.01), coro.Async(coro.Named("doSomeWork", work), 0.02), coro.Async(coro.Named("doSomeWork", work), 0.04))
		})
	})
	sp := spans(r)
	want := []string{"doSomeWork(0.01)", "doSomeWork(0.02)", "doSomeWork(0.04)"}
	for _, w := range want {
		if !slices.Contains(r.Lanes(), w) {
			t.Fatalf("no lane %q in %q", w, r.Lanes())
		}
	}
	if !overlap(sp[want[0]], sp[want[1]]) || !overlap(sp[want[1]], sp[want[2]]) {
		t.Errorf("sleeps do not overlap: %v", sp)
	}
}

func TestPoolReusesWorkers(t *testing.T) {
	r := record(t, func() {
		po, err := mt.NewPool(3)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			po.ApplyAsync(poolTask, i)
		}
		po.Close()
		po.Join()
	})
	sp := spans(r)
	workers, tasks := 0, map[string]bool{}
	for lane, ss := range sp {
		if !strings.HasPrefix(lane, "pid ") {
			continue
		}
		workers++
		for _, s := range ss {
			if s.state == timeline.Run && s.note != "" {
				tasks[s.note] = true
			}
		}
	}
	if workers != 3 || len(tasks) != 10 {
		t.Errorf("%d worker lanes ran %d distinct tasks (want 3 and 10): %v", workers, len(tasks), sp)
	}
}
