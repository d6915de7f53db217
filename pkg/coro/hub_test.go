package coro

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorder collects lines from tasks (they run one at a time, but the
// race detector wants the lock anyway).
type recorder struct {
	mu    sync.Mutex
	lines []string
}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

func (r *recorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, " ")
}

func TestGeventSequentialVsCooperative(t *testing.T) {
	cases := []struct {
		name  string
		sleep func(time.Duration)
		want  string
	}{
		// time.Sleep without PatchAll holds the hub: g1 runs to the end first.
		{"blocking sleep", func(d time.Duration) { time.Sleep(d) }, "a0 a1 a2 b0 b1 b2 c0 c1 c2"},
		// Sleep yields: the tasks interleave in spawn order.
		{"cooperative sleep", func(d time.Duration) { Sleep(d) }, "a0 b0 c0 a1 b1 c1 a2 b2 c2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var r recorder
			f := func(name string, n int) {
				for i := 0; i < n; i++ {
					r.add("%s%d", name, i)
					c.sleep(time.Millisecond)
				}
			}
			g1, g2, g3 := Spawn(f, "a", 3), Spawn(f, "b", 3), Spawn(f, "c", 3)
			if r.String() != "" {
				t.Fatal("tasks ran before the spawner yielded")
			}
			JoinAll(g1, g2, g3)
			if got := r.String(); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestPatchAllMakesTimeSleepCooperative(t *testing.T) {
	defer Unpatch()
	var r recorder
	f := func(name string) {
		for i := 0; i < 2; i++ {
			r.add("%s%d", name, i)
			TimeSleep(time.Millisecond) // what time.Sleep is in a cell
		}
	}
	JoinAll(Spawn(f, "a"), Spawn(f, "b"))
	before := r.String()
	r.lines = nil
	PatchAll()
	JoinAll(Spawn(f, "a"), Spawn(f, "b"))
	if before != "a0 a1 b0 b1" || r.String() != "a0 b0 a1 b1" {
		t.Fatalf("unpatched %q, patched %q", before, r.String())
	}
}

func TestTaskResultsAndErrors(t *testing.T) {
	ok := Spawn(func(x int) int { return x * 2 }, 21)
	bad := Spawn(func() (int, error) { return 0, Raise("ValueError", "nope") })
	boom := Spawn(func() { panic("boom") })
	JoinAll(ok, bad, boom)
	if v, err := ok.Result(); v != 42 || err != nil || !ok.Successful() {
		t.Fatalf("ok: %v %v", v, err)
	}
	if _, err := bad.Result(); err == nil || err.Error() != "ValueError: nope" || bad.Successful() {
		t.Fatalf("bad: %v", err)
	}
	if err := boom.Err(); err == nil || err.Error() != "panic: boom" {
		t.Fatalf("boom: %v", err)
	}
	if _, err := Spawn(func() {}).Result(); !errors.Is(err, InvalidStateError) {
		t.Fatalf("unfinished Result: %v", err)
	}
	KillAll()
}

func TestGetCurrentAndNames(t *testing.T) {
	var inside string
	var in bool
	g := SpawnNamed("f(5)", func() { inside = GetCurrent().String(); in = InTask() })
	g.Join()
	if !regexp.MustCompile(`^<Greenlet "f\(5\)" at 0x[0-9a-f]+: coro\.TestGetCurrentAndNames\.func1\(\)>$`).MatchString(inside) || !in {
		t.Fatalf("GetCurrent in task = %s, InTask %v", inside, in)
	}
	if InTask() || GetCurrent().Name() != "main" {
		t.Fatal("outside a task GetCurrent must be main")
	}
	g2 := Spawn(fmt.Sprint, 5, "x")
	if s := g2.String(); s != "<Greenlet at "+ptr(g2)+": fmt.Sprint(5, 'x')>" {
		t.Fatalf("compiled func name: %s", s)
	}
	KillAll()
}

func TestCancel(t *testing.T) {
	var r recorder
	sleeper := Spawn(func() error {
		r.add("start")
		err := Sleep(time.Hour)
		r.add("woke:%v", err)
		return err
	})
	Sleep(0) // let it start and park
	if !sleeper.Cancel() {
		t.Fatal("Cancel of a running task returned false")
	}
	sleeper.Join()
	if !sleeper.Cancelled() || r.String() != "start woke:CancelledError" {
		t.Fatalf("cancelled=%v log=%q", sleeper.Cancelled(), r.String())
	}
	never := Spawn(func() { r.add("never") })
	never.Cancel()
	never.Join()
	if !never.Cancelled() || strings.Contains(r.String(), "never") {
		t.Fatal("a task cancelled before it started must not run")
	}
	if sleeper.Cancel() {
		t.Fatal("Cancel of a finished task returned true")
	}
}

func TestAsyncioRunGatherWait(t *testing.T) {
	var r recorder
	work := func(name string, ms int) (string, error) {
		r.add("start-%s", name)
		if err := Sleep(time.Duration(ms) * time.Millisecond); err != nil {
			return "", err
		}
		r.add("end-%s", name)
		return name + "!", nil
	}
	v, err := Run(func() (any, error) {
		return Gather(Async(work, "a", 30), Async(work, "b", 10), CreateTask(work, "c", 20))
	})
	if err != nil || Repr(v) != "['a!', 'b!', 'c!']" {
		t.Fatalf("Run(Gather) = %v, %v", Repr(v), err)
	}
	if got := r.String(); got != "start-c start-a start-b end-b end-c end-a" { // create_task ran first, as in Python
		t.Fatalf("order %q", got)
	}
	_, err = Run(func() (any, error) { return Run(func() {}) })
	if err == nil || err.Error() != "RuntimeError: asyncio.run() cannot be called from a running event loop" {
		t.Fatalf("nested Run: %v", err)
	}
	// Wait FIRST_COMPLETED and timeout.
	Run(func() {
		slow := CreateTask(work, "slow", 50)
		fast := CreateTask(work, "fast", 5)
		done, pending, _ := Wait([]*Task{slow, fast}, FirstCompleted)
		if len(done) != 1 || done[0] != fast || len(pending) != 1 {
			t.Errorf("FIRST_COMPLETED: done %v pending %v", done, pending)
		}
		done, pending, _ = Wait([]*Task{slow}, Timeout(time.Millisecond))
		if len(done) != 0 || len(pending) != 1 {
			t.Errorf("timeout: done %v pending %v", done, pending)
		}
		done, _, _ = Wait([]*Task{slow, fast})
		if len(done) != 2 {
			t.Errorf("ALL_COMPLETED: done %v", done)
		}
	})
	if _, err := WaitFor(Async(work, "late", 100), time.Millisecond); !errors.Is(err, TimeoutError) {
		t.Fatalf("WaitFor: %v", err)
	}
}

func TestCreateTaskNeedsLoop(t *testing.T) {
	defer func() {
		r := recover()
		if err, ok := r.(error); !ok || err.Error() != "RuntimeError: no running event loop" {
			t.Fatalf("recovered %v", r)
		}
	}()
	CreateTask(func() {})
}

func TestEventLoop(t *testing.T) {
	l := GetEventLoop()
	v, err := l.RunUntilComplete(Async(func() int { Sleep(time.Millisecond); return 7 }))
	if v != 7 || err != nil {
		t.Fatalf("RunUntilComplete = %v, %v", v, err)
	}
	var inner error
	l.RunUntilComplete(func() { _, inner = l.RunUntilComplete(func() {}) })
	if inner == nil || inner.Error() != "RuntimeError: This event loop is already running" {
		t.Fatalf("nested: %v", inner)
	}
	l.Close()
	if _, err := l.RunUntilComplete(func() {}); err == nil || err.Error() != "RuntimeError: Event loop is closed" {
		t.Fatalf("closed: %v", err)
	}
	if GetEventLoop() == l {
		t.Fatal("GetEventLoop returned a closed loop")
	}
}

func TestQueueProducerConsumer(t *testing.T) {
	var r recorder
	q := NewQueue(2)
	_, err := Run(func() error {
		consumer := func(name string) {
			for {
				v, err := q.Get()
				if err != nil {
					return
				}
				r.add("%s:%v", name, v)
				Sleep(time.Millisecond)
				q.TaskDone()
			}
		}
		c1, c2 := CreateTask(consumer, "x"), CreateTask(consumer, "y")
		for i := 0; i < 6; i++ {
			if err := q.Put(i); err != nil {
				return err
			}
		}
		q.Join()
		c1.Cancel()
		c2.Cancel()
		return nil
	})
	if err != nil || r.String() != "x:0 y:1 x:2 y:3 x:4 y:5" {
		t.Fatalf("err %v log %q", err, r.String())
	}
	if _, err := q.GetNowait(); !errors.Is(err, QueueEmpty) {
		t.Fatalf("GetNowait on empty: %v", err)
	}
	q.PutNowait(1)
	q.PutNowait(2)
	if err := q.PutNowait(3); !errors.Is(err, QueueFull) {
		t.Fatalf("PutNowait on full: %v", err)
	}
	q.GetNowait()
	q.GetNowait()
	q.TaskDone()
	q.TaskDone()
	if err := q.TaskDone(); err == nil || err.Error() != "ValueError: task_done() called too many times" {
		t.Fatalf("TaskDone: %v", err)
	}
}

func TestFutureAndIO(t *testing.T) {
	f := NewFuture()
	go func() { time.Sleep(time.Millisecond); f.SetResult("set") }()
	v, err := Run(func() (any, error) { return f.Await() })
	if v != "set" || err != nil {
		t.Fatalf("future: %v %v", v, err)
	}
	if err := f.SetResult(1); !errors.Is(err, InvalidStateError) {
		t.Fatalf("second SetResult: %v", err)
	}
	// IO releases the baton: the other task runs while the first blocks.
	var r recorder
	release := make(chan struct{})
	a := Spawn(func() error {
		r.add("io-start")
		return IO(func() error { <-release; r.add("io-end"); return nil })
	})
	b := Spawn(func() { r.add("other"); close(release) })
	JoinAll(a, b)
	if r.String() != "io-start other io-end" {
		t.Fatalf("IO order %q", r.String())
	}
}

// An interrupt ends the outside caller's wait at once; the tasks stay
// frozen where they are (they run only while someone outside waits in the
// hub) until KillAll cancels them.
func TestInterruptUnblocksJoin(t *testing.T) {
	ch := make(chan struct{})
	setInterrupt(ch)
	defer setInterrupt(nil)
	stuck := Spawn(func() error { return Sleep(time.Hour) })
	go func() { // interrupt once Join waits
		for InterruptibleWaits() == 0 {
			runtime.Gosched()
		}
		close(ch)
	}()
	if stuck.Join(); stuck.Done() {
		t.Fatal("Join reported the task finished")
	}
	if stuck.Done() {
		t.Fatalf("the task ended (%v) on an interrupt meant for its caller", stuck.Err())
	}
	setInterrupt(nil)
	KillAll()
	if !stuck.Done() || !stuck.Cancelled() {
		t.Fatalf("after KillAll: done %v, cancelled %v", stuck.Done(), stuck.Cancelled())
	}
}

// withinSeconds runs fn and fails the test if it has not returned after
// 10 s: the hub lost its baton.
func withinSeconds(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		buf := make([]byte, 1<<20)
		t.Fatalf("%s hangs\n%s", what, buf[:runtime.Stack(buf, true)])
	}
}

// Interrupts that arrive together with wakes, timers and running tasks:
// afterwards the hub still runs (KillAll returns), and at no time do two
// tasks run at once.
func TestInterruptRaces(t *testing.T) {
	var running, overlaps atomic.Int32
	exclusive := func() {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		runtime.Gosched()
		running.Add(-1)
	}
	cases := []struct {
		name  string
		start func() (wake func())
	}{
		{"future result", func() func() {
			f := NewFuture()
			Spawn(func() { exclusive(); f.Await(); exclusive() })
			return func() { f.SetResult(1) }
		}},
		{"timers", func() func() {
			for i := range 3 {
				Spawn(func() { exclusive(); Sleep(time.Duration(i) * 100 * time.Microsecond); exclusive() })
			}
			return func() {}
		}},
		{"busy tasks", func() func() {
			for range 3 {
				Spawn(func() error {
					for {
						exclusive()
						if err := Sleep(0); err != nil {
							return err
						}
					}
				})
			}
			return func() {}
		}},
		{"queue", func() func() {
			q := NewQueue(1)
			Spawn(func() { exclusive(); q.Get(); exclusive() })
			Spawn(func() error {
				exclusive()
				if err := q.Put(1); err != nil {
					return err // cancelled: a second Put would swallow the cancellation
				}
				exclusive()
				return q.Put(2)
			})
			return func() { q.PutNowait(3) }
		}},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			defer setInterrupt(nil)
			for i := range 300 {
				ch := make(chan struct{})
				setInterrupt(ch)
				wake := c.start()
				var wg sync.WaitGroup
				wg.Add(2)
				go func() { defer wg.Done(); wake() }()
				go func() { defer wg.Done(); time.Sleep(time.Duration(i%7) * 50 * time.Microsecond); close(ch) }()
				withinSeconds(t, "the interrupted Sleep", func() { Sleep(time.Hour) })
				wg.Wait()
				setInterrupt(nil)
				withinSeconds(t, "KillAll after an interrupt", KillAll)
			}
			if n := overlaps.Load(); n > 0 {
				t.Fatalf("two tasks ran at once %d times", n)
			}
		})
	}
}

func TestGenCoroutine(t *testing.T) {
	var r recorder
	hello := func(name string) *Coroutine {
		return GenCoroutine(func(y *Yielder) any {
			r.add("hello-%s", name)
			y.Yield(SleepFuture(time.Duration(len(name)) * time.Millisecond))
			r.add("again-%s", name)
			return len(name)
		})
	}
	res, err := Run(func() ([]any, error) { return Gather(hello("long"), hello("x")) })
	if err != nil || Repr(res) != "[4, 1]" {
		t.Fatalf("res %v err %v", Repr(res), err)
	}
	if r.String() != "hello-long hello-x again-x again-long" {
		t.Fatalf("order %q", r.String())
	}
	_, err = Run(GenCoroutine(func(y *Yielder) any { y.Yield(5); return nil }))
	if err == nil || err.Error() != "RuntimeError: Task got bad yield: 5" {
		t.Fatalf("bad yield: %v", err)
	}
}

func TestLoopCallbacks(t *testing.T) {
	var r recorder
	l := NewEventLoop()
	_, err := l.RunUntilComplete(func() (any, error) {
		l.CallLater(2*time.Millisecond, func() { r.add("later") })
		cancelled := l.CallLater(time.Millisecond, func() { r.add("cancelled") })
		l.CallSoon(func() { r.add("soon") })
		cancelled.Cancel()
		fut := l.RunInExecutor(func(x int) int { return x + 1 }, 41)
		v, err := fut.Await()
		Sleep(5 * time.Millisecond) // "later" fires meanwhile
		r.add("executor:%v", v)
		return nil, err
	})
	if err != nil || r.String() != "soon later executor:42" {
		t.Fatalf("err %v log %q", err, r.String())
	}
}
