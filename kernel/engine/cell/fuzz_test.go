package cell_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// seedCells adds every cell of the golden and run test files to the corpus.
func seedCells(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*.txt")
	runs, _ := filepath.Glob("testdata/run/*.txt")
	for _, file := range append(files, runs...) {
		for _, s := range readSections(f, file) {
			if s.name == "cell" {
				f.Add(s.body)
			}
		}
	}
	for _, s := range []string{"", "x", "func", "func (", "for {", "`", "/*", "import (", "}{", "x := )", "defer", "go"} {
		f.Add(s)
	}
}

// FuzzParse checks that Parse never panics (its safety net would report an
// internal error), that errors have cell positions, and that the chunks of
// a cell that parses are valid Go for yaegi's parser.
func FuzzParse(f *testing.F) {
	seedCells(f)
	f.Fuzz(func(t *testing.T, src string) {
		c, err := cell.Parse("cell[7]", src, cell.Options{IsInt: func(string) bool { return true }})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("Parse(%q) panicked: %v", src, err)
			}
			e, ok := err.(*cell.Error)
			if !ok || len(e.List) == 0 {
				t.Fatalf("Parse(%q) error %T %v is not a non-empty *cell.Error", src, err, err)
			}
			for _, it := range e.List {
				if !strings.HasPrefix(it.Pos, "cell[7]:") || it.Line < 1 || it.Col < 1 {
					t.Fatalf("Parse(%q): bad position %+v", src, it)
				}
			}
			return
		}
		checkChunkSyntax(t, c, false)
	})
}

// FuzzIsComplete checks that IsComplete never panics and answers one of the
// three statuses, with an indent only for "incomplete".
func FuzzIsComplete(f *testing.F) {
	seedCells(f)
	f.Fuzz(func(t *testing.T, src string) {
		status, indent := cell.IsComplete(src)
		switch status {
		case "complete", "invalid":
			if indent != "" {
				t.Fatalf("IsComplete(%q) = %q with indent %q", src, status, indent)
			}
		case "incomplete":
		default:
			t.Fatalf("IsComplete(%q) = %q", src, status)
		}
		if status == "complete" {
			if _, err := cell.Parse("cell[1]", src, cell.Options{}); err != nil {
				t.Fatalf("IsComplete(%q) = complete but Parse fails: %v", src, err)
			}
		}
	})
}
