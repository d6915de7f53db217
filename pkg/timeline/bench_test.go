package timeline_test

import (
	"testing"

	"github.com/gokernel/gokernel/pkg/timeline"
)

// BenchmarkEventOff is the cost of a hook while no timeline records.
func BenchmarkEventOff(b *testing.B) {
	for b.Loop() {
		if r := timeline.Active(); r != nil {
			r.Actor(b, "x", 0, timeline.Run, "")
		}
	}
}

// BenchmarkEventOn is the cost of recording one event of a known actor (a
// thread starting, a task handed the hub, a lock wait: what mt and coro
// record), including the clock reading.
func BenchmarkEventOn(b *testing.B) {
	r, err := timeline.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer r.Stop()
	states := []timeline.State{timeline.Run, timeline.Sleep}
	i := 0
	for b.Loop() {
		if r := timeline.Active(); r != nil {
			r.Actor(b, "x", 0, states[i&1], "")
		}
		i++
	}
}

// BenchmarkEventGoroutine records an event of the calling goroutine (a
// lock wait, a plain sleep, a printed line): the goroutine id lookup
// dominates.
func BenchmarkEventGoroutine(b *testing.B) {
	r, err := timeline.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer r.Stop()
	for b.Loop() {
		r.Goroutine(0, timeline.Sleep, "")
	}
}
