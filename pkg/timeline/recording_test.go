package timeline_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/pkg/timeline"
)

func TestEventsInOrderAndLanes(t *testing.T) {
	r := timeline.New(logical())
	a, b := new(int), new(int)
	r.Actor(a, "f(5)", 11, timeline.Run, "")
	r.Actor(b, "f(5)", 12, timeline.Run, "")
	r.Goroutine(11, timeline.Sleep, "")     // a's goroutine
	r.Printed(12, "hello\n")                // b's goroutine
	r.Goroutine(13, timeline.WaitLock, "m") // an unknown goroutine gets a lane
	r.Actor(a, "f(5)", 0, timeline.End, "")
	r.Goroutine(11, timeline.Run, "") // a's goroutine id is free again: a new lane
	r.Stop()
	r.Actor(b, "f(5)", 0, timeline.End, "") // after Stop: ignored
	if got, want := r.Lanes(), []string{"f(5)", "f(5) #2", "goroutine 1", "goroutine 2"}; !slices.Equal(got, want) {
		t.Fatalf("lanes %q, want %q", got, want)
	}
	var got []string
	for _, e := range r.Events() {
		got = append(got, r.Lanes()[e.Lane]+" "+e.State.String()+" "+e.Note)
	}
	want := []string{"f(5) run ", "f(5) #2 run ", "f(5) sleep ", "f(5) #2 print hello\n", "goroutine 1 wait lock m", "f(5) end ", "goroutine 2 run "}
	if !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
	for i, e := range r.Events() {
		if e.At != time.Duration(i+1)*time.Millisecond {
			t.Errorf("event %d at %v", i, e.At)
		}
	}
	if text := r.Text(); !strings.HasPrefix(text, "timeline: 4 lanes, 8ms\nf(5)        run 2ms, sleep 3ms\n") {
		t.Errorf("text %q", text)
	}
}

func TestOneRecordingAtATime(t *testing.T) {
	r, err := timeline.Start()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := timeline.Start(); err != timeline.ErrActive {
		t.Errorf("second Start: %v", err)
	}
	r.Stop()
	r.Stop()
	if timeline.Active() != nil {
		t.Error("still active after Stop")
	}
}

func TestMaxEvents(t *testing.T) {
	r := timeline.New(logical())
	for range timeline.MaxEvents + 5 {
		r.Actor(r, "x", 0, timeline.Run, "")
	}
	if n := len(r.Events()); n != timeline.MaxEvents || r.Dropped() != 5 {
		t.Errorf("%d events kept, %d dropped", n, r.Dropped())
	}
	if svg := r.SVG(); !strings.Contains(svg, ">5 events not recorded</text>") {
		t.Error("the chart does not say events were dropped")
	}
}

// LaneOf names the lane of a goroutine while it has one.
func TestLaneOf(t *testing.T) {
	r := timeline.New(logical())
	a := new(int)
	if _, ok := r.LaneOf(21); ok {
		t.Error("a lane before any event")
	}
	r.Actor(a, "Thread-1", 21, timeline.Run, "")
	r.Goroutine(22, timeline.Run, "")
	if got, ok := r.LaneOf(21); !ok || got != "Thread-1" {
		t.Errorf("LaneOf(21) = %q, %v", got, ok)
	}
	if got, ok := r.LaneOf(22); !ok || got != "goroutine 1" {
		t.Errorf("LaneOf(22) = %q, %v", got, ok)
	}
	r.Actor(a, "Thread-1", 0, timeline.End, "")
	if _, ok := r.LaneOf(21); ok {
		t.Error("an ended actor's goroutine keeps its lane")
	}
}
