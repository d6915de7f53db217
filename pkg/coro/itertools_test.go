package coro

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
)

// compact renders the values of a Seq the way the itertools documentation
// writes them: tuples of 1-character strings or small ints run together
// ("AB", "012"), other values as Python reprs, separated by spaces.
func compact(t *testing.T, s Seq, limit int) string {
	t.Helper()
	var parts []string
	err := ForEach(s, func(v any) bool {
		if tup, ok := v.(Tuple); ok {
			var b strings.Builder
			for _, e := range tup {
				b.WriteString(Str(e))
			}
			parts = append(parts, b.String())
		} else {
			parts = append(parts, Str(v))
		}
		return len(parts) < limit
	})
	if err != nil {
		t.Fatalf("iteration failed: %v", err)
	}
	return strings.Join(parts, " ")
}

func TestItertoolsCPythonDocs(t *testing.T) {
	t.Parallel()
	lt5 := func(x int) bool { return x < 5 }
	data := []any{3, 4, 6, 2, 1, 9, 0, 7, 5, 8}
	maxf := func(a, b int) int {
		if a > b {
			return a
		}
		return b
	}
	cases := []struct {
		name string
		seq  Seq
		want string
	}{
		{"count(10)", ISlice(Count(10), 5), "10 11 12 13 14"},
		{"count(2.5, 0.5)", ISlice(Count(2.5, 0.5), 5), "2.5 3.0 3.5 4.0 4.5"},
		{"cycle('ABCD')", ISlice(Cycle("ABCD"), 10), "A B C D A B C D A B"},
		{"cycle([])", Cycle([]any{}), ""},
		{"repeat(10, 3)", Repeat(10, 3), "10 10 10"},
		{"repeat(None)", ISlice(Repeat(nil), 5), "None None None None None"},
		{"accumulate([1,2,3,4,5])", Accumulate([]int{1, 2, 3, 4, 5}, nil), "1 3 6 10 15"},
		{"accumulate(initial=100)", Accumulate([]int{1, 2, 3, 4, 5}, nil, 100), "100 101 103 106 110 115"},
		{"accumulate(data, operator.mul)", Accumulate(data, Mul), "3 12 72 144 144 1296 0 0 0 0"},
		{"accumulate(data, max)", Accumulate(data, maxf), "3 4 6 6 6 9 9 9 9 9"},
		{"chain('ABC', 'DEF')", Chain("ABC", "DEF"), "A B C D E F"},
		{"chain.from_iterable", ChainFromIterable([]string{"ABC", "DEF"}), "A B C D E F"},
		{"compress", Compress("ABCDEF", []int{1, 0, 1, 0, 1, 1}), "A C E F"},
		{"dropwhile", DropWhile(lt5, []int{1, 4, 6, 3, 8}), "6 3 8"},
		{"takewhile", TakeWhile(lt5, []int{1, 4, 6, 3, 8}), "1 4"},
		{"filterfalse", FilterFalse(lt5, []int{1, 4, 6, 3, 8}), "6 8"},
		{"filter", Filter(lt5, []int{1, 4, 6, 3, 8}), "1 4 3"},
		{"filter(None)", Filter(nil, []any{0, 1, "", "a", nil, 2.5, []int{}}), "1 a 2.5"},
		{"groupby keys", Map(func(t Tuple) any { return t[0] }, GroupBy("AAAABBBCCDAABBB", nil)), "A B C D A B"},
		{"groupby groups", Map(func(t Tuple) any { l, _ := List(t[1]); return strings.Join(strs(l), "") }, GroupBy("AAAABBBCCD", nil)), "AAAA BBB CC D"},
		{"groupby key", Map(func(t Tuple) any { l, _ := List(t[1]); return Tuple{t[0], l} }, GroupBy([]int{1, 3, 2, 4, 5}, func(x int) bool { return x%2 == 0 })), "False[1, 3] True[2, 4] False[5]"},
		{"groupby endless run", Map(func(t Tuple) any { l, _ := List(ISlice(t[1], 3)); return Tuple{t[0], l} }, ISlice(GroupBy(Count(0), func(x int) bool { return x >= 2 }), 2)), "False[0, 1] True[2, 3, 4]"},
		{"islice 2", ISlice("ABCDEFG", 2), "A B"},
		{"islice 2 4", ISlice("ABCDEFG", 2, 4), "C D"},
		{"islice 2 None", ISlice("ABCDEFG", 2, nil), "C D E F G"},
		{"islice 0 None 2", ISlice("ABCDEFG", 0, nil, 2), "A C E G"},
		{"islice count", ISlice(Count(0), 3, 10, 3), "3 6 9"},
		{"map pow", Map(Pow, []int{2, 3, 10}, []int{5, 2, 3}), "32 9 1000"},
		{"starmap pow", StarMap(Pow, []Tuple{{2, 5}, {3, 2}, {10, 3}}), "32 9 1000"},
		{"starmap math.Pow", StarMap(math.Pow, [][]any{{2, 5}, {3, 2}}), "32.0 9.0"},
		{"zip", Zip("ABCD", "xy"), "Ax By"},
		{"zip_longest", ZipLongest("-", "ABCD", "xy"), "Ax By C- D-"},
		{"pairwise", Pairwise("ABCDEFG"), "AB BC CD DE EF FG"},
		{"product", Product("ABCD", "xy"), "Ax Ay Bx By Cx Cy Dx Dy"},
		{"product repeat", ProductRepeat(3, Range(2)), "000 001 010 011 100 101 110 111"},
		{"product empty pool", Product("AB", ""), ""},
		{"permutations 2", Permutations("ABCD", 2), "AB AC AD BA BC BD CA CB CD DA DB DC"},
		{"permutations", Permutations(Range(3)), "012 021 102 120 201 210"},
		{"permutations r>n", Permutations("AB", 3), ""},
		{"combinations", Combinations("ABCD", 2), "AB AC AD BC BD CD"},
		{"combinations range", Combinations(Range(4), 3), "012 013 023 123"},
		{"combinations_with_replacement", CombinationsWithReplacement("ABC", 2), "AA AB AC BB BC CC"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := compact(t, c.seq, 100); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

func strs(l PyList) []string {
	out := make([]string, len(l))
	for i, v := range l {
		out[i] = Str(v)
	}
	return out
}

func TestItertoolsErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		seq  Seq
		want string
	}{
		{"not iterable", Chain([]int{1}, 5), "TypeError: 'int' object is not iterable"},
		{"islice negative", ISlice("abc", -1), "ValueError: Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."},
		{"islice step 0", ISlice("abc", 0, 2, 0), "ValueError: Step for islice() must be a positive integer or None."},
		{"not callable", Map(3, "abc"), "TypeError: 'int' object is not callable"},
		{"bad add", Accumulate([]any{1, "a"}, nil), "TypeError: unsupported operand type(s) for +: 'int' and 'str'"},
		{"wrong arity", Map(func(a, b int) int { return a }, []int{1}), "TypeError: coro.TestItertoolsErrors.func1() takes 2 positional arguments but 1 were given"},
		{"generator error", Chain(NewGenerator(func(y *Yielder) any { y.Yield(1); panic(KeyError) })), "KeyError"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := List(c.seq)
			if err == nil || err.Error() != c.want {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestItertoolsLazyAndClosing(t *testing.T) {
	t.Parallel()
	produced := 0
	gen := NewGenerator(func(y *Yielder) any {
		for i := 0; ; i++ {
			produced++
			y.Yield(i)
		}
	})
	got, err := Take(3, Zip(gen, "ab"))
	if err != nil || got.String() != "[(0, 'a'), (1, 'b')]" {
		t.Fatalf("Take(3, Zip) = %v, %v", got, err)
	}
	if produced != 3 {
		t.Fatalf("generator produced %d values, want 3 (lazy)", produced)
	}
	// Zip closed the generator it pulled from.
	if gen.State() != GenClosed {
		t.Fatalf("generator state after Zip = %v", gen.State())
	}
	// A Seq consumed through Iter and abandoned is closed by Close.
	it := MustIter(Count(0))
	Next(it)
	if err := it.(Closer).Close(); err != nil {
		t.Fatal(err)
	}
}

func TestReductions(t *testing.T) {
	t.Parallel()
	words := []string{"apple", "fig", "banana"}
	cases := []struct {
		name string
		got  func() (any, error)
		want string
	}{
		{"all([])", func() (any, error) { return All([]int{}), nil }, "True"},
		{"any([])", func() (any, error) { return Any([]int{}), nil }, "False"},
		{"all", func() (any, error) { return All([]any{1, "a", 0}), nil }, "False"},
		{"any", func() (any, error) { return Any([]any{0, "", 2}), nil }, "True"},
		{"max", func() (any, error) { return Max([]int{3, 9, 2}) }, "9"},
		{"min key", func() (any, error) { return Min(words, Key(func(s string) int { return len(s) })) }, "'fig'"},
		{"max key first of equals", func() (any, error) { return Max([]string{"ab", "cd", "e"}, Key(Len)) }, "'ab'"},
		{"max empty", func() (any, error) { return Max([]int{}) }, "ValueError: max() arg is an empty sequence"},
		{"min default", func() (any, error) { return Min([]int{}, Default("none")) }, "'none'"},
		{"max mixed", func() (any, error) { return Max([]any{1, "a"}) }, "TypeError: '>' not supported between instances of 'str' and 'int'"},
		{"reduce", func() (any, error) { return Reduce(Add, Range(1, 5)) }, "10"},
		{"reduce initial", func() (any, error) { return Reduce(Mul, Range(1, 5), 10) }, "240"},
		{"reduce empty", func() (any, error) { return Reduce(Add, []int{}) }, "TypeError: reduce() of empty iterable with no initial value"},
		{"sum", func() (any, error) { return Sum(Range(101)), nil }, "5050"},
		{"sum floats", func() (any, error) { return Sum([]any{1, 2.5}), nil }, "3.5"},
		{"fsum", func() (any, error) { return FSum(Repeat(0.1, 10)), nil }, "1.0"},
		{"sorted", func() (any, error) { return Sorted(words, Len, true) }, "['banana', 'apple', 'fig']"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := c.got()
			got := Repr(v)
			if err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestTee(t *testing.T) {
	t.Parallel()
	ts, err := Tee(Range(5), 3)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := List(ts[0])
	b, _ := Take(2, ts[1])
	c, _ := List(ts[2])
	rest, _ := List(ts[1])
	if a.String() != "[0, 1, 2, 3, 4]" || b.String() != "[0, 1]" || c.String() != a.String() || rest.String() != "[2, 3, 4]" {
		t.Fatalf("tee: %v %v %v %v", a, b, c, rest)
	}
}

func TestTeeDetectsConcurrentUse(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	entered := make(chan struct{})
	src := funcIter(func() (any, error) {
		close(entered)
		<-release
		return 1, nil
	})
	ts, _ := Tee(src, 2)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); ts[0].Next() }()
	<-entered
	_, err := ts[1].Next()
	close(release)
	wg.Wait()
	if !errors.Is(err, RuntimeError) || err.Error() != "RuntimeError: cannot re-enter the tee iterator" {
		t.Fatalf("concurrent tee Next: %v", err)
	}
}

// CPython: moving groupby on ends the previous grouper, and a grouper
// read halfway leaves the rest of its run to be skipped.
func TestGroupByGroupersShareTheIterator(t *testing.T) {
	t.Parallel()
	it := MustIter(GroupBy("AABBBC", nil))
	Next(it) // the A run
	b := Next(it).(Tuple)[1].(*Grouper)
	if v := Next(b); v != "B" {
		t.Fatalf("first B = %v", v)
	}
	c := Next(it).(Tuple) // skips the rest of the B run
	if l, _ := List(b); len(l) != 0 {
		t.Errorf("old grouper after moving on: %v", l)
	}
	if l, _ := List(c[1]); c[0] != "C" || Repr(l) != "['C']" {
		t.Errorf("C run: %v %v", c[0], l)
	}
	if _, err := it.Next(); !isStop(err) {
		t.Errorf("end: %v", err)
	}
	if s := Str(b); s != "<itertools._grouper object>" {
		t.Errorf("repr %q", s)
	}
}

// TestISliceEmptyAdvances: islice(it, n, n) yields nothing but advances it
// by n values, as CPython's does (the consume recipe relies on it).
func TestISliceEmptyAdvances(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		start, stop int
		want        any
	}{{3, 3, 3}, {2, 1, 2}, {0, 0, 0}, {12, 12, "end"}} {
		it := MustIter(Range(10))
		if l, err := List(ISlice(it, c.start, c.stop)); err != nil || len(l) != 0 {
			t.Errorf("islice(it, %d, %d) = %v, %v; want []", c.start, c.stop, l, err)
		}
		if got := NextDefault(it, "end"); got != c.want {
			t.Errorf("after islice(it, %d, %d): next = %v, want %v", c.start, c.stop, got, c.want)
		}
	}
}

// TestTeeCopy: a copy starts at the original's position and moves on its
// own (the tee_lookahead recipe).
func TestTeeCopy(t *testing.T) {
	t.Parallel()
	ts, err := Tee(Range(5), 1)
	if err != nil {
		t.Fatal(err)
	}
	a := ts[0]
	Next(a)
	b := a.Copy()
	if got := MustList(ISlice(b, 1, nil)); Repr(got) != "[2, 3, 4]" {
		t.Errorf("copy after one value: %v", Repr(got))
	}
	if got := MustList(a); Repr(got) != "[1, 2, 3, 4]" {
		t.Errorf("original after copy consumed: %v", Repr(got))
	}
}
