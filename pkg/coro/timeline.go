package coro

import (
	"strings"

	"github.com/gokernel/gokernel/pkg/timeline"
)

// The hook points through which coro reports to an active timeline (see
// pkg/timeline): the hub hands the baton to a fiber (traceRun), a fiber
// parks (tracePark), a task starts and ends on its goroutine (traceStart,
// traceEnd), and time.Sleep holds the baton (traceSleep). Each costs one
// atomic load while no timeline records.

// waitState is how a wait in the hub (blockAs) shows on a timeline.
type waitState = timeline.State

const (
	waitOther = timeline.Wait
	waitSleep = timeline.Sleep
	waitJoin  = timeline.WaitJoin
	waitQueue = timeline.WaitQueue
)

// traceGoid returns the caller's goroutine id while a timeline records, 0
// otherwise (an outside fiber remembers it for its lane).
func traceGoid() int64 {
	if timeline.Active() == nil {
		return 0
	}
	return timeline.Goid()
}

// laneName is the task's lane: its call ("f(5)", "doSomeWork(0.1)"), its
// SpawnNamed name, or "Task" for an anonymous awaitable.
func laneName(t *Task) string {
	if t.label != "" {
		return t.label
	}
	if strings.HasPrefix(t.name, "Task-0x") {
		return "Task"
	}
	return t.name
}

// traceRun: f was handed the baton. Called with the hub's mu held.
func traceRun(f *fiber) {
	r := timeline.Active()
	if r == nil {
		return
	}
	if t := f.task; t != nil {
		r.Actor(t, laneName(t), 0, timeline.Run, "")
	} else if f.goid != 0 {
		r.Goroutine(f.goid, timeline.Run, "")
	}
}

// tracePark: f gives up the baton to wait (state s, on note). Called with
// the hub's mu held.
func tracePark(f *fiber, s timeline.State, note string) {
	r := timeline.Active()
	if r == nil {
		return
	}
	if t := f.task; t != nil {
		r.Actor(t, laneName(t), 0, s, note)
	} else if f.goid != 0 {
		r.Goroutine(f.goid, s, note)
	}
}

// traceStart binds the task's goroutine to its lane, so that its prints
// and plain sleeps land there.
func traceStart(t *Task) {
	if r := timeline.Active(); r != nil {
		r.Actor(t, laneName(t), timeline.Goid(), timeline.Run, "")
	}
}

// traceEnd: the task has finished.
func traceEnd(t *Task) {
	if r := timeline.Active(); r != nil {
		r.Actor(t, laneName(t), 0, timeline.End, "")
	}
}

// traceSleep records a sleep of the calling goroutine that does not yield
// (time.Sleep before PatchAll, in threads, in the cell); the returned
// function records the wake-up.
func traceSleep() func() {
	r := timeline.Active()
	if r == nil {
		return func() {}
	}
	g := timeline.Goid()
	r.Goroutine(g, timeline.Sleep, "")
	return func() { r.Goroutine(g, timeline.Run, "") }
}
