package coro

import (
	"fmt"
	"testing"
)

func TestRecipes(t *testing.T) {
	t.Parallel()
	lines := []string{"a", "b", "", "c"}
	i := 0
	next := func() string { s := lines[i]; i++; return s }
	it, err := IterCall(next, "")
	if err != nil {
		t.Fatal(err)
	}
	if l := MustList(it); l.String() != "['a', 'b']" {
		t.Errorf("IterCall = %v", l)
	}
	if v, _ := Nth(Count(10), 3, nil); v != 13 {
		t.Errorf("Nth = %v", v)
	}
	if v, _ := Nth("ab", 5, "none"); v != "none" {
		t.Errorf("Nth default = %v", v)
	}
	g := fib(10)
	defer g.Close()
	Consume(g, 4)
	if v := Next(g); v != 5 {
		t.Errorf("after Consume(4) next = %v", v)
	}
	cs, _ := Chunks(Range(7), 3)
	if fmt.Sprint(cs) != "[[0, 1, 2] [3, 4, 5] [6]]" {
		t.Errorf("Chunks = %v", cs)
	}
	cases := []struct {
		x            any
		iterable, it bool
	}{
		{[]int{}, true, false}, {"abc", true, false}, {map[int]int{}, true, false},
		{100, false, false}, {nil, false, false}, {MustIter([]int{1}), true, true}, {fib(1), true, true},
	}
	for _, c := range cases {
		if IsIterable(c.x) != c.iterable || IsIterator(c.x) != c.it {
			t.Errorf("IsIterable/IsIterator(%v) = %v/%v", c.x, IsIterable(c.x), IsIterator(c.x))
		}
	}
}
