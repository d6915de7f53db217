package coro

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// `yield from asyncio.sleep(d)` and `yield from task` in a generator-based
// coroutine: From hands the awaitable to the driving coroutine and returns
// what it sends back; the two countdowns interleave as in asyncio.
func TestGenCoroutineYieldFromFuture(t *testing.T) {
	r := &recorder{}
	countdown := func(name string, n int) *Coroutine {
		return GenCoroutine(func(y *Yielder) any {
			for ; n > 0; n-- {
				r.add("%s%d", name, n)
				if v := y.From(SleepFuture(5 * time.Millisecond)); v != nil {
					r.add("sent %s", Repr(v))
				}
			}
			return name
		})
	}
	tasks := []*Task{EnsureFuture(countdown("A", 2)), EnsureFuture(countdown("B", 4))}
	loop := NewEventLoop()
	if _, err := loop.RunUntilComplete(Async(Wait, tasks)); err != nil {
		t.Fatal(err)
	}
	if got := r.String(); got != "A2 B4 A1 B3 B2 B1" {
		t.Fatalf("order %q", got)
	}
	for i, want := range []string{"A", "B"} {
		if v, err := tasks[i].Result(); v != want || err != nil {
			t.Fatalf("task %d: %v, %v", i, v, err)
		}
	}
	// a finished task is not yielded: From returns its result at once
	body := GenCoroutine(func(y *Yielder) any { return y.From(tasks[1]) })
	if v, err := Run(body); v != "B" || err != nil {
		t.Fatalf("From(done task) = %v, %v", v, err)
	}
	// an awaitable's exception is raised in the body
	failing := NewFuture()
	failing.SetException(raisef(ValueError, "bad"))
	caught := GenCoroutine(func(y *Yielder) any {
		f := NewFuture()
		Spawn(func() { f.SetException(raisef(ValueError, "later")) })
		_, err := y.FromE(f)
		_, err2 := y.FromE(failing)
		return fmt.Sprint(err, "; ", err2)
	})
	if v, err := Run(caught); v != "ValueError: later; ValueError: bad" || err != nil {
		t.Fatalf("errors = %v, %v", v, err)
	}
}

// SleepFutures of the same length fire in the order they were made, as
// asyncio's call_later callbacks due at the same time do.
func TestSleepFuturesFireInOrder(t *testing.T) {
	const n = 200
	var order []int
	tasks := make([]*Task, n)
	futs := make([]*Future, n)
	for i := range tasks {
		tasks[i] = Spawn(func() {
			futs[i] = SleepFuture(time.Millisecond)
			futs[i].Await()
			order = append(order, i)
		})
	}
	JoinAll(tasks...)
	for i, v := range order {
		if v != i {
			t.Fatalf("future %d woke its task in place %d: %v", v, i, order)
		}
	}
	if len(order) != n || !futs[n-1].Done() {
		t.Fatalf("%d of %d woke", len(order), n)
	}
}

// An asyncio task's exception nobody retrieves is reported once, when the
// run that saw it end (RunUntilComplete, Run) is over, or at Close; a
// retrieved one is not.
func TestUnretrievedExceptionReported(t *testing.T) {
	out := captureReports(t)
	bad := GenCoroutine(func(y *Yielder) any { panic(raisef(TypeError, "bad yield")) })
	good := Async(func() int { return 1 })
	tasks := []*Task{EnsureFuture(bad), EnsureFuture(good)}
	loop := NewEventLoop()
	if _, err := loop.RunUntilComplete(Async(Wait, tasks)); err != nil {
		t.Fatal(err)
	}
	want := "Task exception was never retrieved\nfuture: <Task finished name='Task-" // then the address
	if got := out.String(); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, " exception=TypeError('bad yield')>\n") {
		t.Fatalf("report %q", got)
	}
	loop.Close()
	if strings.Count(out.String(), "never retrieved") != 1 {
		t.Fatalf("reported twice: %q", out)
	}
	// retrieved inside the run: no report
	again := EnsureFuture(Async(func() error { return ValueError }))
	Run(func() { again.Await() })
	gathered := Async(func() error { return ValueError })
	Run(func() { GatherReturnExceptions(gathered) })
	if strings.Count(out.String(), "never retrieved") != 1 {
		t.Fatalf("retrieved task reported: %q", out)
	}
	// failed before the loop closes, never run by RunUntilComplete: Close reports it
	loop = NewEventLoop()
	late := EnsureFuture(Async(func() error { return ValueError }))
	late.Join()
	loop.Close()
	if !strings.HasSuffix(out.String(), " exception=ValueError()>\n") || strings.Count(out.String(), "never retrieved") != 2 {
		t.Fatalf("Close: %q", out)
	}
}

// A gevent greenlet that dies of an exception says so on stderr when it
// ends; cancelled and killed ones do not.
func TestGreenletFailureReported(t *testing.T) {
	out := captureReports(t)
	g := Spawn(func(n int) error { return raisef(ValueError, "n=%d", n) }, 5)
	k := Spawn(func() { Sleep(time.Hour) })
	g.Join()
	k.Kill()
	want := "ValueError: n=5\n<Greenlet at " + ptr(g) + ": coro.TestGreenletFailureReported.func1(5)> failed with ValueError\n"
	if got := out.String(); got != want {
		t.Fatalf("report %q, want %q", got, want)
	}
	if g.Successful() || !errors.Is(g.Err(), ValueError) {
		t.Fatal("the exception must stay on the greenlet")
	}
}
