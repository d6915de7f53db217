package coro

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fib is the seeds' generator: yields the first n Fibonacci numbers, returns "done".
func fib(n int) *Generator {
	return NamedGenerator("fib", func(y *Yielder) any {
		a, b := 0, 1
		for i := 0; i < n; i++ {
			y.Yield(b)
			a, b = b, a+b
		}
		return "done"
	})
}

// step is one operation on a generator and what it must produce.
type step struct {
	op      string // next, send, throw, close, state
	arg     any
	want    any
	wantErr string // "" = no error; matched against err.Error()
	stopVal any    // for StopIteration: the value it must carry
}

func runSteps(t *testing.T, g *Generator, steps []step) {
	t.Helper()
	for i, s := range steps {
		var v any
		var err error
		switch s.op {
		case "next":
			v, err = g.Next()
		case "send":
			v, err = g.Send(s.arg)
		case "throw":
			v, err = g.Throw(s.arg.(error))
		case "close":
			err = g.Close()
		case "state":
			if got := g.State().String(); got != s.want {
				t.Fatalf("step %d: state = %s, want %s", i, got, s.want)
			}
			continue
		}
		if s.wantErr == "" {
			if err != nil {
				t.Fatalf("step %d (%s): unexpected error %v", i, s.op, err)
			}
			if v != s.want {
				t.Fatalf("step %d (%s) = %v, want %v", i, s.op, v, s.want)
			}
			continue
		}
		if err == nil || err.Error() != s.wantErr {
			t.Fatalf("step %d (%s): error %v, want %q", i, s.op, err, s.wantErr)
		}
		if sv, ok := StopValue(err); ok && sv != s.stopVal {
			t.Fatalf("step %d: StopIteration value %v, want %v", i, sv, s.stopVal)
		}
	}
}

func TestGeneratorProtocol(t *testing.T) {
	t.Parallel()
	echo := func() *Generator { // yields what it is sent, +1; returns the sum
		return NewGenerator(func(y *Yielder) any {
			sum := 0
			v := y.Yield(0)
			for v != nil {
				sum += v.(int)
				v = y.Yield(v.(int) + 1)
			}
			return sum
		})
	}
	catcher := func() *Generator { // catches ValueError and yields "caught"
		return NewGenerator(func(y *Yielder) any {
			for {
				_, err := y.YieldE(1)
				if errors.Is(err, ValueError) {
					if _, err := y.YieldE("caught"); err != nil {
						return "bye"
					}
					continue
				}
				if err != nil {
					panic(err)
				}
			}
		})
	}
	stubborn := func() *Generator { // ignores GeneratorExit
		return NewGenerator(func(y *Yielder) any {
			for {
				y.YieldE(1)
			}
		})
	}
	cases := []struct {
		name  string
		gen   func() *Generator
		steps []step
	}{
		{"fib next until StopIteration with value", func() *Generator { return fib(3) }, []step{
			{op: "state", want: "GEN_CREATED"},
			{op: "next", want: 1}, {op: "state", want: "GEN_SUSPENDED"},
			{op: "next", want: 1}, {op: "next", want: 2},
			{op: "next", wantErr: "StopIteration: done", stopVal: "done"},
			{op: "state", want: "GEN_CLOSED"},
			{op: "next", wantErr: "StopIteration", stopVal: nil},
		}},
		{"send values", echo, []step{
			{op: "send", arg: 5, wantErr: "TypeError: can't send non-None value to a just-started generator"},
			{op: "state", want: "GEN_CREATED"},
			{op: "send", arg: nil, want: 0},
			{op: "send", arg: 5, want: 6},
			{op: "send", arg: 10, want: 11},
			{op: "next", wantErr: "StopIteration: 15", stopVal: 15},
		}},
		{"throw uncaught ends generator", echo, []step{
			{op: "next", want: 0},
			{op: "throw", arg: Raise("ValueError", "bad"), wantErr: "ValueError: bad"},
			{op: "state", want: "GEN_CLOSED"},
			{op: "next", wantErr: "StopIteration"},
			{op: "throw", arg: ValueError, wantErr: "ValueError"},
		}},
		{"throw caught yields again", catcher, []step{
			{op: "next", want: 1},
			{op: "throw", arg: ValueError, want: "caught"},
			{op: "next", want: 1},
			{op: "close"},
			{op: "state", want: "GEN_CLOSED"},
		}},
		{"throw into unstarted generator", echo, []step{
			{op: "throw", arg: KeyError, wantErr: "KeyError"},
			{op: "state", want: "GEN_CLOSED"},
			{op: "next", wantErr: "StopIteration"},
		}},
		{"close suspended", echo, []step{
			{op: "next", want: 0},
			{op: "close"}, {op: "state", want: "GEN_CLOSED"},
			{op: "close"},
			{op: "next", wantErr: "StopIteration"},
		}},
		{"close unstarted", echo, []step{{op: "close"}, {op: "state", want: "GEN_CLOSED"}, {op: "next", wantErr: "StopIteration"}}},
		{"yield after GeneratorExit", stubborn, []step{
			{op: "next", want: 1},
			{op: "close", wantErr: "RuntimeError: generator ignored GeneratorExit"},
			{op: "state", want: "GEN_CLOSED"},
		}},
		{"body raising StopIteration (PEP 479)", func() *Generator {
			return NewGenerator(func(y *Yielder) any { y.Yield(1); panic(StopIteration) })
		}, []step{
			{op: "next", want: 1},
			{op: "next", wantErr: "RuntimeError: generator raised StopIteration"},
		}},
		{"body panic with non-error", func() *Generator {
			return NewGenerator(func(y *Yielder) any { panic("boom") })
		}, []step{{op: "next", wantErr: "panic: boom"}, {op: "state", want: "GEN_CLOSED"}}},
		{"runtime error in body", func() *Generator {
			//lint:ignore SA5000 the body's runtime error is what is tested
			return NewGenerator(func(y *Yielder) any { var m map[string]int; m["a"] = 1; return nil })
		}, []step{{op: "next", wantErr: "assignment to entry in nil map"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runSteps(t, c.gen(), c.steps) })
	}
}

func TestGeneratorReentry(t *testing.T) {
	t.Parallel()
	var g *Generator
	var inner error
	var state GenState
	g = NewGenerator(func(y *Yielder) any {
		state = g.State()
		_, inner = g.Next()
		y.Yield(1)
		return nil
	})
	if v, err := g.Next(); err != nil || v != 1 {
		t.Fatalf("Next = %v, %v", v, err)
	}
	if inner == nil || inner.Error() != "ValueError: generator already executing" {
		t.Fatalf("re-entrant Next error = %v", inner)
	}
	if state != GenRunning {
		t.Fatalf("state inside body = %v", state)
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestGeneratorCloseRunsDefers(t *testing.T) {
	t.Parallel()
	var log []string
	g := NewGenerator(func(y *Yielder) any {
		defer func() { log = append(log, "finally") }()
		y.Yield(1)
		log = append(log, "after")
		return nil
	})
	g.Next()
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(log, ",") != "finally" {
		t.Fatalf("log = %v", log)
	}
}

func TestGeneratorGarbageIsClosed(t *testing.T) {
	t.Parallel()
	done := make(chan struct{})
	func() {
		g := NewGenerator(func(y *Yielder) any {
			defer close(done)
			for {
				y.Yield(1)
			}
		})
		g.Next()
	}()
	for i := 0; i < 100; i++ {
		runtime.GC()
		select {
		case <-done:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("an abandoned suspended generator was not closed")
}

func TestGeneratorString(t *testing.T) {
	t.Parallel()
	s := fib(1).String()
	if !strings.HasPrefix(s, "<generator object fib at 0x") || !strings.HasSuffix(s, ">") {
		t.Fatalf("String = %q", s)
	}
	if got := fmt.Sprint(GenSuspended); got != "GEN_SUSPENDED" {
		t.Fatalf("GenSuspended prints %q", got)
	}
}
