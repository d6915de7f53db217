package cell_test

import (
	"errors"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

func TestErrorPositions(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // first error, rendered
		line, col int
	}{
		{"line 4 col 7", "a := 1\nb := 2\n\nxy := )\n", "cell[3]:4:7: expected operand, found ')'", 4, 7},
		{"in a func", "func f() {\n\tx := )\n}\n", "cell[3]:2:7: expected operand, found ')'", 2, 7},
		{"in a for header", "for i := 0; i <; i++ {}\n", "cell[3]:1:16: expected operand, found ';'", 1, 16},
		{"after a declaration", "type T int\nvar = 3\n", "cell[3]:2:5: expected 'IDENT', found '='", 2, 5},
		{"unclosed block", "if true {\n\tx := 1\n", "cell[3]:3:1: expected '}', found 'EOF'", 3, 1},
		{"tab columns are bytes", "\t\tx := )\n", "cell[3]:1:8: expected operand, found ')'", 1, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := cell.Parse("cell[3]", tt.src, cell.Options{})
			if c != nil {
				t.Errorf("got chunks with an error")
			}
			var e *cell.Error
			if !errors.As(err, &e) || len(e.List) == 0 {
				t.Fatalf("Parse: %v (%T), want *cell.Error", err, err)
			}
			first := e.List[0]
			if first.String() != tt.want || first.Line != tt.line || first.Col != tt.col || first.Pos != first.String()[:len(first.Pos)] {
				t.Errorf("first error %+v (%q), want %q", first, first.String(), tt.want)
			}
			if e.Error()[:len(tt.want)] != tt.want {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
}

func TestCleanPositions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"cell[3]/_.go:4:7: undefined: x", "cell[3]:4:7: undefined: x"},
		{"cell[3]/_.go:1:2: panic: main.f(...)\ncell[12]/_.go:9:1: panic: main(...)", "cell[3]:1:2: panic: main.f(...)\ncell[12]:9:1: panic: main(...)"},
		{"1:28: panic: main(...)", "1:28: panic: main(...)"},
		{"a/_.go file", "a/_.go file"},
	}
	for _, tt := range tests {
		if got := cell.CleanPositions(tt.in); got != tt.want {
			t.Errorf("CleanPositions(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
