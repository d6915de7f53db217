package coro

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// ticker is the seed's async generator: it yields 0..to-1, sleeping d after
// each value with sleep.
func ticker(name string, d time.Duration, to int, sleep func(time.Duration) error) *AsyncGenerator {
	return NamedAsyncGenerator(name, func(y *AsyncYielder) error {
		for i := 0; i < to; i++ {
			y.Yield(i)
			if err := sleep(d); err != nil {
				return err
			}
		}
		return nil
	})
}

// astep is one operation on an async generator and what it must produce.
type astep struct {
	op      string // next, send, throw, close
	arg     any
	want    any
	wantErr string // "" = no error; matched against err.Error()
}

// runASteps runs steps on ag, reporting the first mismatch. It may run in
// a task, so it does not call t.Fatal.
func runASteps(t *testing.T, ag *AsyncGenerator, steps []astep) {
	t.Helper()
	for i, s := range steps {
		var v any
		var err error
		switch s.op {
		case "next":
			v, err = ag.ANext()
		case "send":
			v, err = ag.ASend(s.arg)
		case "throw":
			v, err = ag.AThrow(s.arg.(error))
		case "close":
			err = ag.AClose()
		}
		if s.wantErr == "" && (err != nil || v != s.want) {
			t.Errorf("step %d (%s) = %v, %v; want %v", i, s.op, v, err, s.want)
			return
		}
		if s.wantErr != "" && (err == nil || err.Error() != s.wantErr) {
			t.Errorf("step %d (%s): error %v, want %q", i, s.op, err, s.wantErr)
			return
		}
	}
}

func TestAsyncGeneratorProtocol(t *testing.T) {
	var r recorder
	nap := func(time.Duration) error { return Sleep(time.Millisecond) }
	echo := func() *AsyncGenerator { // yields what it is sent, +1, after a nap
		return NewAsyncGenerator(func(y *AsyncYielder) error {
			v := y.Yield(0)
			for v != nil {
				Sleep(time.Millisecond)
				v = y.Yield(v.(int) + 1)
			}
			return nil
		})
	}
	catcher := func() *AsyncGenerator { // catches ValueError and yields "caught"
		return NewAsyncGenerator(func(y *AsyncYielder) error {
			for {
				_, err := y.YieldE(1)
				if errors.Is(err, ValueError) {
					Sleep(time.Millisecond)
					y.Yield("caught")
					continue
				}
				return err
			}
		})
	}
	cleaner := func(cleanupErr error) func() *AsyncGenerator { // awaits while it closes
		return func() *AsyncGenerator {
			return NewAsyncGenerator(func(y *AsyncYielder) error {
				defer func() { r.add("finally") }()
				_, err := y.YieldE(1)
				r.add("got %v", err)
				Sleep(time.Millisecond)
				r.add("cleaned")
				return cleanupErr
			})
		}
	}
	stubborn := func() *AsyncGenerator { // ignores GeneratorExit
		return NewAsyncGenerator(func(y *AsyncYielder) error {
			defer func() { r.add("unwound") }()
			for {
				y.YieldE(1)
			}
		})
	}
	never := func() *AsyncGenerator {
		return NewAsyncGenerator(func(y *AsyncYielder) error { r.add("ran"); return nil })
	}
	cases := []struct {
		name  string
		gen   func() *AsyncGenerator
		steps []astep
		log   string // what the recorder must hold afterwards
	}{
		{"next until StopAsyncIteration", func() *AsyncGenerator { return ticker("t", 0, 3, nap) }, []astep{
			{op: "next", want: 0}, {op: "next", want: 1}, {op: "next", want: 2},
			{op: "next", wantErr: "StopAsyncIteration"},
			{op: "next", wantErr: "StopAsyncIteration"},
			{op: "send", arg: 1, wantErr: "StopAsyncIteration"},
		}, ""},
		{"send values", echo, []astep{
			{op: "send", arg: 5, wantErr: "TypeError: can't send non-None value to a just-started async generator"},
			{op: "send", arg: nil, want: 0},
			{op: "send", arg: 5, want: 6},
			{op: "send", arg: 10, want: 11},
			{op: "next", wantErr: "StopAsyncIteration"},
		}, ""},
		{"throw uncaught ends the generator", echo, []astep{
			{op: "next", want: 0},
			{op: "throw", arg: Raise("ValueError", "bad"), wantErr: "ValueError: bad"},
			{op: "next", wantErr: "StopAsyncIteration"},
			{op: "throw", arg: ValueError, wantErr: "StopAsyncIteration"},
		}, ""},
		{"throw caught yields again", catcher, []astep{
			{op: "next", want: 1},
			{op: "throw", arg: ValueError, want: "caught"},
			{op: "next", want: 1},
			{op: "close"},
			{op: "next", wantErr: "StopAsyncIteration"},
		}, ""},
		{"throw into an unstarted generator", never, []astep{
			{op: "throw", arg: KeyError, wantErr: "KeyError"},
			{op: "next", wantErr: "StopAsyncIteration"},
		}, ""},
		{"close unstarted", never, []astep{{op: "close"}, {op: "next", wantErr: "StopAsyncIteration"}, {op: "close"}}, ""},
		{"close awaits the body's cleanup", cleaner(nil), []astep{
			{op: "next", want: 1}, {op: "close"}, {op: "close"},
			{op: "next", wantErr: "StopAsyncIteration"},
		}, "got GeneratorExit cleaned finally"},
		{"close returns the cleanup's error", cleaner(Raise("OSError", "disk")), []astep{
			{op: "next", want: 1}, {op: "close", wantErr: "OSError: disk"},
			{op: "next", wantErr: "StopAsyncIteration"},
		}, "got GeneratorExit cleaned finally"},
		{"yield after GeneratorExit", stubborn, []astep{
			{op: "next", want: 1},
			{op: "close", wantErr: "RuntimeError: async generator ignored GeneratorExit"},
			{op: "next", wantErr: "StopAsyncIteration"},
		}, "unwound"},
		{"body raising StopAsyncIteration", func() *AsyncGenerator {
			return NewAsyncGenerator(func(y *AsyncYielder) error { y.Yield(1); return StopAsyncIteration })
		}, []astep{
			{op: "next", want: 1},
			{op: "next", wantErr: "RuntimeError: async generator raised StopAsyncIteration"},
		}, ""},
		{"body raising StopIteration", func() *AsyncGenerator {
			return NewAsyncGenerator(func(y *AsyncYielder) error { panic(StopIteration) })
		}, []astep{{op: "next", wantErr: "RuntimeError: async generator raised StopIteration"}}, ""},
		{"body returning an error", func() *AsyncGenerator {
			return NewAsyncGenerator(func(y *AsyncYielder) error { y.Yield(1); return Raise("ValueError", "late") })
		}, []astep{
			{op: "next", want: 1}, {op: "next", wantErr: "ValueError: late"},
			{op: "next", wantErr: "StopAsyncIteration"},
		}, ""},
		{"body panic with non-error", func() *AsyncGenerator {
			return NewAsyncGenerator(func(y *AsyncYielder) error { panic("boom") })
		}, []astep{{op: "next", wantErr: "panic: boom"}, {op: "close"}}, ""},
		{"runtime error in body", func() *AsyncGenerator {
			//lint:ignore SA5000 the body's runtime error is what is tested
			return NewAsyncGenerator(func(y *AsyncYielder) error { var m map[string]int; m["a"] = 1; return nil })
		}, []astep{{op: "next", wantErr: "assignment to entry in nil map"}}, ""},
	}
	modes := []struct {
		name string
		run  func(func())
	}{
		{"outside a task", func(f func()) { f() }},
		{"in a task", func(f func()) {
			if _, err := Run(f); err != nil {
				t.Error(err)
			}
		}},
	}
	for _, m := range modes {
		for _, c := range cases {
			t.Run(m.name+"/"+c.name, func(t *testing.T) {
				r.lines = nil
				m.run(func() { runASteps(t, c.gen(), c.steps) })
				if got := r.String(); got != c.log {
					t.Errorf("log %q, want %q", got, c.log)
				}
			})
		}
	}
}

// Two async generators consumed by two tasks interleave at their awaits,
// as asyncio's do; a blocking sleep holds the hub, and then the consumers
// only alternate at the hand-offs.
func TestAsyncGeneratorsInterleave(t *testing.T) {
	blocking := func(d time.Duration) error { time.Sleep(d); return nil }
	patched := func(d time.Duration) error { TimeSleep(d); return nil }
	cases := []struct {
		name  string
		sleep func(time.Duration) error
		patch bool
		want  string
	}{
		{"Sleep", Sleep, false, "a0 b0 a1 a2 b1"},
		{"time.Sleep after PatchAll", patched, true, "a0 b0 a1 a2 b1"},
		{"time.Sleep holds the hub", blocking, false, "a0 b0 a1 b1 a2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.patch {
				PatchAll()
				defer Unpatch()
			}
			var r recorder
			start := time.Now()
			var times []string
			consume := func(name string, ag *AsyncGenerator) error {
				return AForEach(ag, func(v any) bool {
					r.add("%s%v", name, v)
					times = append(times, time.Since(start).Round(time.Millisecond).String())
					return true
				})
			}
			res, err := Run(func() ([]any, error) {
				return Gather(Async(consume, "a", ticker("a", 10*time.Millisecond, 3, c.sleep)),
					Async(consume, "b", ticker("b", 100*time.Millisecond, 2, c.sleep)))
			})
			t.Logf("%s at %v, total %v", r.String(), times, time.Since(start).Round(time.Millisecond))
			if err != nil || res.([]any)[0] != nil || res.([]any)[1] != nil {
				t.Fatalf("Run = %v, %v", res, err)
			}
			if got := r.String(); got != c.want {
				t.Fatalf("order %q, want %q", got, c.want)
			}
		})
	}
}

// ANext outside any task runs the hub while it waits: a spawned task makes
// progress while the body sleeps. The body itself runs as a task.
func TestAsyncGeneratorOutsideTask(t *testing.T) {
	var r recorder
	var inside string
	var inTask bool
	ag := NamedAsyncGenerator("slow", func(y *AsyncYielder) error {
		inside, inTask = GetCurrent().String(), InTask()
		Sleep(20 * time.Millisecond)
		r.add("yield")
		y.Yield(1)
		return nil
	})
	Spawn(func() { Sleep(time.Millisecond); r.add("task") })
	if v, err := ag.ANext(); v != 1 || err != nil {
		t.Fatalf("ANext = %v, %v", v, err)
	}
	if got := r.String(); got != "task yield" {
		t.Fatalf("order %q", got)
	}
	if !strings.HasPrefix(inside, "<Greenlet at 0x") || !strings.HasSuffix(inside, ": slow>") || !inTask || InTask() {
		t.Fatalf("body's task %s (in task %v)", inside, inTask)
	}
	if !strings.HasPrefix(ag.String(), "<async_generator object slow at 0x") || TypeName(ag) != "async_generator" {
		t.Fatalf("String %q, TypeName %q", ag.String(), TypeName(ag))
	}
	if _, err := ag.ANext(); !errors.Is(err, StopAsyncIteration) {
		t.Fatalf("second ANext: %v", err)
	}
}

func TestAsyncGeneratorAlreadyRunning(t *testing.T) {
	var ag *AsyncGenerator
	var inner error
	ag = NewAsyncGenerator(func(y *AsyncYielder) error {
		_, inner = ag.ANext()
		y.Yield(1)
		return nil
	})
	if v, err := ag.ANext(); v != 1 || err != nil {
		t.Fatalf("ANext = %v, %v", v, err)
	}
	if inner == nil || inner.Error() != "RuntimeError: anext(): asynchronous generator is already running" {
		t.Fatalf("ANext from the body: %v", inner)
	}
	if err := ag.AClose(); err != nil {
		t.Fatal(err)
	}

	slow := ticker("slow", time.Hour, 2, Sleep)
	_, err := Run(func() error {
		if _, err := slow.ANext(); err != nil {
			return err
		}
		first := CreateTask(slow.ANext) // waits an hour for the body
		Sleep(0)
		_, errNext := slow.ANext()
		errClose := slow.AClose()
		_, errThrow := slow.AThrow(ValueError)
		first.Cancel()
		first.Join()
		for _, e := range []error{errNext, errClose, errThrow} {
			if e == nil || !strings.HasSuffix(e.Error(), "(): asynchronous generator is already running") {
				t.Errorf("a second caller got %v", e)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Cancelling the task that waits in ANext cancels the body's await, as in
// asyncio, where the body runs inside the awaiting task.
func TestAsyncGeneratorCancelPassesToBody(t *testing.T) {
	var bodyErr error
	ag := NewAsyncGenerator(func(y *AsyncYielder) error {
		y.Yield(0)
		bodyErr = Sleep(time.Hour)
		return bodyErr
	})
	_, err := Run(func() error {
		ag.ANext()
		consumer := CreateTask(ag.ANext)
		Sleep(0)
		consumer.Cancel()
		if _, err := consumer.Await(); !errors.Is(err, CancelledError) {
			t.Errorf("consumer: %v", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err := ag.ANextCtx(ctx) // the step the consumer left: how it ended
		if !errors.Is(err, CancelledError) || !errors.Is(bodyErr, CancelledError) {
			t.Errorf("next ANext %v, body's Sleep %v", err, bodyErr)
			return nil // Run's end cancels the body
		}
		_, err = ag.ANext()
		return err
	})
	if !errors.Is(err, StopAsyncIteration) {
		t.Errorf("Run = %v", err)
	}
}

// Run's end closes the async generators first iterated in it (asyncio's
// shutdown_asyncgens).
func TestRunClosesAsyncGenerators(t *testing.T) {
	var r recorder
	ag := NewAsyncGenerator(func(y *AsyncYielder) error {
		defer r.add("closed")
		for i := 0; ; i++ {
			if _, err := y.YieldE(i); err != nil {
				r.add("got %v", err)
				return nil
			}
		}
	})
	if _, err := Run(func() { ag.ANext() }); err != nil {
		t.Fatal(err)
	}
	if got := r.String(); got != "got GeneratorExit closed" {
		t.Fatalf("log %q", got)
	}
	if _, err := ag.ANext(); !errors.Is(err, StopAsyncIteration) {
		t.Fatalf("ANext after Run: %v", err)
	}
}

// Run's end and KillAll cancel the tasks in map order: the body's task
// before or after the task consuming it. Either way a body that lets the
// cancellation of its await pass and yields again is closed, and both
// tasks end.
func TestCancelledBodyThatYieldsAgainIsClosed(t *testing.T) {
	for _, bodyFirst := range []bool{true, false} {
		deaf := ticker("deaf", time.Hour, 1<<30, func(d time.Duration) error { Sleep(d); return nil })
		var consumer *Task
		Spawn(func() {
			consumer = CreateTask(AForEach, deaf, func(any) bool { return true })
			Sleep(time.Millisecond) // the consumer waits for the body, which sleeps
		}).Join()
		order := []*Task{deaf.c.task, consumer}
		if !bodyFirst {
			order[0], order[1] = order[1], order[0]
		}
		for _, task := range order { // what Run's end does
			task.Cancel()
			if task.Join(5 * time.Second); !task.Done() {
				t.Fatalf("body first %v: %s did not end", bodyFirst, task)
			}
		}
		if _, err := deaf.ANext(); !errors.Is(err, StopAsyncIteration) {
			t.Fatalf("body first %v: ANext after: %v", bodyFirst, err)
		}
	}
}

func TestAsyncGeneratorGarbageIsClosed(t *testing.T) {
	done := make(chan struct{})
	func() {
		ag := NewAsyncGenerator(func(y *AsyncYielder) error {
			defer close(done)
			for {
				y.Yield(1)
			}
		})
		ag.ANext()
	}()
	for i := 0; i < 100; i++ {
		runtime.GC()
		Sleep(time.Millisecond) // the hub's next turn, when the body unwinds
		select {
		case <-done:
			return
		default:
		}
	}
	t.Fatal("an abandoned suspended async generator was not closed")
}

// countdown is an AsyncIterator that is not an *AsyncGenerator.
type countdown struct{ n int }

func (c *countdown) ANext() (any, error) {
	if c.n == 0 {
		return nil, StopAsyncIteration
	}
	c.n--
	return c.n, nil
}

func TestACollectAndAForEach(t *testing.T) {
	nap := func(time.Duration) error { return Sleep(time.Millisecond) }
	cases := []struct {
		name    string
		it      func() AsyncIterator
		pred    any
		want    string
		wantErr string
	}{
		{"async comprehension with a filter", func() AsyncIterator { return ticker("t", 0, 5, nap) },
			func(i int) int { return i % 2 }, "[1, 3]", ""},
		{"no filter", func() AsyncIterator { return ticker("t", 0, 3, nap) }, nil, "[0, 1, 2]", ""},
		{"empty", func() AsyncIterator { return ticker("t", 0, 0, nap) }, nil, "[]", ""},
		{"other async iterator", func() AsyncIterator { return &countdown{3} }, func(v any) bool { return v != 1 }, "[2, 0]", ""},
		{"error from the body", func() AsyncIterator {
			return NewAsyncGenerator(func(y *AsyncYielder) error { y.Yield(1); return KeyError })
		}, nil, "", "KeyError"},
		{"error from the filter", func() AsyncIterator { return ticker("t", 0, 3, nap) },
			func(v any) (bool, error) { return false, ValueError }, "", "ValueError"},
		{"filter not callable", func() AsyncIterator { return ticker("t", 0, 3, nap) }, 3, "", "TypeError: 'int' object is not callable"},
		{"nil iterator", func() AsyncIterator { return nil }, nil, "",
			"TypeError: 'async for' requires an object with __aiter__ method, got NoneType"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := c.it()
			l, err := ACollect(it, c.pred)
			if ag, ok := it.(*AsyncGenerator); ok {
				defer ag.AClose()
			}
			if c.wantErr != "" {
				if err == nil || err.Error() != c.wantErr {
					t.Fatalf("ACollect error %v, want %s", err, c.wantErr)
				}
				return
			}
			if err != nil || l.String() != c.want {
				t.Fatalf("ACollect = %v, %v; want %s", l, err, c.want)
			}
		})
	}

	// AForEach's break leaves the generator suspended.
	ag := ticker("t", 0, 5, nap)
	var seen []any
	err := AForEach(ag, func(v any) bool { seen = append(seen, v); return v.(int) < 1 })
	if err != nil || len(seen) != 2 {
		t.Fatalf("AForEach = %v, saw %v", err, seen)
	}
	if v, err := ag.ANext(); v != 2 || err != nil {
		t.Fatalf("ANext after break = %v, %v", v, err)
	}
	if err := ag.AClose(); err != nil {
		t.Fatal(err)
	}
}
