package coro

import (
	"errors"
	"testing"
	"time"
)

// panicOf calls fn and returns what it panicked with.
func panicOf(fn func()) (r any) {
	defer func() { r = recover() }()
	fn()
	return nil
}

// interruptAfter sets a fresh interrupt signal and closes it after d.
func interruptAfter(d time.Duration) {
	ch := make(chan struct{})
	setInterrupt(ch)
	time.AfterFunc(d, func() { close(ch) })
}

func TestTimeSleepInterrupt(t *testing.T) {
	defer func() { setInterrupt(nil); setIsMain(nil) }()
	cases := []struct {
		name   string
		isMain func() bool
		want   any // what TimeSleep(time.Hour) panics with when interrupted
	}{
		{"cell code", func() bool { return true }, ErrInterrupted},
		{"another goroutine wakes without a panic on Release", func() bool { return false }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			setIsMain(c.isMain)
			interruptAfter(5 * time.Millisecond)
			if c.want == nil {
				time.AfterFunc(10*time.Millisecond, Release)
			}
			if got := panicOf(func() { TimeSleep(time.Hour) }); got != c.want {
				t.Fatalf("panic %v; want %v", got, c.want)
			}
		})
	}
}

// A task in a blocking time.Sleep (before PatchAll) is the one running:
// the interrupt ends it with KeyboardInterrupt. After PatchAll its sleep is
// a hub wait, frozen by the interrupt and ended by KillAll's cancellation,
// which panics out of TimeSleep so that the task's loop stops.
func TestTimeSleepInTasks(t *testing.T) {
	defer func() { setInterrupt(nil); Unpatch() }()
	loop := func() {
		for {
			TimeSleep(time.Hour)
		}
	}
	interruptAfter(5 * time.Millisecond)
	blocking := Spawn(loop)
	blocking.Join() // ends either way: the interrupt reaches both
	setInterrupt(nil)
	KillAll()
	if err := blocking.Err(); !errors.Is(err, ErrInterrupted) {
		t.Errorf("blocking sleeper ended with %v, want KeyboardInterrupt", err)
	}

	PatchAll()
	interruptAfter(5 * time.Millisecond)
	coop := Spawn(loop)
	if coop.Join(); coop.Done() {
		t.Fatal("Join ended normally")
	}
	setInterrupt(nil)
	KillAll()
	if !coop.Cancelled() {
		t.Errorf("cooperative sleeper: cancelled %v, err %v", coop.Cancelled(), coop.Err())
	}
}

func TestInterruptibleWaits(t *testing.T) {
	gate := NewFuture()
	task := Spawn(func() { gate.Await() })
	done := make(chan bool)
	go func() { task.Join(); done <- task.Done() }()
	deadline := time.Now().Add(5 * time.Second)
	for InterruptibleWaits() != 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := InterruptibleWaits(); n != 1 {
		t.Fatalf("while Join waits: %d interruptible waits, want 1", n)
	}
	gate.SetResult(nil)
	if !<-done {
		t.Fatal("Join failed")
	}
	if n := InterruptibleWaits(); n != 0 {
		t.Fatalf("after Join: %d interruptible waits", n)
	}
}

// A killed task that drops the CancelledError of its wait and waits again
// ends there (the second wait panics): the seed-style loop of unchecked
// Sleeps cannot outlive KillAll or Run.
func TestKillEndsTasksThatDropErrors(t *testing.T) {
	var r recorder
	loop := func(name string) {
		for i := 0; ; i++ {
			r.add("%s%d", name, i)
			Sleep(time.Millisecond) // error dropped
		}
	}
	a, b := Spawn(loop, "a"), Spawn(loop, "b")
	Sleep(3 * time.Millisecond)
	withinSeconds(t, "KillAll", KillAll)
	if !a.Cancelled() || !b.Cancelled() {
		t.Fatalf("cancelled: %v %v (errors %v, %v)", a.Cancelled(), b.Cancelled(), a.Err(), b.Err())
	}
	var ran bool
	withinSeconds(t, "Run", func() {
		Run(func() {
			CreateTask(loop, "c")
			Sleep(2 * time.Millisecond)
			ran = true
		})
	})
	if !ran || InterruptibleWaits() != 0 {
		t.Fatalf("Run: main ran %v", ran)
	}
	theHub.mu.Lock()
	left := len(theHub.tasks)
	theHub.mu.Unlock()
	if left != 0 {
		t.Fatalf("%d tasks left after Run", left)
	}
}

// In a cell's own code (IsMain) an interrupted wait panics, so the cell
// stops there; elsewhere it returns ErrInterrupted.
func TestInterruptedWaitPanicsInCellCode(t *testing.T) {
	defer func() { setInterrupt(nil); setIsMain(nil); KillAll() }()
	for _, inCell := range []bool{true, false} {
		setIsMain(func() bool { return inCell })
		interruptAfter(5 * time.Millisecond)
		var err error
		p := panicOf(func() { err = Sleep(time.Hour) })
		if inCell && (p != ErrInterrupted || err != nil) {
			t.Errorf("in a cell: panic %v, err %v; want a panic of ErrInterrupted", p, err)
		}
		if !inCell && (p != nil || err != ErrInterrupted) {
			t.Errorf("elsewhere: panic %v, err %v; want ErrInterrupted returned", p, err)
		}
		setInterrupt(nil)
	}
	// An async generator's step abandoned by the panic does not leave it
	// "already running" for the next caller.
	setIsMain(func() bool { return true })
	q := NewQueue(0)
	ag := NewAsyncGenerator(func(y *AsyncYielder) error {
		for {
			v, err := q.Get()
			if err != nil {
				return err
			}
			y.Yield(v)
		}
	})
	interruptAfter(5 * time.Millisecond)
	if p := panicOf(func() { ag.ANext() }); p != ErrInterrupted {
		t.Fatalf("ANext: panic %v", p)
	}
	setInterrupt(nil)
	q.PutNowait("next")
	if v, err := ag.ANext(); v != "next" || err != nil {
		t.Fatalf("ANext after the interrupt = %v, %v", v, err)
	}
	ag.AClose()
}
