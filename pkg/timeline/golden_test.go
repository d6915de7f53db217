package timeline_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gokernel/gokernel/pkg/coro"
	"github.com/gokernel/gokernel/pkg/timeline"
)

var update = flag.Bool("update", false, "rewrite the golden SVGs in testdata")

// logical is a clock that advances 1ms at each reading: the chart then
// depends only on the order of the events.
func logical() func() time.Duration {
	var n time.Duration
	return func() time.Duration { n += time.Millisecond; return n }
}

func golden(t *testing.T, name, svg string) {
	t.Helper()
	path := filepath.Join("testdata", name+".svg")
	if *update {
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
}

// recordLogical records fn with a logical clock. Only cooperative code
// (one coro task runs at a time) records its events in a reproducible
// order.
func recordLogical(t *testing.T, fn func()) *timeline.Recording {
	t.Helper()
	r, err := timeline.StartClock(logical())
	if err != nil {
		t.Fatal(err)
	}
	fn()
	r.Stop()
	return r
}

// Before PatchAll the tasks run one after another (time.Sleep holds the
// hub), so their events come in one order, recorded from the real run.
// After it, which 5 ms sleep ends first depends on the machine's load, so
// that chart is drawn from the round-robin sequence of the lesson, fed in
// a fixed order (TestGeventSequentialThenInterleaved checks the real run).
func TestGoldenGevent(t *testing.T) {
	golden(t, "gevent_before_patch", recordLogical(t, geventRun).SVG())
	tasks := []string{"f(3)", "f(3) #2", "f(3) #3"}
	ev := []feed{{"main", timeline.WaitJoin, "f(3)"}}
	for i := range 3 {
		for _, task := range tasks {
			ev = append(ev, feed{task, timeline.Run, ""}, feed{task, timeline.Print, task + " " + string(rune('0'+i))},
				feed{task, timeline.Sleep, ""}, tick(0))
		}
		ev = append(ev, tick(1))
	}
	for _, task := range tasks {
		ev = append(ev, feed{task, timeline.End, ""})
	}
	ev = append(ev, feed{"main", timeline.Run, ""})
	golden(t, "gevent_after_patch", scripted(ev, 40*time.Millisecond).SVG())
}

func TestGoldenAsyncio(t *testing.T) {
	r := recordLogical(t, func() {
		work := func(x float64) {
			say("Waiting: %v", x)
			coro.Sleep(coro.Seconds(x))
		}
		coro.Run(func() {
			coro.Gather(coro.Async(coro.Named("doSomeWork", work), 0.01), coro.Async(coro.Named("doSomeWork", work), 0.02), coro.Async(coro.Named("doSomeWork", work), 0.04))
		})
	})
	golden(t, "asyncio_gather", r.SVG())
}

// Threads and processes run in parallel, so the order in which their
// events are recorded varies from run to run; their goldens are drawn from
// the event sequences the hooks emit for the lessons' code, fed in one
// fixed order (what mt's hooks send is tested in lessons_test.go).

// feed is one scripted event: lane key, lane name, state, note.
type feed struct {
	key   string
	state timeline.State
	note  string
}

func scripted(events []feed, end time.Duration) *timeline.Recording {
	at := time.Duration(0)
	r := timeline.New(func() time.Duration { return at })
	for _, e := range events {
		if e.key == "" { // a pause: time passes
			at += time.Duration(len(e.note)) * 10 * time.Millisecond
			continue
		}
		r.Actor(e.key, e.key, 0, e.state, e.note)
	}
	at = end
	r.Stop()
	return r
}

// tick advances the scripted clock by n*10ms.
func tick(n int) feed { return feed{note: string(make([]byte, n))} }

func TestGoldenThreads(t *testing.T) {
	var ev []feed
	ev = append(ev, feed{"main", timeline.Run, ""}, tick(1),
		feed{"Thread-1 (func1)", timeline.Run, ""}, feed{"Thread-2 (func2)", timeline.Run, ""},
		feed{"main", timeline.Sleep, ""})
	for i := range 5 {
		for _, th := range []string{"Thread-1 (func1)", "Thread-2 (func2)"} {
			ev = append(ev, feed{th, timeline.Print, "这是一个线程测试函数" + th[len(th)-6:len(th)-1]}, feed{th, timeline.Sleep, ""})
		}
		ev = append(ev, tick(30))
		if i < 4 {
			ev = append(ev, feed{"Thread-1 (func1)", timeline.Run, ""}, tick(0), feed{"Thread-2 (func2)", timeline.Run, ""})
		}
	}
	ev = append(ev, feed{"Thread-1 (func1)", timeline.End, ""}, feed{"Thread-2 (func2)", timeline.End, ""}, feed{"main", timeline.Run, ""}, tick(1))
	golden(t, "threads_interleave", scripted(ev, 1520*time.Millisecond).SVG())
}

func TestGoldenDeadlock(t *testing.T) {
	ev := []feed{
		{"main", timeline.Run, ""}, tick(1),
		{"Thread-1", timeline.Run, ""}, {"Thread-1", timeline.Print, "Thread-1----do1---up----"}, {"Thread-1", timeline.Sleep, ""},
		{"Thread-2", timeline.Run, ""}, {"Thread-2", timeline.Print, "Thread-2----do2---up----"}, {"Thread-2", timeline.Sleep, ""},
		{"main", timeline.WaitJoin, "Thread-1"}, tick(30),
		{"Thread-1", timeline.WaitLock, "mutexB"}, {"Thread-2", timeline.WaitLock, "mutexA"}, tick(120),
		{"main", timeline.Print, "看门狗：1.5 秒没有进展，让线程放弃等待"},
		{"Thread-1", timeline.Run, ""}, {"Thread-2", timeline.Run, ""}, tick(1),
		{"Thread-1", timeline.End, ""}, {"Thread-2", timeline.End, ""}, {"main", timeline.Run, ""},
	}
	golden(t, "deadlock", scripted(ev, 1530*time.Millisecond).SVG())
}

func TestGoldenPool(t *testing.T) {
	ev := []feed{{"main", timeline.Run, ""}}
	pids := []string{"pid 4101", "pid 4102", "pid 4103"}
	for _, p := range pids {
		ev = append(ev, feed{p, timeline.WaitQueue, "next task"})
	}
	ev = append(ev, tick(1), feed{"main", timeline.WaitJoin, "pool"})
	// Durations (in ticks) of the ten tasks; each goes to the worker free first.
	dur := []int{3, 1, 4, 1, 5, 2, 2, 3, 1, 3}
	free := []int{1, 1, 1}
	busyUntil := []int{0, 0, 0}
	type start struct{ at, w, task int }
	var starts []start
	for i, d := range dur {
		w := 0
		for k := range free {
			if free[k] < free[w] {
				w = k
			}
		}
		starts = append(starts, start{free[w], w, i})
		free[w] += d
		busyUntil[w] = free[w]
	}
	now := 1
	pending := map[int]int{} // worker -> end tick of its running task
	for t0 := 1; t0 <= 20; t0++ {
		for w, e := range pending {
			if e == t0 {
				ev = append(ev, feed{pids[w], timeline.WaitQueue, "next task"})
				delete(pending, w)
			}
		}
		for _, s := range starts {
			if s.at == t0 {
				ev = append(ev, feed{pids[s.w], timeline.Run, "worker(" + string(rune('0'+s.task)) + ")"})
				pending[s.w] = t0 + dur[s.task]
			}
		}
		ev = append(ev, tick(t0-now))
		now = t0
		ev = append(ev, tick(1))
	}
	for _, p := range pids {
		ev = append(ev, feed{p, timeline.End, ""})
	}
	ev = append(ev, feed{"main", timeline.Run, ""})
	golden(t, "pool_3_workers_10_tasks", scripted(ev, 0).SVG())
}
