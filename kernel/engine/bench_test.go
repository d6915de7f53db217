package engine

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkExecSmallCell measures one trivial cell: parse, compile, run,
// render the value, run the cell's defers. yaegi's global frame grows with
// every cell and each run copies it, so the cost grows with the length of
// a session; the benchmark starts a new session every 500 cells.
func BenchmarkExecSmallCell(b *testing.B) {
	ctx := context.Background()
	var s *Session
	i := 0
	for b.Loop() {
		if i%500 == 0 {
			b.StopTimer()
			s = newTestSession(b)
			if out := s.Exec(ctx, "cell[1]", "x := 1"); out.Err != nil {
				b.Fatal(errorText(out.Err))
			}
			b.StartTimer()
		}
		i++
		if out := s.Exec(ctx, "cell[2]", "x + 1"); out.Err != nil || out.Value == nil {
			b.Fatal(errorText(out.Err))
		}
	}
}

// BenchmarkNew measures creating a Session: an interpreter with the
// standard library's symbols and the prelude.
func BenchmarkNew(b *testing.B) {
	null := newTestSession(b).opts.Stdout
	for b.Loop() {
		if _, err := New(Options{Stdout: null, Stderr: null}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild measures redefining a func that others use, in a
// session of 40 declarations: a fresh interpreter and a replay.
func BenchmarkRebuild(b *testing.B) {
	s := newTestSession(b)
	ctx := context.Background()
	cells := []string{"func base() int { return 1 }"}
	for i := range 13 {
		cells = append(cells, fmt.Sprintf("func f%d() int { return base() + %d }\nv%d := f%d()\ntype t%d struct{ A, B int }", i, i, i, i, i))
	}
	for i, c := range cells {
		if out := s.Exec(ctx, fmt.Sprintf("cell[%d]", i+1), c); out.Err != nil {
			b.Fatal(errorText(out.Err))
		}
	}
	i := 0
	for b.Loop() {
		i++
		out := s.Exec(ctx, "cell[99]", fmt.Sprintf("func base() int { return %d }", i))
		if out.Err != nil {
			b.Fatal(errorText(out.Err))
		}
	}
}
