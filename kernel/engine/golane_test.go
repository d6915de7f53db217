package engine

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/isync"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/pkg/timeline"
)

// Under a timeline, goroutines a cell starts with `go worker(…)` get lanes
// named after the function, which end when they return; their waits on the
// cells' sync.Mutex show on those lanes.
func TestGoLanesNamedAndMutexWaits(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	s, err := New(Options{Stdout: null, Stderr: null,
		Symbols: append(pkgsyms.Tables(), isync.Symbols()), Preload: pkgsyms.Preload()})
	if err != nil {
		t.Fatal(err)
	}
	r, err := timeline.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Stop()
	cells := []string{
		"import \"sync\"\nvar mu sync.Mutex\nvar wg sync.WaitGroup\n" +
			"func worker(id int) { defer wg.Done(); mu.Lock(); mu.Unlock() }",
		"mu.Lock()\nwg.Add(2)\ngo worker(1)\ngo worker(2)",
		"mu.Unlock()\nwg.Wait()",
	}
	for i, c := range cells {
		if i == 2 { // both workers wait for the lock main holds
			err := r.WaitUntil(context.Background(), func(es []timeline.Event) bool {
				n := 0
				for _, e := range es {
					if e.State == timeline.WaitLock {
						n++
					}
				}
				return n == 2
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if out := s.Exec(context.Background(), "cell[1]", c); out.Err != nil {
			t.Fatalf("cell %q: %s", c, errorText(out.Err))
		}
	}
	if err := r.WaitUntil(context.Background(), func(es []timeline.Event) bool {
		n := 0
		for _, e := range es {
			if e.State == timeline.End {
				n++
			}
		}
		return n == 2
	}); err != nil {
		t.Fatal(err)
	}
	r.Stop()
	lanes := r.Lanes()
	byLane := map[string][]timeline.State{}
	for _, e := range r.Events() {
		l := lanes[e.Lane]
		if e.State == timeline.WaitLock && !strings.HasPrefix(e.Note, "sync.Mutex") {
			t.Errorf("%s waits on %q", l, e.Note)
		}
		byLane[l] = append(byLane[l], e.State)
	}
	want := []timeline.State{timeline.Run, timeline.WaitLock, timeline.Run, timeline.End}
	for _, l := range []string{"worker", "worker #2"} {
		if !slices.Equal(byLane[l], want) {
			t.Errorf("lane %q: %v, want %v (lanes %q)", l, byLane[l], want, lanes)
		}
	}
}

// The cost of starting a goroutine on a named function (with the lane
// hook) against a function literal (without), no timeline recording.
func BenchmarkGoStatement(b *testing.B) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer null.Close()
	s, err := New(Options{Stdout: null, Stderr: null, Symbols: append(pkgsyms.Tables(), isync.Symbols()), Preload: pkgsyms.Preload()})
	if err != nil {
		b.Fatal(err)
	}
	decl := "import \"sync\"\nvar wg sync.WaitGroup\nfunc worker(i int) { wg.Done() }"
	if out := s.Exec(context.Background(), "cell[1]", decl); out.Err != nil {
		b.Fatal(errorText(out.Err))
	}
	for _, tc := range []struct{ name, cell string }{
		{"named", "for i := 0; i < 1000; i++ { wg.Add(1); go worker(i) }\nwg.Wait()"},
		{"literal", "for i := 0; i < 1000; i++ { wg.Add(1); go func(i int) { wg.Done() }(i) }\nwg.Wait()"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if out := s.Exec(context.Background(), "cell[2]", tc.cell); out.Err != nil {
					b.Fatal(errorText(out.Err))
				}
			}
		})
	}
}
