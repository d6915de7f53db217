package coro

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestGreenletSeedExample(t *testing.T) {
	// greenlet's documentation example: test1 and test2 switch to each other.
	var r recorder
	var gr1, gr2 *Greenlet
	gr1 = NewGreenlet(func() {
		r.add("12")
		gr2.Switch()
		r.add("34")
	})
	gr2 = NewGreenlet(func() {
		r.add("56")
		gr1.Switch()
		r.add("78") // never reached: gr1 finishes and returns to main
	})
	gr1.Switch()
	if r.String() != "12 56 34" {
		t.Fatalf("got %q", r.String())
	}
	if !gr1.Dead() || gr2.Dead() {
		t.Fatalf("dead: gr1 %v gr2 %v", gr1.Dead(), gr2.Dead())
	}
	gr2.Kill()
	if !gr2.Dead() || r.String() != "12 56 34" {
		t.Fatalf("after Kill: dead %v log %q", gr2.Dead(), r.String())
	}
}

func TestGreenletValuesBothWays(t *testing.T) {
	// Producer/consumer passing items through switch (seed S3-23).
	var got []any
	var consumer *Greenlet
	producer := NewGreenlet(func() string {
		for i := 0; i < 3; i++ {
			consumer.Switch(i * 10)
		}
		return "produced"
	})
	consumer = NewGreenlet(func(first any) {
		item := first
		for {
			got = append(got, item)
			item = producer.Switch()
		}
	})
	v := producer.Switch()
	if v != "produced" || Repr(got) != "[0, 10, 20]" {
		t.Fatalf("return %v, consumed %v", v, got)
	}
	consumer.Kill()
	if !consumer.Dead() {
		t.Fatal("consumer not killed")
	}
}

func TestGreenletSwitchArgs(t *testing.T) {
	g := NewGreenlet(func(a, b int) any {
		x := CurrentGreenlet().Parent().Switch(a + b)
		return x
	})
	if v := g.Switch(1, 2); v != 3 {
		t.Fatalf("first switch returned %v", v)
	}
	if v := g.Switch("x", "y"); Repr(v) != "('x', 'y')" {
		t.Fatalf("tuple switch returned %v", v)
	}
	if !g.Dead() {
		t.Fatal("not dead")
	}
}

func TestGreenletPanicGoesToParent(t *testing.T) {
	g := NewGreenlet(func() { panic(Raise("ValueError", "in child")) })
	defer func() {
		r := recover()
		u, ok := r.(unwind)
		if !ok || !errors.Is(u.err, ValueError) {
			t.Fatalf("recovered %v", r)
		}
	}()
	g.Switch()
	t.Fatal("Switch did not panic")
}

func TestGreenletThrowUnstarted(t *testing.T) {
	g := NewGreenlet(func() { t.Error("ran") })
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("Throw into an unstarted greenlet did not raise in the parent")
		}
		if !g.Dead() {
			t.Fatal("not dead")
		}
	}()
	g.Throw(KeyError)
}

// The kernel's interrupt unwinds the main greenlet's Switch at once; the
// greenlet that was running finishes later, and what it hands back then
// does not leak into the main greenlet's next Switch.
func TestInterruptUnwindsMainGreenlet(t *testing.T) {
	ch := make(chan struct{})
	setInterrupt(ch)
	defer setInterrupt(nil)
	running, release := make(chan struct{}), make(chan struct{})
	slow := NewGreenlet(func() string {
		close(running)
		<-release // not a switch: it runs on until the test lets it return
		return "late"
	})
	go func() { <-running; close(ch) }()
	_, err := slow.SwitchCtx(context.Background())
	if err != ErrInterrupted {
		t.Fatalf("Switch = %v, want ErrInterrupted", err)
	}
	if slow.Dead() {
		t.Fatal("the interrupt waited for the greenlet to finish")
	}
	setInterrupt(nil)
	close(release)
	// Its return lands in the main greenlet's mailbox, for the wait the
	// interrupt abandoned.
	for len(rootGreenlet.in) == 0 {
		runtime.Gosched()
	}
	if v := NewGreenlet(func() string { return "fresh" }).Switch(); v != "fresh" {
		t.Fatalf("next Switch = %v, want fresh", v)
	}
	if CurrentGreenlet() != rootGreenlet {
		t.Fatal("the main greenlet is not current")
	}
}

// A greenlet prints with its address and run function, as greenlet does,
// so two greenlets of one function are told apart.
func TestGreenletString(t *testing.T) {
	var inside string
	var g1 *Greenlet
	run := func() any { inside = g1.String(); return "done" }
	g1, g2 := NewGreenlet(Named("test1", run)), NewGreenlet(Named("test1", run))
	want := "<greenlet.greenlet object at " + ptr(g1) + " (test1) unstarted>"
	if g1.String() != want || g1.String() == g2.String() {
		t.Fatalf("%s / %s, want %s", g1, g2, want)
	}
	if v := g1.Switch(); v != "done" || !strings.HasSuffix(g1.String(), " (test1) dead>") {
		t.Fatalf("after run: %v %s", v, g1)
	}
	if !strings.HasSuffix(inside, " (test1) current>") {
		t.Fatalf("inside its run: %s", inside)
	}
	if s := CurrentGreenlet().String(); !strings.HasSuffix(s, " (main) main>") {
		t.Fatalf("main greenlet %s", s)
	}
}
