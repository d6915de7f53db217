package gotypes_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/kernel/gotypes"
)

// engineSession runs cells in the real engine and serves its declaration
// log, as the supervisor does.
type engineSession struct {
	s     *engine.Session
	gen   uint64
	cells map[string]string
}

func newEngineSession(t testing.TB, cells ...string) *engineSession {
	t.Helper()
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { devnull.Close() })
	s, err := engine.New(engine.Options{Stdout: devnull, Stderr: devnull, Symbols: pkgsyms.Tables(), Preload: pkgsyms.Preload()})
	if err != nil {
		t.Fatal(err)
	}
	es := &engineSession{s: s, cells: map[string]string{}}
	for i, c := range cells {
		name := fmt.Sprintf("cell[%d]", i+1)
		if o := s.Exec(context.Background(), name, c); o.Err != nil {
			t.Fatalf("session %s failed: %s\n%s", name, o.Err.Value, c)
		}
		es.cells[name] = c
		es.gen++
	}
	return es
}

func (e *engineSession) Declarations() (uint64, []gotypes.Decl) {
	var out []gotypes.Decl
	for _, d := range e.s.Decls() {
		out = append(out, gotypes.Decl{Kind: d.Kind, Names: d.Names, Src: d.Src})
	}
	return e.gen, out
}

func (e *engineSession) CellSource(n string) (string, bool) {
	c, ok := e.cells[n]
	return c, ok
}

// run runs cell as the session's next cell in the engine, reporting its
// error ("" when it ran).
func (e *engineSession) run(name, cell string) string {
	o := e.s.Exec(context.Background(), name, cell)
	e.gen++
	if o.Err != nil {
		return o.Err.Name + ": " + o.Err.Value
	}
	return ""
}

var preload = pkgsyms.Preload()

// TestPrecheckErrors: cells Go rejects fail with Go's messages at the
// cell's positions, every error at once.
func TestPrecheckErrors(t *testing.T) {
	tests := []struct {
		name    string
		session []string
		cell    string
		want    []string
	}{
		{"assign string to int", nil, "var n int\nn = \"x\"",
			[]string{`cell[9]:2:5: cannot use "x" (untyped string constant) as int value in assignment`}},
		{"all errors at once", []string{`import "fmt"`},
			"fmt.Println(\"before\")\nx := 1 + \"a\"\ny := undefinedName\nfmt.Println(x, y)",
			[]string{`cell[9]:2:6: invalid operation: 1 + "a" (mismatched types untyped int and untyped string)`,
				`cell[9]:3:6: undefined: undefinedName`}},
		{"session func signature", []string{"func double(n int) int { return 2 * n }"},
			`s := double("two")`,
			[]string{`cell[9]:1:13: cannot use "two" (untyped string constant) as int value in argument to double`}},
		{"session type by its Go name", []string{"type Point struct{ X, Y int }", "p := Point{1, 2}"},
			"type Other struct{}\nvar o Other = p",
			[]string{`cell[9]:2:15: cannot use p (variable of struct type Point) as Other value in variable declaration`}},
		{"missing method", []string{"type Shape interface{ Area() float64 }", "type Sq struct{ s float64 }", "sq := Sq{2}"},
			"var sh Shape = sq",
			[]string{`cell[9]:1:16: cannot use sq (variable of struct type Sq) as Shape value in variable declaration: Sq does not implement Shape (missing method Area)`}},
		{"wrong return count", nil, "func f() (int, error) { return 1 }",
			[]string{`cell[9]:1:32: not enough return values
	have (number)
	want (int, error)`}},
		{"preloaded package", nil, "g := coro.NewGenerator(5)",
			[]string{"cell[9]:1:24: cannot use 5 (untyped int constant) as func(y *coro.Yielder) any value in argument to coro.NewGenerator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := newEngineSession(t, tt.session...)
			v := gotypes.New(es, preload).Precheck("cell[9]", tt.cell)
			if !v.Sure || !slices.Equal(v.Errors, tt.want) {
				t.Errorf("Precheck: sure %v, errors\n%s\nwant\n%s", v.Sure, strings.Join(v.Errors, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// notSure are the cases of TestPrecheckAccepts the checker cannot judge:
// it must let them run unchecked.
var notSure = map[string]bool{
	"unknown package":                               true, // no API for it
	"used before declared":                          true, // the engine runs vars in place
	"earlier cell's var used before declared again": true,
	"first of two results":                          true, // yaegi takes the first value; Go refuses
}

// TestPrecheckAccepts: what the engine runs is never refused — cells that
// Go would reject as a file but a notebook allows, and valid cells of
// every shape. Each cell also runs in the engine, to prove it is valid.
func TestPrecheckAccepts(t *testing.T) {
	tests := []struct {
		name    string
		session []string
		cell    string
	}{
		{"unexported field of an earlier type", []string{"type Sq struct{ s float64 }"}, "q := Sq{2}\nq.s"},
		{"err declared again across cells", []string{"import \"os\"\nsrv, err := os.Getwd()", "dir, err := os.MkdirTemp(\"\", \"x\")\n_ = dir"},
			"os.Remove(dir)\nerr = nil\nlen(srv) > 0"},
		{"redeclared in the session, declared again here", []string{"import \"os\"\nsrv, err := os.Getwd()", "dir, err := os.MkdirTemp(\"\", \"x\")\n_ = dir"},
			"n, err := len(srv), error(nil)\nos.Remove(dir)\nn > 0 && err == nil"},
		{"unused variable and import", nil, "import \"strings\"\nx := 5\nfor i := 0; i < 3; i++ { y := i }"},
		{"trailing value", []string{"x := 41"}, "x + 1"},
		{"bare name mid-cell", []string{"x := 41"}, "x\nx = 2"},
		{"redeclare with :=", []string{`import "strconv"`}, "n, err := strconv.Atoi(\"1\")\nm, err := strconv.Atoi(\"2\")\nn + m"},
		{"redeclare across cells", []string{"x := 1", "func f() int { return 1 }"}, "x := \"now a string\"\nfunc f() string { return \"s\" }\nf()"},
		{"same cell var then :=", nil, "var x int\nx := 3\nx"},
		{"any declaration order", nil, "func get() int { return limit * 2 }\nconst limit = 4\nvar total = get()\ntype Arr [limit]int\nvar a Arr\nlen(a) + total"},
		{"package clause and main", nil, "package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"hi\") }"},
		{"method on earlier type", []string{"type C struct{ n int }"}, "func (c *C) Inc() { c.n++ }\nc := &C{}\nc.Inc()"},
		{"preloaded packages", nil, "g := coro.NewGenerator(func(y *coro.Yielder) any { y.Yield(1); return nil })\n_ = g\nl := mt.NewLock()\n_ = l"},
		{"range over int", nil, "import \"fmt\"\nfor i := range 3 { fmt.Println(i) }"},
		{"unknown package", nil, "import \"golang.org/x/nonexistent\"\nnonexistent.F()"},
		{"first of two results", nil, "name := mt.Input(\"name? \")"},
		{"used before declared", nil, "import \"fmt\"\nfmt.Println(late)\nlate := 1"},
		{"earlier cell's var used before declared again", []string{"x := 1"}, "y := x + 1\nx := \"s\"\nx + string(rune('0'+y))"},
		{"labels and goto", nil, "import \"fmt\"\nouter:\nfor i := range 3 {\n\tfor j := range 3 {\n\t\tif j == 1 { continue outer }\n\t\tfmt.Println(i, j)\n\t}\n}"},
		{"generics", []string{"func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs { out = append(out, f(x)) }\n\treturn out\n}"},
			"import \"strconv\"\nMap([]int{1, 2}, strconv.Itoa)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := newEngineSession(t, tt.session...)
			v := gotypes.New(es, preload).Precheck("cell[9]", tt.cell)
			if len(v.Errors) > 0 {
				t.Errorf("Precheck refused a cell:\n%s", strings.Join(v.Errors, "\n"))
			}
			if notSure[tt.name] {
				if v.Sure {
					t.Error("sure of a cell it cannot judge")
				}
				return
			}
			if !v.Sure {
				t.Error("not sure of a cell it can check")
			}
			if err := es.run("cell[9]", v.Code); err != "" {
				t.Errorf("the engine fails the cell (so it is no proof): %s\n%s", err, v.Code)
			}
		})
	}
}

// TestPrecheckTypeArgs: the type arguments go/types inferred are written
// out for the generic functions of package main, and the rewritten cell
// runs in the engine with the result Go gives.
func TestPrecheckTypeArgs(t *testing.T) {
	fibIter := "type Fib struct{ a, b, n int }\n" +
		"func (f *Fib) Next() (any, error) {\n\tif f.n == 0 {\n\t\treturn nil, coro.StopIteration\n\t}\n\tf.n--\n\tv := f.a\n\tf.a, f.b = f.b, f.a+f.b\n\treturn v, nil\n}\n" +
		"func (f *Fib) Iter() coro.Iterator { return f }\n" +
		"func NewFib(n int) *Fib { return &Fib{0, 1, n} }"
	mapFn := "func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs { out = append(out, f(x)) }\n\treturn out\n}"
	tests := []struct {
		name    string
		session []string
		cell    string
		want    string // the rewritten cell
		value   string // its value in the engine ("" for none)
	}{
		{"two type parameters", []string{mapFn}, "import \"strconv\"\nMap([]int{1, 2}, strconv.Itoa)",
			"import \"strconv\"\nMap[int, string]([]int{1, 2}, strconv.Itoa)", "[1 2]"},
		{"func literal argument", []string{mapFn}, "Map([]string{\"a\", \"bb\"}, func(s string) int { return len(s) })",
			"Map[string, int]([]string{\"a\", \"bb\"}, func(s string) int { return len(s) })", "[1 2]"},
		{"declared in the cell, nested", nil,
			"func Pair[K comparable, V any](k K, v V) map[K]V { return map[K]V{k: v} }\nfunc Keys[K comparable, V any](m map[K]V) []K {\n\tvar ks []K\n\tfor k := range m { ks = append(ks, k) }\n\treturn ks\n}\nKeys(Pair(\"a\", 1.5))",
			"func Pair[K comparable, V any](k K, v V) map[K]V { return map[K]V{k: v} }\nfunc Keys[K comparable, V any](m map[K]V) []K {\n\tvar ks []K\n\tfor k := range m { ks = append(ks, k) }\n\treturn ks\n}\nKeys[string, float64](Pair[string, float64](\"a\", 1.5))", "[a]"},
		{"type of an imported package", []string{mapFn}, "import \"time\"\nMap([]int{1}, func(n int) time.Duration { return time.Duration(n) * time.Second })",
			"import \"time\"\nMap[int, time.Duration]([]int{1}, func(n int) time.Duration { return time.Duration(n) * time.Second })", "[1s]"},
		{"untyped constants", nil, "type Number interface{ ~int | ~float64 }\nfunc Sum[T Number](xs ...T) T { var s T; for _, x := range xs { s += x }; return s }\nSum(1, 2.5)",
			"type Number interface{ ~int | ~float64 }\nfunc Sum[T Number](xs ...T) T { var s T; for _, x := range xs { s += x }; return s }\nSum[float64](1, 2.5)", "3.5"},
		{"instantiated type argument", nil, "type value[T any] struct{ val T }\nfunc get[T any](v *value[T]) T { return v.val }\nv := &value[struct{ val int }]{}\nget(v)",
			"type value[T any] struct{ val T }\nfunc get[T any](v *value[T]) T { return v.val }\nv := &value[struct{ val int }]{}\nget[struct{val int}](v)", "{0}"},
		{"top-level var from a generic call of the standard library", nil,
			"import (\n\t\"maps\"\n\t\"slices\"\n)\nm := map[string]int{\"b\": 2, \"a\": 1}\nks := slices.Sorted(maps.Keys(m))\nks",
			"import (\n\t\"maps\"\n\t\"slices\"\n)\nm := map[string]int{\"b\": 2, \"a\": 1}\nvar ks []string = slices.Sorted(maps.Keys(m))\nks", "[a b]"},
		{"var from a generic call of the session", []string{mapFn}, "import \"strconv\"\nvar ss = Map([]int{4}, strconv.Itoa)\nss",
			"import \"strconv\"\nvar ss []string = Map[int, string]([]int{4}, strconv.Itoa)\nss", "[4]"},
		{"two vars from a generic call", nil,
			"import (\n\t\"iter\"\n\t\"slices\"\n)\nnext, stop := iter.Pull(slices.Values([]int{7, 8}))\nnext()",
			"import (\n\t\"iter\"\n\t\"slices\"\n)\nvar next func() (int, bool); var stop func(); next, stop = iter.Pull(slices.Values([]int{7, 8}))\nnext()", "(7, true)"},
		{"a cell type's call result to a compiled interface parameter", []string{fibIter},
			"l, _ := coro.List(NewFib(4))\nl",
			"l, _ := func() (coro.PyList, error) { _gkA0 := NewFib(4); return coro.List(_gkA0) }()\nl", "[0, 1, 1, 2]"},
		{"a Stringer's call result to fmt", nil,
			"import \"fmt\"\ntype S struct{ n int }\nfunc (s S) String() string { return fmt.Sprint(\"S#\", s.n) }\nfunc mk(n int) S { return S{n} }\nfmt.Sprint(\"got \", mk(3))",
			"import \"fmt\"\ntype S struct{ n int }\nfunc (s S) String() string { return fmt.Sprint(\"S#\", s.n) }\nfunc mk(n int) S { return S{n} }\nfunc() string { _gkA0 := \"got \"; _gkA1 := mk(3); return fmt.Sprint(_gkA0, _gkA1) }()", `"got S#3"`},
		{"explicit already", []string{mapFn}, "import \"strconv\"\nMap[int, string]([]int{3}, strconv.Itoa)",
			"import \"strconv\"\nMap[int, string]([]int{3}, strconv.Itoa)", "[3]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := newEngineSession(t, tt.session...)
			v := gotypes.New(es, preload).Precheck("cell[9]", tt.cell)
			if !v.Sure || len(v.Errors) > 0 || v.Code != tt.want {
				t.Fatalf("Precheck: sure %v, errors %q, code\n%s\nwant\n%s", v.Sure, v.Errors, v.Code, tt.want)
			}
			o := es.s.Exec(context.Background(), "cell[9]", v.Code)
			if o.Err != nil {
				t.Fatalf("the rewritten cell fails: %s", o.Err.Value)
			}
			got := ""
			if o.Value != nil {
				got = o.Value.Text
			}
			if got != tt.value {
				t.Errorf("value %q, want %q", got, tt.value)
			}
		})
	}
}

// An execution that does not count reuses the previous cell's name: the
// session's declarations from that cell are still not the cell's (their
// emptied bodies' "missing return" is no error of it).
func TestPrecheckSameNameAsSessionCell(t *testing.T) {
	es := newEngineSession(t, "func f() int { return 1 }")
	v := gotypes.New(es, preload).Precheck("cell[1]", "x := 2\nf() + x")
	if !v.Sure || len(v.Errors) > 0 {
		t.Errorf("sure %v, errors %q", v.Sure, v.Errors)
	}
}
