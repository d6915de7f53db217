package gotypes

import (
	"slices"
	"strings"
	"testing"
)

// fakeSession is a Session with fixed declarations, as the engine logs them.
type fakeSession struct {
	decls []Decl
	cells map[string]string
}

func (s *fakeSession) Declarations() (uint64, []Decl) { return uint64(len(s.decls)), s.decls }
func (s *fakeSession) CellSource(name string) (string, bool) {
	c, ok := s.cells[name]
	return c, ok
}

var preload = map[string]string{
	"coro":    "github.com/gokernel/gokernel/pkg/coro",
	"mt":      "github.com/gokernel/gokernel/pkg/mt",
	"display": "github.com/gokernel/gokernel/pkg/display",
}

// testSession is what the engine logs for these cells:
//
//	cell[1]: import "fmt"; // P is a point. type P struct{X, Y int}; func (p P) Norm() int; p := P{1, 2}
//	cell[2]: // add adds. func add(a, b int) int; const K = 5; var m = map[string]int{}; g := coro.Range(3)
func testSession() *fakeSession {
	return &fakeSession{
		decls: []Decl{
			{"import", []string{"fmt"}, `/*line cell[1]/_.go:1:1*/import "fmt"`},
			{"type", []string{"P"}, "/*line cell[1]/_.go:3:1*/type P struct{ X, Y int }"},
			{"func", []string{"P.Norm"}, "/*line cell[1]/_.go:5:1*/func (p P) Norm() int { return p.X*p.X }"},
			{"var", []string{"p"}, "/*line cell[1]/_.go:6:1*/;var /*line cell[1]/_.go:6:1*/p = /*line cell[1]/_.go:6:6*/P{1,2}"},
			{"type", []string{"Named"}, "/*line cell[1]/_.go:7:1*/type Named struct{ *P; Name string }"},
			{"import", []string{"github.com/gokernel/gokernel/pkg/coro"}, `/*line cell[2]/_.go:1:1*/import "github.com/gokernel/gokernel/pkg/coro"`},
			{"const", []string{"K"}, "/*line cell[2]/_.go:3:1*/const K = 5"},
			{"func", []string{"add"}, "/*line cell[2]/_.go:5:1*/func add(a, b int) int { return a+b }"},
			{"var", []string{"g"}, "/*line cell[2]/_.go:1:1*/;var /*line cell[2]/_.go:1:1*/g = /*line cell[2]/_.go:1:6*/coro.Range(3)"},
			{"var", []string{"m"}, "/*line cell[2]/_.go:6:5*/;var /*line cell[2]/_.go:6:5*/m = /*line cell[2]/_.go:6:9*/map[string]int{}"},
			{"var", []string{"_gkT1_1", "_gkT1_2"}, "/*line cell[2]/_.go:7:1*/;var _gkT1_1, _gkT1_2 = /*line cell[2]/_.go:7:11*/fmt.Println(p)"},
			{"var", []string{"n", "err"}, "/*line cell[2]/_.go:7:1*/;var /*line cell[2]/_.go:7:1*/n, /*line cell[2]/_.go:7:4*/err = _gkT1_1, _gkT1_2"},
		},
		cells: map[string]string{
			"cell[1]": "import \"fmt\"\n// P is a point.\ntype P struct{ X, Y int }\n// Norm returns X squared.\nfunc (p P) Norm() int { return p.X*p.X }\np := P{1,2}\ntype Named struct{ *P; Name string }",
			"cell[2]": "g := coro.Range(3)\n\nconst K = 5\n// add adds a and b.\nfunc add(a, b int) int { return a+b }\nvar m = map[string]int{}\nn, err := fmt.Println(p)",
		},
	}
}

// cursorAt splits a cell written with a | at the cursor into the cell and
// the cursor in code points.
func cursorAt(s string) (string, int) {
	i := strings.IndexByte(s, '|')
	return s[:i] + s[i+1:], len([]rune(s[:i]))
}

func texts(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Text)
	}
	return out
}

func TestComplete(t *testing.T) {
	ck := New(testSession(), preload)
	tests := []struct {
		name, cell string
		want       []string // must all be offered
		not        []string // must not be offered
		first      string   // the first item, if set
		start, end int      // in code points; -1: not checked
	}{
		{"package member", "fmt.Pri|", []string{"Print", "Printf", "Println"}, []string{"Sprint", "Errorf"}, "Print", 4, 7},
		{"name continues after cursor", "fmt.Pr|intln(1)", []string{"Println"}, nil, "", 4, 11},
		{"preloaded coro", "coro.|", []string{"Range", "NewGenerator", "Go"}, []string{"Println"}, "", 5, 5},
		{"preloaded mt", "x := mt.NewP|", []string{"NewPool"}, nil, "NewPool", 8, 12},
		{"display", "display.H|", []string{"HTML"}, nil, "", -1, -1},
		{"time not imported", "import \"time\"\ntime.Sl|", []string{"Sleep"}, nil, "Sleep", -1, -1},
		{"session var fields and methods", "p.|", []string{"X", "Y", "Norm"}, nil, "", -1, -1},
		{"embedded pointer", "var nn Named\nnn.|", []string{"Name", "P", "X", "Y", "Norm"}, nil, "", -1, -1},
		{"through pointer", "q := &p\nq.N|", []string{"Norm"}, []string{"X"}, "Norm", -1, -1},
		{"method of stdlib value", "import \"strings\"\nvar sb strings.Builder\nsb.Wr|", []string{"WriteString", "WriteByte"}, []string{"Len"}, "", -1, -1},
		{"session names", "a|", []string{"add"}, []string{"Println"}, "", -1, -1},
		{"keywords and builtins", "fo|", []string{"for"}, nil, "for", -1, -1},
		{"whole keyword", "for|", []string{"for"}, nil, "for", 0, 3},
		{"builtin", "x := le|", []string{"len"}, []string{"for"}, "", -1, -1},
		{"in a func body", "func f(s []string) {\n\tfor i, v := range s {\n\t\tv.|", nil, nil, "", -1, -1},
		{"local string", "import \"strings\"\nfunc f(s []string) {\n\tfor _, v := range s {\n\t\tfmt.Println(strings.ToU|", []string{"ToUpper"}, nil, "ToUpper", -1, -1},
		{"local var in scope", "count := 3\nco|", []string{"count", "const", "continue", "coro"}, nil, "", -1, -1},
		{"struct literal fields", "q := P{|", []string{"X", "Y"}, nil, "X", -1, -1},
		{"struct literal second field", "q := P{X: 1, |}", []string{"Y"}, nil, "", -1, -1},
		{"import path", "import \"enc|", []string{"encoding/json", "encoding/csv"}, nil, "", 8, 11},
		{"import path last element", "import (\n\t\"fmt\"\n\t\"js|\"\n)", []string{"encoding/json"}, nil, "", 18, 20},
		{"import path coro", "import \"github.com/gokernel/gokernel/pkg/c|", []string{"github.com/gokernel/gokernel/pkg/coro"}, nil, "", -1, -1},
		{"not in a string", "s := \"fmt.|", nil, []string{"Println"}, "", -1, -1},
		{"not in a comment", "// fmt.|", nil, []string{"Println"}, "", -1, -1},
		{"chinese identifiers", "名字 := \"张三\"\n名|", []string{"名字"}, nil, "名字", 11, 12},
		{"chinese in string before", "s := \"你好\"; fmt.Pri|", []string{"Println"}, nil, "", 15, 18},
		{"broken cell", "x := [}\nfmt.Spr|", []string{"Sprintf"}, nil, "", -1, -1},
		{"unbalanced call", "fmt.Println(p.|", []string{"X", "Norm"}, nil, "", -1, -1},
		{"map value", "m[\"a\"].|", nil, []string{"X"}, "", -1, -1},
		{"generator methods", "g.|", []string{"Iter", "Len"}, nil, "", -1, -1},
		{"error value", "err.|", []string{"Error"}, nil, "Error", -1, -1},
		{"cell redefines a session func", "func add(s string) error { return nil }\nadd(\"a\").|", []string{"Error"}, nil, "", -1, -1},
		{"type method expression", "P.|", []string{"Norm"}, []string{"X"}, "", -1, -1},
		{"func in cell", "func twice(x int) int { return 2 * x }\ntw|", []string{"twice"}, nil, "", -1, -1},
		{"method declared in cell", "type T struct{ A int }\nfunc (t *T) Inc() { t.A++ }\nvar tt T\ntt.|", []string{"A", "Inc"}, nil, "", -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cell, cur := cursorAt(tt.cell)
			got := ck.Complete(cell, cur)
			names := texts(got.Items)
			for _, w := range tt.want {
				if !slices.Contains(names, w) {
					t.Errorf("missing %q in %v", w, names)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(names, n) {
					t.Errorf("offers %q: %v", n, names)
				}
			}
			if tt.first != "" && (len(names) == 0 || names[0] != tt.first) {
				t.Errorf("first item is not %q: %v", tt.first, names)
			}
			if tt.start >= 0 && (got.Start != tt.start || got.End != tt.end) {
				t.Errorf("replaces [%d, %d), want [%d, %d)", got.Start, got.End, tt.start, tt.end)
			}
		})
	}
}
