package pkgsyms_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
)

// newSession returns an engine session with the project's packages
// preloaded, as the worker creates it; output is discarded.
func newSession(tb testing.TB) *engine.Session {
	tb.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { null.Close() })
	s, err := engine.New(engine.Options{Stdout: null, Stderr: null,
		Symbols: pkgsyms.Tables(), Preload: pkgsyms.Preload()})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func exec(tb testing.TB, s *engine.Session, name, src string) string {
	tb.Helper()
	out := s.Exec(context.Background(), name, src)
	if out.Err != nil {
		tb.Fatalf("%s: %s: %s", name, out.Err.Name, out.Err.Value)
	}
	if out.Value == nil {
		return ""
	}
	return out.Value.Text
}

func TestPackagesAndPreload(t *testing.T) {
	pkgs := pkgsyms.Packages()
	if len(pkgs) == 0 || pkgs[0] != "github.com/gokernel/gokernel/pkg/coro" {
		t.Fatalf("Packages = %v", pkgs)
	}
	if got := pkgsyms.Preload()["coro"]; got != "github.com/gokernel/gokernel/pkg/coro" {
		t.Fatalf("Preload[coro] = %q", got)
	}
	syms := pkgsyms.Symbols()
	if _, ok := syms["time/time"]["Sleep"]; !ok {
		t.Fatal("no time.Sleep patch")
	}
	if _, ok := syms["."]["MapTypes"]; !ok {
		t.Fatal("no MapTypes")
	}
}

// TestCellIterableTypes checks the MapTypes hook: a type defined in a cell
// implementing coro.Iterable or coro.Iterator is seen as one by the coro
// functions taking `any`.
func TestCellIterableTypes(t *testing.T) {
	s := newSession(t)
	exec(t, s, "cell[1]", `type words struct{ ws []string }

func (w words) Iter() coro.Iterator { return coro.MustIter(w.ws) }`)
	cases := []struct{ src, want string }{
		{`coro.MustList(words{[]string{"a", "b"}})`, "['a', 'b']"},
		{`coro.Sum(coro.Map(func(s string) int { return len(s) }, words{[]string{"ab", "cde"}}))`, "5"},
		{`coro.MustList(coro.Zip(words{[]string{"x", "y"}}, coro.Range(5)))`, "[('x', 0), ('y', 1)]"},
	}
	for i, c := range cases {
		if got := exec(t, s, fmt.Sprintf("cell[%d]", i+2), c.src); got != c.want {
			t.Errorf("%s = %s, want %s", c.src, got, c.want)
		}
	}
}

// BenchmarkCellGeneratorNext measures resuming an interpreted generator
// body from an interpreted loop, per resume.
func BenchmarkCellGeneratorNext(b *testing.B) {
	s := newSession(b)
	exec(b, s, "cell[1]", `func counter() *coro.Generator {
	return coro.NewGenerator(func(y *coro.Yielder) any {
		for i := 0; ; i++ {
			y.Yield(i)
		}
	})
}

func drive(g *coro.Generator, n int) {
	for i := 0; i < n; i++ {
		g.Next()
	}
}

var g = counter()`)
	b.ResetTimer()
	start := time.Now()
	exec(b, s, "cell[2]", fmt.Sprintf("drive(g, %d)", b.N))
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds()/1e6, "Mresumes/s")
}

// BenchmarkCellLoopFloor is yaegi's floor for the above: an interpreted
// loop making one interpreted call per step.
func BenchmarkCellLoopFloor(b *testing.B) {
	s := newSession(b)
	exec(b, s, "cell[1]", `func step(i int) int { return i + 1 }

func loop(n int) {
	x := 0
	for i := 0; i < n; i++ {
		x = step(x)
	}
}`)
	b.ResetTimer()
	start := time.Now()
	exec(b, s, "cell[2]", fmt.Sprintf("loop(%d)", b.N))
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds()/1e6, "Msteps/s")
}

// BenchmarkCellGreenletSwitch measures a main -> greenlet -> main round
// trip driven from a cell.
func BenchmarkCellGreenletSwitch(b *testing.B) {
	s := newSession(b)
	exec(b, s, "cell[1]", `var gmain = coro.CurrentGreenlet()

func bounce() {
	for {
		gmain.Switch()
	}
}

var gr = coro.NewGreenlet(bounce)

func switches(n int) {
	for i := 0; i < n; i++ {
		gr.Switch()
	}
}`)
	b.ResetTimer()
	exec(b, s, "cell[2]", fmt.Sprintf("switches(%d)", b.N))
	b.StopTimer()
	exec(b, s, "cell[3]", "gr.Kill()")
}

// BenchmarkCellSpawnJoin100k spawns and joins 100,000 tasks from a cell.
func BenchmarkCellSpawnJoin100k(b *testing.B) {
	s := newSession(b)
	exec(b, s, "cell[1]", `func nop() {}

func spawnJoin(n int) {
	ts := make([]*coro.Task, n)
	for i := range ts {
		ts[i] = coro.Spawn(nop)
	}
	coro.JoinAll(ts...)
}`)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		exec(b, s, fmt.Sprintf("cell[%d]", i+2), "spawnJoin(100000)")
	}
}

func TestGeneratedIsCurrent(t *testing.T) {
	src, err := os.ReadFile("z_github_com_gokernel_gokernel_pkg_coro.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"NewGenerator", "Spawn", "Gather", "ISlice", "NewGreenlet", "PatchAll"} {
		if !strings.Contains(string(src), `"`+name+`"`) {
			t.Errorf("generated table lacks %s: run go generate", name)
		}
	}
}

// TestPreloadReplays checks that a preloaded import is a declaration of the
// session like a written one: a new worker replaying the session's
// declarations gets it back, and functions using coro work there.
func TestPreloadReplays(t *testing.T) {
	s1 := newSession(t)
	exec(t, s1, "cell[1]", `func evens() *coro.Generator {
	return coro.GenExpr(func(x int) int { return 2 * x }, coro.Range(3))
}`)
	decls := s1.Decls()
	if len(decls) != 2 || decls[0].Kind != "import" {
		t.Fatalf("decls = %+v", decls)
	}
	s2 := newSession(t)
	if _, errs := s2.Replay(context.Background(), decls); len(errs) > 0 {
		t.Fatalf("replay: %v", errs)
	}
	if got := exec(t, s2, "cell[2]", "coro.MustList(evens())"); got != "[0, 2, 4]" {
		t.Fatalf("after replay: %s", got)
	}
}
