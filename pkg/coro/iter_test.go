package coro

import (
	"strings"
	"testing"
)

func TestIterKinds(t *testing.T) {
	t.Parallel()
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
	n := 0
	counter := func() (any, error) {
		if n == 3 {
			return nil, StopIteration
		}
		n++
		return n, nil
	}
	cases := []struct {
		name string
		x    any
		want string
	}{
		{"[]any", []any{1, "a", nil}, "[1, 'a', None]"},
		{"[]int", []int{1, 2}, "[1, 2]"},
		{"array", [2]string{"x", "y"}, "['x', 'y']"},
		{"string by rune", "añb", "['a', 'ñ', 'b']"},
		{"map keys sorted", map[string]int{"b": 1, "a": 2}, "['a', 'b']"},
		{"channel", ch, "[1, 2]"},
		{"range", Range(5, 0, -2), "[5, 3, 1]"},
		{"empty range", Range(3, 3), "[]"},
		{"seq", Seq(Range(2).Seq()), "[0, 1]"},
		{"pull func", counter, "[1, 2, 3]"},
		{"generator", fib(4), "[1, 1, 2, 3]"},
		{"PyList", PyList{true, 1.5}, "[True, 1.5]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, err := List(c.x)
			if err != nil || l.String() != c.want {
				t.Fatalf("List = %v, %v; want %s", l, err, c.want)
			}
		})
	}
}

func TestIterErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		x    any
		want string
	}{
		{100, "TypeError: 'int' object is not iterable"},
		{nil, "TypeError: 'NoneType' object is not iterable"},
		{struct{ A int }{1}, "TypeError: 'struct { A int }' object is not iterable"},
		{3.5, "TypeError: 'float' object is not iterable"},
	}
	for _, c := range cases {
		if _, err := Iter(c.x); err == nil || err.Error() != c.want {
			t.Errorf("Iter(%v) error %v, want %q", c.x, err, c.want)
		}
	}
}

func TestNextAndForEach(t *testing.T) {
	t.Parallel()
	it := MustIter([]int{7})
	if Next(it) != 7 || NextDefault(it, "end") != "end" {
		t.Fatal("Next/NextDefault")
	}
	defer func() {
		if err, _ := recover().(error); !isStop(err) {
			t.Fatalf("Next at the end panicked with %v", err)
		}
	}()
	Next(it)
}

func TestForEachBreakLeavesGeneratorSuspended(t *testing.T) {
	t.Parallel()
	g := fib(10)
	var seen []string
	ForEach(g, func(v any) bool { seen = append(seen, Str(v)); return len(seen) < 3 })
	if strings.Join(seen, ",") != "1,1,2" || g.State() != GenSuspended {
		t.Fatalf("seen %v state %v", seen, g.State())
	}
	rest, _ := List(g)
	if rest.String() != "[3, 5, 8, 13, 21, 34, 55]" {
		t.Fatalf("rest %v", rest)
	}
}

func TestRepr(t *testing.T) {
	t.Parallel()
	cases := []struct {
		v    any
		want string
	}{
		{nil, "None"}, {true, "True"}, {"it's", `"it's"`}, {"a\nb", `'a\nb'`},
		{1.0, "1.0"}, {0.1, "0.1"}, {1e20, "1e+20"}, {Tuple{"g"}, "('g',)"}, {Tuple{}, "()"},
		{map[string]any{"b": PyList{1}, "a": nil}, "{'a': None, 'b': [1]}"},
		{[]byte("hi"), "b'hi'"}, {Range(0, 10, 2), "range(0, 10, 2)"},
	}
	for _, c := range cases {
		if got := Repr(c.v); got != c.want {
			t.Errorf("Repr(%#v) = %s, want %s", c.v, got, c.want)
		}
	}
	if Str("x") != "x" || Len("阿豆腐干") != 4 {
		t.Error("Str/Len")
	}
}

func TestTruthy(t *testing.T) {
	t.Parallel()
	falsy := []any{nil, false, 0, 0.0, "", []int{}, map[int]int{}, PyList{}, Tuple{}, uint8(0)}
	truthy := []any{true, 1, -1.5, "a", []int{0}, PyList{nil}, struct{}{}}
	for _, v := range falsy {
		if Truthy(v) {
			t.Errorf("Truthy(%#v) = true", v)
		}
	}
	for _, v := range truthy {
		if !Truthy(v) {
			t.Errorf("Truthy(%#v) = false", v)
		}
	}
}

// stubIterable's Iter is a stub returning nil, as a Python class whose
// __iter__ body is `pass`.
type stubIterable struct{}

func (stubIterable) Iter() Iterator { return nil }

// TestIterNilIterator: iter() of an object whose __iter__ returns None is
// a TypeError, from every entry point.
func TestIterNilIterator(t *testing.T) {
	t.Parallel()
	const want = "TypeError: iter() returned non-iterator of type 'NoneType'"
	if _, err := Iter(stubIterable{}); err == nil || err.Error() != want {
		t.Errorf("Iter: %v", err)
	}
	if _, err := ListOf(stubIterable{}); err == nil || err.Error() != want {
		t.Errorf("ListOf: %v", err)
	}
	if err := ForEachOf(stubIterable{}, func(any) bool { return true }); err == nil || err.Error() != want {
		t.Errorf("ForEachOf: %v", err)
	}
	defer func() {
		if r := recover(); r == nil || r.(error).Error() != want {
			t.Errorf("IterOf panicked with %v", r)
		}
	}()
	IterOf(stubIterable{})
}

// TestIterCellValueHint: a value shaped like an interpreted cell type
// (yaegi's unnamed struct with X-prefixed fields) that is not iterable gets
// a hint saying how to pass it; other values keep Python's message.
func TestIterCellValueHint(t *testing.T) {
	t.Parallel()
	cellLike := &struct{ Xn, Xcurrent int }{}
	_, err := Iter(cellLike)
	if err == nil || !strings.Contains(err.Error(), "object is not iterable (a value of a type defined in a cell") {
		t.Errorf("cell-like value: %v", err)
	}
	_, err = Iter(&struct{ N int }{})
	if err == nil || strings.Contains(err.Error(), "defined in a cell") {
		t.Errorf("plain struct: %v", err)
	}
	if _, err = Iter(100); err == nil || err.Error() != "TypeError: 'int' object is not iterable" {
		t.Errorf("int: %v", err)
	}
}
