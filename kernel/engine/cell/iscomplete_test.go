package cell_test

import (
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

func TestIsComplete(t *testing.T) {
	tests := []struct {
		name, src      string
		status, indent string
	}{
		{"empty", "", "complete", ""},
		{"blank", "  \n\t\n", "complete", ""},
		{"define", "x := 1", "complete", ""},
		{"call", `fmt.Println("hi")`, "complete", ""},
		{"line comment", "// just a comment", "complete", ""},
		{"trailing comment", "x := 1 // note", "complete", ""},
		{"block comment", "/* a */ x := 1", "complete", ""},
		{"func body open", "func f() {", "incomplete", "    "},
		{"nested open", "func f() {\n\tfor {", "incomplete", "        "},
		{"for open", "for {", "incomplete", "    "},
		{"bracket open", "x := [", "incomplete", "    "},
		{"call open", "fmt.Println(1,", "incomplete", "    "},
		{"import group open", "import (", "incomplete", "    "},
		{"binary operator", "1 +", "incomplete", "    "},
		{"comma", "a, b :=", "incomplete", "    "},
		{"else", "if x {\n} else", "incomplete", "    "},
		{"raw string open", "s := `line one", "incomplete", ""},
		{"block comment open", "/* unfinished", "incomplete", ""},
		{"closed func", "func f() {\n\treturn\n}", "complete", ""},
		{"stray closer", "x := )", "invalid", ""},
		{"mismatched closer", "f(]", "invalid", ""},
		{"extra brace", "}", "invalid", ""},
		{"string open", `s := "abc`, "invalid", ""},
		{"illegal char", "x := 1 @ 2", "invalid", ""},
		{"syntax error", "x := := 1", "invalid", ""},
		{"complete with else", "if x {\n} else {\n}", "complete", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, indent := cell.IsComplete(tt.src)
			if status != tt.status || indent != tt.indent {
				t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", tt.src, status, indent, tt.status, tt.indent)
			}
		})
	}
}
