package gotypes

import (
	"strings"
	"testing"
)

func TestInspect(t *testing.T) {
	ck := New(testSession(), preload)
	tests := []struct {
		name, cell string
		detail     int
		want       []string // in the text, in order
		not        []string
	}{
		{"stdlib func", "fmt.Print|ln(1)", 0, []string{"func fmt.Println(a ...any) (n int, err error)", "Println formats"}, nil},
		{"call being typed", "fmt.Println(|", 0, []string{"func fmt.Println("}, nil},
		{"mt.NewPool", "pool := mt.NewPo|ol(4)", 0, []string{"func mt.NewPool(", "NewPool"}, nil},
		{"coro type", "var gen *coro.Gener|ator", 0, []string{"type coro.Generator", "Generator"}, nil},
		{"package", "f|mt.Println()", 0, []string{`package fmt // import "fmt"`, "Package fmt implements formatted I/O"}, nil},
		{"method of stdlib type", "import \"strings\"\nvar sb strings.Builder\nsb.WriteSt|ring(\"x\")", 0,
			[]string{"func (*strings.Builder).WriteString(s string) (int, error)", "WriteString appends"}, nil},
		{"field of stdlib type", "import \"net/http\"\nvar r http.Request\nr.Meth|od", 0, []string{"field Method string // in http.Request", "Method specifies the HTTP method"}, nil},
		{"session func with its comment", "add|(1, 2)", 0, []string{"func add(a int, b int) int", "add adds a and b."}, []string{"return a+b"}},
		{"session func source at detail 1", "add|(1, 2)", 1, []string{"func add(a int, b int) int", "add adds a and b.", "func add(a, b int) int { return a+b }"}, nil},
		{"session type", "var q P|", 1, []string{"type P struct{X int; Y int}", "P is a point.", "type P struct{ X, Y int }"}, nil},
		{"session method", "p.No|rm()", 0, []string{"func (P).Norm() int", "Norm returns X squared."}, nil},
		{"promoted field", "var nn Named\nnn.X|", 0, []string{"field X int // in P"}, nil},
		{"session var", "p|", 1, []string{"var p P", "p := P{1,2}"}, nil},
		{"cell's own func", "// twice doubles.\nfunc twice(x int) int { return 2 * x }\ntwi|ce(3)", 1, []string{"func twice(x int) int", "twice doubles.", "return 2 * x"}, nil},
		{"builtin", "le|n(p)", 0, []string{"func len (builtin)", "length"}, nil},
		{"nothing in a string", "s := \"fmt.Pri|ntln\"", 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cell, cur := cursorAt(tt.cell)
			got := ck.Inspect(cell, cur, tt.detail)
			if len(tt.want) == 0 {
				if got.Found {
					t.Errorf("found %q", got.Text)
				}
				return
			}
			if !got.Found {
				t.Fatalf("not found")
			}
			rest := got.Text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("%q not in (the rest of) %q", w, got.Text)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(got.Text, n) {
					t.Errorf("%q in %q", n, got.Text)
				}
			}
			if !strings.HasPrefix(got.Markdown, "```go\n") {
				t.Errorf("markdown does not start with the declaration: %q", got.Markdown)
			}
		})
	}
}
