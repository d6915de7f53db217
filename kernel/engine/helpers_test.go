package engine

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestYaegiLines(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/*line cell[3]:4:7*/x", "/*line cell[3]/_.go:4:7*/x"},
		{"//line cell[3]:4\nx", "//line cell[3]/_.go:4\nx"},
		{"/*line cell[3]/_.go:4:7*/x", "/*line cell[3]/_.go:4:7*/x"}, // idempotent
		{"/*line _.go:1:1*/x", "/*line _.go:1:1*/x"},
		{`s := "no directive"`, `s := "no directive"`},
	} {
		if got := yaegiLines(tc.in); got != tc.want {
			t.Errorf("yaegiLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCellPositions(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"cell[3]/_.go:4:7: undefined: x", "cell[3]:4:7: undefined: x"},
		{"cell[1]/_.go:2:25: panic: main.g(...)", "cell[1]:2:25: panic: main.g(...)"},
		{"1:28: panic: main(...)", "1:28: panic: main(...)"},
		{"a cell[2]/_.go:1:1 and cell[3]/_.go:2:2", "a cell[2]:1:1 and cell[3]:2:2"},
	} {
		if got := cellPositions(tc.in); got != tc.want {
			t.Errorf("cellPositions(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestChunkPos(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/*line cell[3]:2:1*/10 / zero", "cell[3]:2:1"},
		{"/*line cell[3]/_.go:2:1*/10 / zero", "cell[3]:2:1"},
		{"\n//line cell[12]:7:3\nx", "cell[12]:7:3"},
		{"x", ""},
	} {
		if got := chunkPos(tc.in); got != tc.want {
			t.Errorf("chunkPos(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRenameDeclared(t *testing.T) {
	temps := []tempVar{{"x", "_gkEngineV1"}, {"ok", "_gkEngineV2"}}
	for _, tc := range []struct{ in, want string }{
		{"var x = y + x", "var _gkEngineV1 = y + x"},
		{";var x = 1", ";var _gkEngineV1 = 1"},
		{";var x int; x = f(x)", ";var _gkEngineV1 int; _gkEngineV1 = f(x)"},
		{";var v, ok = m[k], false; v, ok = m[k]", ";var v, _gkEngineV2 = m[k], false; v, _gkEngineV2 = m[k]"},
		{"/*line cell[2]:1:1*/;var /*line cell[2]:1:1*/x = 1",
			"/*line cell[2]:1:1*/;var /*line cell[2]:1:1*/_gkEngineV1/*line cell[2]:1:2*/ = 1"},
		{";var f = func() { x := 1; _ = x }", ";var f = func() { x := 1; _ = x }"},
	} {
		got, err := renameDeclared(tc.in, temps)
		if err != nil || got != tc.want {
			t.Errorf("renameDeclared(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestDeclLogRecord(t *testing.T) {
	group := Decl{Kind: "type", Names: []string{"T", "T.M", "f"},
		Src: "/*line cell[1]:1:1*/type T int\n/*line cell[1]:2:1*/func (T) M() {}\n/*line cell[1]:3:1*/func f() {}"}
	for _, tc := range []struct {
		name  string
		decls []Decl
		want  []string // per entry: kind and names
	}{
		{"append", []Decl{
			{Kind: "var", Names: []string{"a"}, Src: "var a = 1"},
			{Kind: "func", Names: []string{"g"}, Src: "func g() {}"},
		}, []string{"var a", "func g"}},
		{"redefinition takes the old place", []Decl{
			{Kind: "func", Names: []string{"g"}, Src: "func g() {}"},
			{Kind: "var", Names: []string{"a"}, Src: "var a = 1"},
			{Kind: "func", Names: []string{"g"}, Src: "func g() int { return 1 }"},
		}, []string{"func g", "var a"}},
		{"group supersedes singles", []Decl{
			{Kind: "type", Names: []string{"T"}, Src: "type T string"},
			{Kind: "func", Names: []string{"f"}, Src: "func f() {}"},
			group,
		}, []string{"type T T.M f"}},
		{"single reduces a group", []Decl{
			group,
			{Kind: "type", Names: []string{"T"}, Src: "type T string"},
		}, []string{"func T.M f", "type T"}}, // replay order puts T first
		{"imports and init accumulate", []Decl{
			{Kind: "import", Names: []string{"fmt"}, Src: `import "fmt"`},
			{Kind: "import", Names: []string{"fmt"}, Src: `import "fmt"`},
			{Kind: "func", Names: []string{"init"}, Src: "func init() {}"},
			{Kind: "func", Names: []string{"init"}, Src: "func init() {}"},
		}, []string{"import fmt", "import fmt", "func init", "func init"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &declLog{}
			for _, d := range tc.decls {
				l.record(d)
			}
			var got []string
			for _, e := range l.entries {
				got = append(got, e.Kind+" "+strings.Join(e.Names, " "))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("log = %q, want %q", got, tc.want)
			}
		})
	}
	l := &declLog{}
	l.record(group)
	l.record(Decl{Kind: "type", Names: []string{"T"}, Src: "type T string"})
	if src := l.entries[0].Src; strings.Contains(src, "type T") || !strings.Contains(src, "func f()") {
		t.Errorf("reduced group source = %q, want the method and f only", src)
	}
}

func TestReplayOrder(t *testing.T) {
	entries := []*entry{
		newEntry(Decl{Kind: "func", Names: []string{"T.Area"}, Src: "func (t T) Area() int { return t.W * scale }"}),
		newEntry(Decl{Kind: "var", Names: []string{"a"}, Src: "var a = v.Area()"}),
		newEntry(Decl{Kind: "var", Names: []string{"v"}, Src: "var v = T{W: 2}"}),
		newEntry(Decl{Kind: "var", Names: []string{"scale"}, Src: "var scale = 3"}),
		newEntry(Decl{Kind: "type", Names: []string{"T"}, Src: "type T struct{ W int }"}),
		newEntry(Decl{Kind: "import", Names: []string{"fmt"}, Src: `import "fmt"`}),
	}
	var got []string
	for _, e := range replayOrder(entries) {
		got = append(got, e.Names[0])
	}
	want := []string{"fmt", "scale", "T", "T.Area", "v", "a"}
	if !slices.Equal(got, want) {
		t.Errorf("replay order = %v, want %v", got, want)
	}
}

func TestCarryable(t *testing.T) {
	type node struct {
		Next *node
		F    func()
	}
	cyclic := &node{}
	cyclic.Next = cyclic
	withFunc := &node{F: func() {}}
	for _, tc := range []struct {
		name string
		v    any
		want bool
	}{
		{"int", 3, true},
		{"slice of floats", []float64{1, 2}, true},
		{"map of slices", map[string][]int{"a": {1}}, true},
		{"nil func", (func())(nil), true},
		{"func", func() {}, false},
		{"interface holding data", []any{1, "a", []int{2}}, true},
		{"interface holding a func", []any{1, func() {}}, false},
		{"cyclic pointers", cyclic, true},
		{"pointer to a func field", withFunc, false},
		{"channel", make(chan int), true},
		{"file", os.Stdout, true},
	} {
		if got := carryable(reflect.ValueOf(tc.v)); got != tc.want {
			t.Errorf("carryable(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRender(t *testing.T) {
	for _, tc := range []struct {
		vs   []any
		want string
	}{
		{[]any{"a\tb"}, `"a\tb"`},
		{[]any{42}, "42"},
		{[]any{nil}, "<nil>"},
		{[]any{3, errors.New("bad")}, "(3, bad)"},
		{[]any{"x", nil}, `("x", <nil>)`},
		{[]any{[]string{"a"}}, "[a]"},
	} {
		if got := render(tc.vs); got != tc.want {
			t.Errorf("render(%#v) = %q, want %q", tc.vs, got, tc.want)
		}
	}
	long := render([]any{strings.Repeat("é", maxValueLen)})
	if len(long) > maxValueLen+40 || !strings.HasSuffix(long, "more bytes)") {
		t.Errorf("a long value renders as %d bytes ending %q", len(long), long[len(long)-20:])
	}
}

func TestPanicValue(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{"boom", "boom"},
		{reflect.ValueOf("wrapped"), "wrapped"},
		{errors.New("an error"), "an error"},
		{"reflect: slice index out of range", "runtime error: index out of range"},
		{nil, "nil"},
		{42, "42"},
	} {
		if got := panicValue(tc.v); got != tc.want {
			t.Errorf("panicValue(%#v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestStdinFile(t *testing.T) {
	in := newStdinReader(strings.NewReader("one\ntwo\n"))
	f := &stdinFile{File: os.Stdin, r: in}
	var b bytes.Buffer
	if _, err := io.Copy(&b, f); err != nil || b.String() != "one\ntwo\n" {
		t.Errorf("io.Copy from os.Stdin = %q, %v", b.String(), err)
	}
	if _, err := f.ReadAt(make([]byte, 1), 0); err == nil {
		t.Error("ReadAt succeeded")
	}
	if err := f.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	none := newStdinReader(nil)
	if _, err := none.Read(make([]byte, 1)); !errors.Is(err, ErrNoStdin) {
		t.Errorf("read without Stdin = %v, want ErrNoStdin", err)
	}
}
