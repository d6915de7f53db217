package engine

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"testing"
)

// liveHeap is the live heap after full GC cycles (finalizers run between
// them, so what they release is counted as freed).
func liveHeap() uint64 {
	for range 4 {
		runtime.GC()
	}
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// A session does not keep the code of cells that have run: yaegi's roots
// and its scopes' child lists (roots.go) used to hold 9–17 KiB per cell
// like these; what remains per cell is yaegi's (a slot of the global frame,
// the file's line table). A cell that declares a global var again keeps
// more: yaegi gives it a new slot and the old one keeps its old value.
func TestCellsDoNotKeepTheirCode(t *testing.T) {
	const cells, perCell = 300, 3 << 10
	for _, code := range []string{
		"_ = fmt.Sprint(%d)",
		"for j := 0; j < 10; j++ { _ = fmt.Sprint(j + %d) }",
		"func() { _ = fmt.Sprint(%d) }()",
	} {
		s := newTestSession(t)
		ctx := context.Background()
		s.Exec(ctx, "cell[1]", `import "fmt"`)
		run := func(from int) {
			for i := from; i < from+cells; i++ {
				if out := s.Exec(ctx, fmt.Sprintf("cell[%d]", i), fmt.Sprintf(code, i)); out.Err != nil {
					t.Fatal(errorText(out.Err))
				}
			}
		}
		run(2) // every kind of node compiled once
		h0 := liveHeap()
		run(2 + cells)
		h1 := liveHeap()
		runtime.KeepAlive(s)
		if grew := (int64(h1) - int64(h0)) / cells; grew > perCell {
			t.Errorf("%q: the live heap grew %d B per cell, want at most %d", code, grew, perCell)
		}
	}
}
