package engine

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// A fresh session restores the values a snapshot carried, leaves at their
// zero value the vars whose initializer has effects, and runs the other
// initializers again.
func TestReplayRestoring(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "log.txt")
	old := newTestSession(t)
	decls := execAll(t, old, []string{
		`import ("os"; "strings")`,
		`type point struct{ X, Y int }
func mark() *os.File { f, _ := os.Create(` + "`" + file + "`" + `); return f }`,
		`n := 1
name := "go"
nums := []int{1, 2}
m := map[string]point{"a": {1, 2}}
var counted = strings.Repeat("x", 2)
f := mark()
ch := make(chan int)`,
		`n = 42
name += "pher"
nums = append(nums, 3)
m["b"] = point{3, 4}
f.Close()`,
	})
	values, skipped := old.Snapshot()
	slices.Sort(skipped)
	if want := []string{"ch", "f"}; !slices.Equal(skipped, want) {
		t.Errorf("skipped = %v, want %v", skipped, want)
	}
	delete(values, "counted") // as if taken before that var existed
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}

	s := newTestSession(t)
	rep, errs := s.ReplayRestoring(context.Background(), decls, values)
	if len(errs) > 0 {
		t.Fatalf("replay errors: %v", errs)
	}
	slices.Sort(rep.Restored)
	if want := []string{"m", "n", "name", "nums"}; !slices.Equal(rep.Restored, want) {
		t.Errorf("restored = %v, want %v", rep.Restored, want)
	}
	if want := []string{"f"}; !slices.Equal(rep.Zeroed, want) {
		t.Errorf("zeroed = %v, want %v (mark creates a file)", rep.Zeroed, want)
	}
	slices.Sort(rep.Reset)
	if want := []string{"ch", "counted"}; !slices.Equal(rep.Reset, want) {
		t.Errorf("reset = %v, want %v", rep.Reset, want)
	}
	for src, want := range map[string]string{
		"n": "42", "name": `"gopher"`, "nums": "[1 2 3]", `m["b"].Y`: "4",
		"len(m)": "2", "f == nil": "true", "counted": `"xx"`, "ch != nil": "true",
	} {
		if got := valueOf(s, src); got != want {
			t.Errorf("%s = %s, want %s", src, got, want)
		}
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("the replay ran os.Create again: %v", err)
	}
}

func TestPlainData(t *testing.T) {
	type inner struct{ A []string }
	type hidden struct{ a int }
	h := hidden{a: 1}
	_ = h.a
	x := 1
	for _, tc := range []struct {
		v    any
		want bool
	}{
		{1, true}, {"s", true}, {[]int{1}, true}, {map[int]string{1: "a"}, true},
		{struct{ I inner }{inner{[]string{"x"}}}, false}, // a compiled named type
		{struct{ A, B int }{1, 2}, true},
		{h, false}, {&x, false}, {make(chan int), false}, {func() {}, false},
		{[]any{1}, false}, {map[[2]int]int{}, false},
		{make([]int, snapshotBudget+1), false},
	} {
		budget := snapshotBudget
		if got := plainData(reflectValue(tc.v), &budget); got != tc.want {
			t.Errorf("plainData(%T) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestEffectful(t *testing.T) {
	var entries []*entry
	for _, d := range []Decl{
		{Kind: "func", Names: []string{"spawn"}, Src: "func spawn() int { go work(); return 1 }"},
		{Kind: "func", Names: []string{"viaSpawn"}, Src: "func viaSpawn() int { return spawn() }"},
		{Kind: "func", Names: []string{"pure"}, Src: "func pure() int { return 2 }"},
		{Kind: "var", Names: []string{"a"}, Src: "var a = viaSpawn()"},
		{Kind: "var", Names: []string{"b"}, Src: "var b = pure()"},
		{Kind: "var", Names: []string{"t"}, Src: "var t = mt.NewThread(pure)"},
		{Kind: "var", Names: []string{"in"}, Src: `var in = mt.Input("name? ")`},
		{Kind: "var", Names: []string{"l"}, Src: "var l = mt.NewLock()"},
		{Kind: "var", Names: []string{"tick"}, Src: "var tick = time.NewTicker(time.Second)"},
	} {
		entries = append(entries, newEntry(d))
	}
	got := effectful(entries)
	for n, want := range map[string]bool{"a": true, "b": false, "t": true, "in": true, "l": false, "tick": true} {
		if got[n] != want {
			t.Errorf("effectful %s = %v, want %v", n, got[n], want)
		}
	}
}

func reflectValue(v any) reflect.Value { return reflect.ValueOf(v) }
