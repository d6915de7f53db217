package engine

import "github.com/gokernel/gokernel/pkg/timeline"

// goStart is the prelude's _gkGoStart: `go f(…)` on a named function calls
// it, with that name, before starting the goroutine. While a timeline
// records it returns the function the new goroutine runs first: it gives
// the goroutine a lane named after the function ("worker", then "worker
// #2" for the next) instead of "goroutine N", and returns the function the
// goroutine runs when it returns, which ends the lane. Otherwise it
// returns nil after one atomic load.
func goStart(name string) func() func() {
	if timeline.Active() == nil {
		return nil
	}
	return func() func() {
		r := timeline.Active()
		if r == nil {
			return nop
		}
		key := new(goLane)
		r.Actor(key, name, timeline.Goid(), timeline.Run, "")
		return func() { r.Actor(key, name, 0, timeline.End, "") }
	}
}

// goLane is the lane key of one goroutine started with a name.
type goLane struct{ _ byte }

func nop() {}
