package cell_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// BenchmarkParse parses a cell of 300 lines mixing every rewrite.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("import \"fmt\"\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&sb, "x%d := %d\nfmt.Println(x%d)\nfunc f%d() int { for i := range 3 { defer fmt.Print(i) }; return x%d }\n", i, i, i, i, i)
	}
	src := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cell.Parse("cell[1]", src, cell.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
