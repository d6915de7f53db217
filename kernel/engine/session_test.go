package engine

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// newTestSession returns a Session whose output is discarded.
func newTestSession(t testing.TB) *Session {
	t.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { null.Close() })
	s, err := New(Options{Stdout: null, Stderr: null})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// execAll runs cells in s and returns the declarations they made.
func execAll(t *testing.T, s *Session, cells []string) []Decl {
	t.Helper()
	var decls []Decl
	for i, c := range cells {
		out := s.Exec(context.Background(), fmt.Sprintf("cell[%d]", i+1), c)
		if out.Err != nil {
			t.Fatalf("cell %q: %s", c, errorText(out.Err))
		}
		decls = append(decls, out.Decls...)
	}
	return decls
}

// valueOf runs src in s and returns its rendered value or error.
func valueOf(s *Session, src string) string {
	out := s.Exec(context.Background(), "cell[99]", src)
	if out.Err != nil {
		return "error: " + out.Err.Value
	}
	if out.Value == nil {
		return "<no value>"
	}
	return out.Value.Text
}

var replayCells = []string{
	`import "strings"`,
	"type shape struct{ W, H int }\nfunc (s shape) Area() int { return s.W * s.H }",
	"func shout(s string) string { return strings.ToUpper(s) + \"!\" }",
	"n := 3\nsq := shape{W: n, H: 2}",
	"n = 10\nsq.W = 7", // statements: not replayed
	"const unit = \"cm\"",
	"import \"fmt\"\nfunc describe() string { return fmt.Sprint(sq.Area(), unit) }",
}

func TestReplay(t *testing.T) {
	decls := execAll(t, newTestSession(t), replayCells)
	reversed := slices.Clone(decls)
	slices.Reverse(reversed)
	for _, tc := range []struct {
		name  string
		decls []Decl
	}{
		{"in order", decls},
		{"reversed", reversed}, // every forward reference is retried
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestSession(t)
			reset, errs := s.Replay(context.Background(), tc.decls)
			if len(errs) > 0 {
				t.Fatalf("replay errors: %v", errs)
			}
			slices.Sort(reset)
			if want := []string{"n", "sq"}; !slices.Equal(reset, want) {
				t.Errorf("reset = %v, want %v", reset, want)
			}
			for _, c := range []struct{ src, want string }{
				{`shout("hi")`, `"HI!"`},
				{"sq.Area()", "6"},
				{"n", "3"}, // the initial value: `n = 10` was a statement
				{"unit", `"cm"`},
				{"describe()", `"6cm"`},
				{"sq.W = 4\ndescribe()", `"8cm"`},
			} {
				if got := valueOf(s, c.src); got != c.want {
					t.Errorf("%s = %s, want %s", c.src, got, c.want)
				}
			}
			if got := len(s.Decls()); got != len(tc.decls) {
				t.Errorf("session has %d declarations after replay, want %d", got, len(tc.decls))
			}
		})
	}
}

func TestReplayReportsFailures(t *testing.T) {
	s := newTestSession(t)
	decls := []Decl{
		{Kind: "func", Names: []string{"ok"}, Src: "func ok() int { return 1 }"},
		{Kind: "func", Names: []string{"bad"}, Src: "func bad() int { return missing }"},
		{Kind: "var", Names: []string{"v"}, Src: "var v = ok() + 1"},
		{Kind: "var", Names: []string{"boom"}, Src: "var boom = []int{}[1]"},
	}
	reset, errs := s.Replay(context.Background(), decls)
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want 2 (bad, boom)", errs)
	}
	for i, want := range []string{"func bad", "var boom"} {
		if !strings.Contains(errs[i].Error(), want) {
			t.Errorf("error %d = %v, want it to name %q", i, errs[i], want)
		}
	}
	if !slices.Equal(reset, []string{"v"}) {
		t.Errorf("reset = %v, want [v]", reset)
	}
	if got := valueOf(s, "v"); got != "2" {
		t.Errorf("v = %s, want 2", got)
	}
	if got := valueOf(s, "bad()"); !strings.HasPrefix(got, "error: ") {
		t.Errorf("bad() = %s, want an error (it was not replayed)", got)
	}
}

func TestInterruptThenContinue(t *testing.T) {
	s := newTestSession(t)
	execAll(t, s, []string{"import \"sync\"\nx := 41\nfunc next() int { return x + 1 }"})
	// Interrupt once the cell blocks in wg.Wait (one more goroutine waits
	// there), not after a fixed time: a loaded machine may not have
	// declared wg by then, and a cancel that lands before the native call
	// ends the cell's goroutine, which yaegi races with (below).
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	before := waitGroupWaiters()
	go func() {
		for waitGroupWaiters() <= before && ctx.Err() == nil {
			runtime.Gosched()
		}
		cancel()
	}()
	// A native call that never returns: the interrupt must not wait for it.
	// (An interpreted loop would do as well, but yaegi's ExecuteWithContext
	// races with its own goroutine when that one ends after a cancel, which
	// the race detector reports.)
	out := s.Exec(ctx, "cell[2]", "x = 1\nvar wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()")
	if out.Err == nil || out.Err.Name != NameInterrupted {
		t.Fatalf("blocked cell: err = %+v, want Interrupted", out.Err)
	}
	// The next cell runs in a rebuilt interpreter, where x has its initial
	// value again (the interrupted cell may still be running in the old
	// one; its memory is not shared).
	out = s.Exec(context.Background(), "cell[3]", "next()")
	if out.Err != nil || out.Value == nil || out.Value.Text != "42" {
		t.Errorf("next() after interrupt = %+v, %+v; want 42", out.Value, out.Err)
	}
	if !slices.Equal(out.Reset, []string{"x", "wg"}) {
		t.Errorf("reset after interrupt = %v, want [x wg]", out.Reset)
	}
}

func TestIsInt(t *testing.T) {
	s := newTestSession(t)
	execAll(t, s, []string{"type count int\nconst n = 3\nconst f = 1.5\nvar c count = 2\ni := 4\nu := uint8(1)\nstr := \"s\"\nfl := 2.0"})
	for name, want := range map[string]bool{
		"n": true, "f": false, "c": true, "i": true, "u": true, "str": false, "fl": false, "missing": false,
	} {
		if got := s.IsInt(name); got != want {
			t.Errorf("IsInt(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestNewNeedsFiles(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Fatal("New without Stdout/Stderr succeeded")
	}
}

// waitGroupWaiters counts the goroutines blocked in sync.WaitGroup.Wait.
func waitGroupWaiters() int {
	buf := make([]byte, 1<<20)
	return strings.Count(string(buf[:runtime.Stack(buf, true)]), "sync.(*WaitGroup).Wait(")
}
