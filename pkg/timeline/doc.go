// Package timeline records what concurrent actors — mt threads, coro tasks
// and greenlets, pool worker processes, plain goroutines — did and when
// during a block of code, and draws it as an SVG swim-lane chart: one lane
// per actor, a time axis, a colour per state (running, sleeping, waiting on
// a lock, a queue, a channel or a join, ended), printed lines as marks that
// show their text on hover.
//
// It is the recording seam of pkg/mt and pkg/coro: each of them reports its
// events from one file (timeline.go) through Active, which costs one atomic
// load when nothing records. display.Timeline is the notebook entry point:
//
//	display.Timeline(func() {
//		t1 := mt.NewThread(work, 1)
//		t1.Start()
//		t1.Join()
//	})
//
// At most one recording is active at a time, process-wide: events of every
// goroutine go to it, and only while it is active.
package timeline
