// The tests check the kernel's interpreted versions of cmp, iter,
// maps and slices against the standard library, compiled.
package gosrc_test

import (
	stdcmp "cmp"
	stditer "iter"
	stdmaps "maps"
	"math"
	"math/rand/v2"
	stdslices "slices"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/gosrc/cmp"
	"github.com/gokernel/gokernel/kernel/engine/gosrc/iter"
	"github.com/gokernel/gokernel/kernel/engine/gosrc/maps"
	"github.com/gokernel/gokernel/kernel/engine/gosrc/slices"
)

func randInts(r *rand.Rand, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = r.IntN(10)
	}
	return s
}

func TestSlicesAgainstStd(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		s := randInts(r, n)
		a, b := stdslices.Clone(s), slices.Clone(s)
		stdslices.Sort(a)
		slices.Sort(b)
		if !stdslices.Equal(a, b) {
			t.Fatalf("Sort(%v) = %v, want %v", s, b, a)
		}
		type kv struct{ k, i int }
		ps := make([]kv, n)
		for i := range ps {
			ps[i] = kv{s[i], i}
		}
		pa, pb := stdslices.Clone(ps), slices.Clone(ps)
		byK := func(x, y kv) int { return stdcmp.Compare(x.k, y.k) }
		stdslices.SortStableFunc(pa, byK)
		slices.SortStableFunc(pb, byK)
		if !stdslices.Equal(pa, pb) {
			t.Fatalf("SortStableFunc = %v, want %v", pb, pa)
		}
		v := r.IntN(10)
		if gi, gf := slices.BinarySearch(a, v); true {
			wi, wf := stdslices.BinarySearch(a, v)
			if gi != wi || gf != wf {
				t.Fatalf("BinarySearch(%v, %d) = %d %v, want %d %v", a, v, gi, gf, wi, wf)
			}
		}
		checks := []struct {
			name      string
			got, want any
		}{
			{"Index", slices.Index(s, v), stdslices.Index(s, v)},
			{"Contains", slices.Contains(s, v), stdslices.Contains(s, v)},
			{"Compact", slices.Compact(slices.Clone(a)), stdslices.Compact(stdslices.Clone(a))},
			{"Collect", slices.Collect(slices.Values(s)), stdslices.Collect(stdslices.Values(s))},
			{"Sorted", slices.Sorted(slices.Values(s)), stdslices.Sorted(stdslices.Values(s))},
			{"Compare", slices.Compare(s, a), stdslices.Compare(s, a)},
			{"IsSorted", slices.IsSorted(s), stdslices.IsSorted(s)},
			{"Repeat", slices.Repeat(s, 2), stdslices.Repeat(s, 2)},
			{"Concat", slices.Concat(s, a), stdslices.Concat(s, a)},
		}
		if n > 0 {
			i := r.IntN(n)
			j := i + r.IntN(n-i+1)
			checks = append(checks,
				struct {
					name      string
					got, want any
				}{"Max", slices.Max(s), stdslices.Max(s)},
				struct {
					name      string
					got, want any
				}{"Min", slices.Min(s), stdslices.Min(s)},
				struct {
					name      string
					got, want any
				}{"Delete", slices.Delete(slices.Clone(s), i, j), stdslices.Delete(stdslices.Clone(s), i, j)},
				struct {
					name      string
					got, want any
				}{"Insert", slices.Insert(slices.Clone(s), i, 7, 8), stdslices.Insert(stdslices.Clone(s), i, 7, 8)},
				struct {
					name      string
					got, want any
				}{"Replace", slices.Replace(slices.Clone(s), i, j, 5), stdslices.Replace(stdslices.Clone(s), i, j, 5)},
			)
		}
		for _, c := range checks {
			if g, w := c.got, c.want; !equalAny(g, w) {
				t.Fatalf("%s(%v) = %v, want %v", c.name, s, g, w)
			}
		}
		x, y := slices.Clone(s), stdslices.Clone(s)
		slices.Reverse(x)
		stdslices.Reverse(y)
		if !stdslices.Equal(x, y) {
			t.Fatalf("Reverse = %v, want %v", x, y)
		}
	}
}

func equalAny(a, b any) bool {
	switch a := a.(type) {
	case []int:
		return stdslices.Equal(a, b.([]int)) && (a == nil) == (b.([]int) == nil)
	}
	return a == b
}

func TestCmpAgainstStd(t *testing.T) {
	vals := []float64{math.NaN(), math.Inf(-1), -1, 0, 1, math.Inf(1)}
	for _, x := range vals {
		for _, y := range vals {
			if g, w := cmp.Compare(x, y), stdcmp.Compare(x, y); g != w {
				t.Errorf("Compare(%v, %v) = %d, want %d", x, y, g, w)
			}
			if g, w := cmp.Less(x, y), stdcmp.Less(x, y); g != w {
				t.Errorf("Less(%v, %v) = %v, want %v", x, y, g, w)
			}
		}
	}
	if g := cmp.Or("", "a", "b"); g != stdcmp.Or("", "a", "b") {
		t.Errorf("Or = %q", g)
	}
}

func TestMapsAgainstStd(t *testing.T) {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	if !stdslices.Equal(stdslices.Sorted(stdmaps.Keys(m)), stdslices.Sorted(stditer.Seq[string](maps.Keys(m)))) {
		t.Error("Keys")
	}
	if !stdslices.Equal(stdslices.Sorted(stdmaps.Values(m)), stdslices.Sorted(stditer.Seq[int](maps.Values(m)))) {
		t.Error("Values")
	}
	c := maps.Clone(m)
	if !stdmaps.Equal(c, m) || !maps.Equal(c, m) {
		t.Error("Clone/Equal")
	}
	maps.DeleteFunc(c, func(k string, v int) bool { return v > 1 })
	maps.Copy(c, map[string]int{"z": 9})
	if want := map[string]int{"a": 1, "z": 9}; !stdmaps.Equal(c, want) {
		t.Errorf("DeleteFunc/Copy = %v, want %v", c, want)
	}
	if g := maps.Collect(maps.All(m)); !stdmaps.Equal(g, m) {
		t.Errorf("Collect(All) = %v", g)
	}
}

func TestPull(t *testing.T) {
	next, stop := iter.Pull(slices.Values([]int{1, 2, 3}))
	for _, want := range []int{1, 2} {
		if v, ok := next(); !ok || v != want {
			t.Fatalf("next = %d %v, want %d true", v, ok, want)
		}
	}
	stop()
	if v, ok := next(); ok || v != 0 {
		t.Fatalf("after stop: %d %v", v, ok)
	}
	stop() // again: no effect
	n2, stop2 := iter.Pull2(slices.All([]string{"x"}))
	defer stop2()
	if i, v, ok := n2(); i != 0 || v != "x" || !ok {
		t.Fatalf("Pull2 next = %d %q %v", i, v, ok)
	}
	if _, _, ok := n2(); ok {
		t.Fatal("Pull2 past the end")
	}
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v, want the sequence's panic", r)
		}
	}()
	nb, _ := iter.Pull(func(yield func(int) bool) { yield(1); panic("boom") })
	nb()
	nb()
}

// The interpreted packages' sequences are the standard ones.
var (
	_ stditer.Seq[int]       = slices.Values([]int(nil))
	_ stditer.Seq2[int, int] = slices.All([]int(nil))
	_ iter.Seq[int]          = slices.Values([]int(nil))
)
