package isync

import (
	"github.com/gokernel/gokernel/pkg/timeline"
)

// The hooks through which the cells' sync types report to an active
// timeline (display.Timeline): a goroutine that blocks in Lock, RLock or
// Wait shows as waiting on its lane until the call returns. Each costs one
// atomic load while no timeline records.

// traceWait is timeline.Blocked.
var traceWait = timeline.Blocked

// traceLockWait is traceWait for a lock named what whose holder, if
// known, is goroutine holder: the note says whose lane holds it, so that
// a deadlock reads as two lanes each waiting for the other.
func traceLockWait(what string, holder int64) func() {
	r := timeline.Active()
	if r == nil {
		return func() {}
	}
	if name, ok := r.LaneOf(holder); ok && holder != 0 {
		what += " held by " + name
	}
	return timeline.Blocked(timeline.WaitLock, what)
}

// tracedHolder returns the calling goroutine's id while a timeline
// records (the new holder of a lock), 0 otherwise.
func tracedHolder() int64 {
	if timeline.Active() == nil {
		return 0
	}
	return timeline.Goid()
}
