package engine

import (
	"context"
	"testing"
)

// BenchmarkSnapshot measures what the worker pays after every cell: a
// snapshot of a session with ten small plain vars, a 10,000-element slice,
// a map of 1,000 entries and two vars that are not plain data.
func BenchmarkSnapshot(b *testing.B) {
	s := newTestSession(b)
	out := s.Exec(context.Background(), "cell[1]", `type point struct{ X, Y int }
a, b, c, d, e := 1, 2.5, "three", true, []string{"x", "y"}
f, g, h, i, j := point{1, 2}, []int{1, 2, 3}, map[string]int{"k": 1}, int64(7), "ten"
big := make([]int, 10000)
m := map[int]string{}
for k := 0; k < 1000; k++ { m[k] = "v" }
ch := make(chan int)
p := &point{}`)
	if out.Err != nil {
		b.Fatal(out.Err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if v, _ := s.Snapshot(); len(v) != 12 {
			b.Fatalf("%d values", len(v))
		}
	}
}

// BenchmarkSnapshotSmall is BenchmarkSnapshot for a lesson-sized session:
// ten small vars.
func BenchmarkSnapshotSmall(b *testing.B) {
	s := newTestSession(b)
	out := s.Exec(context.Background(), "cell[1]", `type point struct{ X, Y int }
a, b, c, d, e := 1, 2.5, "three", true, []string{"x", "y"}
f, g, h, i, j := point{1, 2}, []int{1, 2, 3}, map[string]int{"k": 1}, int64(7), "ten"`)
	if out.Err != nil {
		b.Fatal(out.Err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if v, _ := s.Snapshot(); len(v) != 10 {
			b.Fatalf("%d values", len(v))
		}
	}
}
