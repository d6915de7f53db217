package stdlib_test

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestGenericStdlib records exactly which generic functions of slices, maps
// and cmp a cell can call. The tables cannot hold generic functions; what
// works comes from the go1.22 sources of cmp, maps and slices that yaegi
// compiles when the fmt table is Used, and yaegi's generics cannot
// instantiate most of them ("undefined type for E"), or the function is
// newer than go1.22 ("undefined selector"). If a case flips, yaegi changed:
// update this table and the package documentation.
func TestGenericStdlib(t *testing.T) {
	works := []struct {
		name, body, want string
	}{
		{"slices.Index", `fmt.Println(slices.Index([]int{1, 2}, 2))`, fmt.Sprintln(slices.Index([]int{1, 2}, 2))},
		{"slices.IndexFunc", `fmt.Println(slices.IndexFunc([]int{1, 2}, func(x int) bool { return x == 2 }))`,
			fmt.Sprintln(slices.IndexFunc([]int{1, 2}, func(x int) bool { return x == 2 }))},
		{"slices.Contains", `fmt.Println(slices.Contains([]string{"a", "b"}, "b"))`,
			fmt.Sprintln(slices.Contains([]string{"a", "b"}, "b"))},
		{"slices.ContainsFunc", `fmt.Println(slices.ContainsFunc([]int{1, 2}, func(x int) bool { return x > 1 }))`,
			fmt.Sprintln(slices.ContainsFunc([]int{1, 2}, func(x int) bool { return x > 1 }))},
		{"slices.EqualFunc", `fmt.Println(slices.EqualFunc([]int{1}, []int{1}, func(a, b int) bool { return a == b }))`,
			fmt.Sprintln(slices.EqualFunc([]int{1}, []int{1}, func(a, b int) bool { return a == b }))},
		{"slices.CompareFunc", `fmt.Println(slices.CompareFunc([]int{1}, []int{2}, func(a, b int) int { return a - b }))`,
			fmt.Sprintln(slices.CompareFunc([]int{1}, []int{2}, func(a, b int) int { return a - b }))},
		{"maps.DeleteFunc", `m := map[string]int{"a": 1, "b": 2}; maps.DeleteFunc(m, func(k string, v int) bool { return v == 1 }); fmt.Println(m)`,
			fmt.Sprintln(deleteFunc())},
		{"cmp.Compare", `fmt.Println(cmp.Compare(1, 2))`, fmt.Sprintln(cmp.Compare(1, 2))},
		{"cmp.Less", `fmt.Println(cmp.Less("a", "b"))`, fmt.Sprintln(cmp.Less("a", "b"))},
	}
	for _, c := range works {
		t.Run(c.name, func(t *testing.T) {
			out, err := evalMain(t, c.name, c.body)
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if out != c.want {
				t.Errorf("output %q, want %q", out, c.want)
			}
		})
	}

	fails := []struct{ name, body string }{
		{"slices.Sort", `s := []int{2, 1}; slices.Sort(s)`},
		{"slices.SortFunc", `s := []int{2, 1}; slices.SortFunc(s, func(a, b int) int { return a - b })`},
		{"slices.SortStableFunc", `s := []int{2, 1}; slices.SortStableFunc(s, func(a, b int) int { return a - b })`},
		{"slices.BinarySearch", `fmt.Println(slices.BinarySearch([]int{1, 2, 3}, 2))`},
		{"slices.IsSorted", `fmt.Println(slices.IsSorted([]int{1, 2}))`},
		{"slices.Max", `fmt.Println(slices.Max([]int{1, 3, 2}))`},
		{"slices.Min", `fmt.Println(slices.Min([]int{3, 1, 2}))`},
		{"slices.Clone", `fmt.Println(slices.Clone([]int{1, 2}))`},
		{"slices.Clip", `fmt.Println(slices.Clip([]int{1, 2}))`},
		{"slices.Compact", `fmt.Println(slices.Compact([]int{1, 1, 2}))`},
		{"slices.Compare", `fmt.Println(slices.Compare([]int{1}, []int{2}))`},
		{"slices.Concat", `fmt.Println(slices.Concat([]int{1}, []int{2}))`},
		{"slices.Delete", `fmt.Println(slices.Delete([]int{1, 2, 3}, 0, 1))`},
		{"slices.DeleteFunc", `fmt.Println(slices.DeleteFunc([]int{1, 2}, func(x int) bool { return x == 2 }))`},
		{"slices.Equal", `fmt.Println(slices.Equal([]int{1}, []int{1}))`},
		{"slices.Grow", `fmt.Println(len(slices.Grow([]int{1}, 10)))`},
		{"slices.Insert", `fmt.Println(slices.Insert([]int{1, 3}, 1, 2))`},
		{"slices.Replace", `fmt.Println(slices.Replace([]int{1, 2, 3}, 0, 1, 9))`},
		{"slices.Reverse", `s := []int{1, 2}; slices.Reverse(s)`},
		{"slices.Repeat", `fmt.Println(slices.Repeat([]int{1}, 2))`},
		{"slices.All", `_ = slices.All([]int{1})`},
		{"slices.Values", `_ = slices.Values([]int{1})`},
		{"slices.Collect", `_ = slices.Collect(slices.Values([]int{1}))`},
		{"slices.Sorted", `_ = slices.Sorted(slices.Values([]int{2, 1}))`},
		{"slices.Chunk", `_ = slices.Chunk([]int{1, 2}, 1)`},
		{"maps.Keys", `_ = maps.Keys(map[string]int{"a": 1})`},
		{"maps.Values", `_ = maps.Values(map[string]int{"a": 1})`},
		{"maps.All", `_ = maps.All(map[string]int{"a": 1})`},
		{"maps.Clone", `fmt.Println(maps.Clone(map[string]int{"a": 1}))`},
		{"maps.Copy", `m := map[string]int{}; maps.Copy(m, map[string]int{"a": 1})`},
		{"maps.Equal", `fmt.Println(maps.Equal(map[string]int{"a": 1}, map[string]int{"a": 1}))`},
		{"maps.EqualFunc", `fmt.Println(maps.EqualFunc(map[string]int{"a": 1}, map[string]int{"a": 1}, func(a, b int) bool { return a == b }))`},
		{"cmp.Or", `fmt.Println(cmp.Or(0, 3))`},
	}
	for _, c := range fails {
		t.Run(c.name, func(t *testing.T) {
			if out, err := evalMain(t, c.name, c.body); err == nil {
				t.Errorf("works now (output %q): move it to the works table and update the docs", out)
			}
		})
	}
}

// deleteFunc is the native result of the maps.DeleteFunc case.
func deleteFunc() map[string]int {
	m := map[string]int{"a": 1, "b": 2}
	maps.DeleteFunc(m, func(k string, v int) bool { return v == 1 })
	return m
}

// evalMain runs body as the main function of a program importing fmt and
// the package of name ("slices.Sort" imports slices), recovering a panic
// of the interpreter as an error.
func evalMain(t *testing.T, name, body string) (out string, err error) {
	t.Helper()
	pkg, _, _ := strings.Cut(name, ".")
	prog := fmt.Sprintf("package main\n\nimport (\n\t\"fmt\"\n\t%q\n)\n\nvar _ = fmt.Sprint\n\nfunc main() {\n\t%s\n}\n", pkg, body)
	var buf bytes.Buffer
	i := newInterp(t, &buf)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	_, err = i.Eval(prog)
	return buf.String(), err
}
