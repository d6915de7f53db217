package gotypes_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/kernel/gotypes"
)

// benchSession is a session of 50 cells of the lessons' kind, run by the
// real engine: its declaration log and cell texts.
type benchSession struct {
	decls []gotypes.Decl
	cells map[string]string
}

func (s *benchSession) Declarations() (uint64, []gotypes.Decl) { return 1, s.decls }
func (s *benchSession) CellSource(n string) (string, bool) {
	c, ok := s.cells[n]
	return c, ok
}

// lessonCells returns 50 cells like the lessons': imports, documented types
// with methods, generators and tasks from coro, pools, locks and queues
// from mt, helper funcs, and statements that use them.
func lessonCells() []string {
	cells := []string{
		"import (\n\t\"fmt\"\n\t\"strings\"\n\t\"sync\"\n\t\"time\"\n)",
	}
	for i := range 7 {
		cells = append(cells,
			fmt.Sprintf("// Counter%d counts events under a lock.\ntype Counter%d struct {\n\tmu sync.Mutex\n\tN  int\n\tName string\n}\n\n"+
				"// Inc adds one and returns the new count.\nfunc (c *Counter%d) Inc() int {\n\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\tc.N++\n\treturn c.N\n}", i, i, i),
			fmt.Sprintf("// fib%d returns a generator of the first n Fibonacci numbers.\nfunc fib%d(n int) *coro.Generator {\n\treturn coro.NewGenerator(func(y *coro.Yielder) any {\n"+
				"\t\ta, b := 0, 1\n\t\tfor range n {\n\t\t\ty.Yield(a)\n\t\t\ta, b = b, a+b\n\t\t}\n\t\treturn nil\n\t})\n}", i, i),
			fmt.Sprintf("c%d := &Counter%d{Name: \"c%d\"}\nfor range 3 {\n\tc%d.Inc()\n}\nfmt.Println(c%d.N)", i, i, i, i, i),
			fmt.Sprintf("words%d := strings.Fields(\"a b c d\")\nupper%d := strings.ToUpper(words%d[0])\nfmt.Println(len(words%d), upper%d)", i, i, i, i, i),
			fmt.Sprintf("lock%d := mt.NewLock()\nstart%d := time.Now()\n_ = lock%d\n_ = start%d", i, i, i, i),
			fmt.Sprintf("const limit%d = %d\nvar results%d []int\nfor v := range limit%d {\n\tresults%d = append(results%d, v*v)\n}", i, i+3, i, i, i, i),
			fmt.Sprintf("// Task%d is one piece of work.\ntype Task%d struct{ ID int; Label string }\n\n// String names the task.\nfunc (t Task%d) String() string { return fmt.Sprintf(\"task %%d\", t.ID) }\ntasks%d := []Task%d{{1, \"a\"}, {2, \"b\"}}", i, i, i, i, i),
		)
	}
	return cells[:50]
}

func newBenchSession(tb testing.TB) *benchSession {
	s, err := engine.New(engine.Options{Stdout: os.Stdout, Stderr: os.Stderr, Symbols: pkgsyms.Tables(), Preload: pkgsyms.Preload()})
	if err != nil {
		tb.Fatal(err)
	}
	bs := &benchSession{cells: map[string]string{}}
	devnull, _ := os.Open(os.DevNull)
	defer devnull.Close()
	for i, c := range lessonCells() {
		name := fmt.Sprintf("cell[%d]", i+1)
		if o := s.Exec(context.Background(), name, c); o.Err != nil {
			tb.Fatalf("%s failed: %s\n%s", name, o.Err.Value, c)
		}
		bs.cells[name] = c
	}
	for _, d := range s.Decls() {
		bs.decls = append(bs.decls, gotypes.Decl{Kind: d.Kind, Names: d.Names, Src: d.Src})
	}
	return bs
}

// benchRequests are 40 completions and 20 inspections, each with a
// result it must give ("" for inspections: found).
var benchRequests = []struct {
	code    string
	inspect bool
	want    string
}{
	{"c3.|", false, "Inc"}, {"c3.In|", false, "Inc"}, {"fmt.Pri|", false, "Println"}, {"coro.|", false, "NewGenerator"},
	{"mt.NewP|", false, "NewPool"}, {"strings.ToU|", false, "ToUpper"}, {"time.Sl|", false, "Sleep"},
	{"fib|", false, "fib0"}, {"tasks5[0].|", false, "Label"}, {"g := fib2(5)\ng.|", false, "Next"},
	{"res|", false, "results0"}, {"t := Task1{|", false, "ID"}, {"import \"enc|", false, "encoding/json"},
	{"for _, w := range words4 {\n\tw.|", false, ""}, {"for _, w := range words4 {\n\tstrings.Rep|", false, "Repeat"},
	{"lock2.|", false, "Lock"}, {"start1.|", false, "Sub"}, {"c6.mu.|", false, "Lock"}, {"upp|", false, "upper0"},
	{"x := le|", false, "len"}, {"fo|", false, "for"}, {"sync.|", false, "WaitGroup"}, {"var wg sync.WaitGroup\nwg.|", false, "Wait"},
	{"display.|", false, "HTML"}, {"名字 := \"张三\"\n名|", false, "名字"}, {"c0.N.|", false, ""}, {"(*Counter4).|", false, "Inc"},
	{"p, _ := mt.NewPool(2)\np.|", false, "Close"}, {"coro.Go(func() {\n\tfmt.Pr|", false, "Print"}, {"results3 = append(results3, lim|", false, "limit3"},
	{"time.Now().|", false, "Unix"}, {"strings.NewReader(\"x\").|", false, "Read"}, {"c1.Inc().|", false, ""},
	{"fmt.Sprintf(\"%d\", c2.|", false, "N"}, {"tasks0[1].Str|", false, "String"}, {"x := [}\nfmt.Spr|", false, "Sprintf"},
	{"type Mine struct{ A int }\nvar m Mine\nm.|", false, "A"}, {"func helper() {\n\tc5.|", false, "Inc"}, {"mt.|", false, "NewPool"}, {"coro.R|", false, "Range"},
	{"fmt.Print|ln(1)", true, ""}, {"mt.NewPo|ol(2)", true, ""}, {"coro.NewGener|ator", true, ""}, {"c1.In|c()", true, ""},
	{"fib|3(4)", true, ""}, {"strings.Fie|lds(\"\")", true, ""}, {"time.Sle|ep(1)", true, ""}, {"c2.Na|me", true, ""},
	{"tasks1[0].Str|ing()", true, ""}, {"le|n(words2)", true, ""}, {"Coun|ter3{}", true, ""}, {"lock3|", true, ""},
	{"sync.Mut|ex{}", true, ""}, {"display.HT|ML(\"x\")", true, ""}, {"results2|", true, ""}, {"limit4|", true, ""},
	{"upper1|", true, ""}, {"start2.Su|b(start3)", true, ""}, {"fmt|", true, ""}, {"mt.NewLo|ck()", true, ""},
}

// run answers one request and reports whether the answer is right.
func run(ck *gotypes.Checker, i int) bool {
	r := benchRequests[i%len(benchRequests)]
	cur := strings.IndexByte(r.code, '|')
	code := r.code[:cur] + r.code[cur+1:]
	cur = len([]rune(r.code[:cur]))
	if r.inspect {
		return ck.Inspect(code, cur, 0).Found
	}
	items := ck.Complete(code, cur).Items
	return r.want == "" || slices.ContainsFunc(items, func(it gotypes.Item) bool { return it.Text == r.want })
}

func TestBenchRequestsAreRight(t *testing.T) {
	ck := gotypes.New(newBenchSession(t), pkgsyms.Preload())
	for i, r := range benchRequests {
		if !run(ck, i) {
			t.Errorf("%q: no %q", r.code, r.want)
		}
	}
}

// BenchmarkRequests measures completion and inspection latency on a
// 50-cell session: p50 and p95 over the requests, and the first request
// after the session changed (it parses the session again).
func BenchmarkRequests(b *testing.B) {
	sess := newBenchSession(b)
	ck := gotypes.New(sess, pkgsyms.Preload())
	for i := range benchRequests {
		run(ck, i) // load the packages the requests use
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		run(ck, i)
		lat = append(lat, time.Since(t0))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds()), "p95-µs")
}

// BenchmarkFirstRequest measures a completion with a new checker: it reads
// the session's declarations and imports fmt, coro and the others from the
// embedded data.
func BenchmarkFirstRequest(b *testing.B) {
	sess := newBenchSession(b)
	for b.Loop() {
		ck := gotypes.New(sess, pkgsyms.Preload())
		if !run(ck, 0) {
			b.Fatal("wrong answer")
		}
	}
}

// BenchmarkSessionChanged measures a completion after a cell ran: the
// session file is parsed again, the packages are already loaded.
func BenchmarkSessionChanged(b *testing.B) {
	sess := &changing{benchSession: newBenchSession(b)}
	ck := gotypes.New(sess, pkgsyms.Preload())
	run(ck, 0)
	for b.Loop() {
		sess.gen++
		if !run(ck, 0) {
			b.Fatal("wrong answer")
		}
	}
}

type changing struct {
	*benchSession
	gen uint64
}

func (s *changing) Declarations() (uint64, []gotypes.Decl) { return s.gen, s.decls }
