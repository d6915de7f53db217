package mt

import (
	"bytes"
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/engine/stdlib"
)

// _Runner lets interpreted types implement Runner (the shape of the wrapper
// the kernel's symbol generator writes for interfaces).
type _Runner struct {
	IValue any
	WRun   func()
}

func (w _Runner) Run() { w.WRun() }

// mtSymbols is a hand-built yaegi symbol table for the parts of mt the cells
// below use; the kernel uses the generated table of kernel/engine/pkgsyms.
func mtSymbols() interp.Exports {
	return interp.Exports{"github.com/gokernel/gokernel/pkg/mt/mt": {
		"NewThread":        reflect.ValueOf(NewThread),
		"NewThreadFrom":    reflect.ValueOf(NewThreadFrom),
		"Func":             reflect.ValueOf(Func),
		"CurrentThread":    reflect.ValueOf(CurrentThread),
		"ActiveCount":      reflect.ValueOf(ActiveCount),
		"WaitAll":          reflect.ValueOf(WaitAll),
		"NewLock":          reflect.ValueOf(NewLock),
		"NewQueue":         reflect.ValueOf(NewQueue),
		"NewLifoQueue":     reflect.ValueOf(NewLifoQueue),
		"NewPriorityQueue": reflect.ValueOf(NewPriorityQueue),
		"NewThreadPool":    reflect.ValueOf(NewThreadPool),
		"Event":            reflect.ValueOf((*Event)(nil)),
		"NewLocal":         reflect.ValueOf(NewLocal),
		"NewEvent":         reflect.ValueOf(NewEvent),
		"Empty":            reflect.ValueOf(&Empty).Elem(),
		"NewThreadOpts":    reflect.ValueOf(NewThreadOpts),
		"ThreadOpts":       reflect.ValueOf((*ThreadOpts)(nil)),
		"ServeFiles":       reflect.ValueOf(ServeFiles),
		"TestFile":         reflect.ValueOf((*TestFile)(nil)),
		"DownloadAll":      reflect.ValueOf(DownloadAll),
		"Job":              reflect.ValueOf((*Job)(nil)),
		"ProgressTo":       reflect.ValueOf(ProgressTo),
		"DeadlockReport":   reflect.ValueOf(DeadlockReport),
		"NewSemaphore":     reflect.ValueOf(NewSemaphore),
		"Thread":           reflect.ValueOf((*Thread)(nil)),
		"Lock":             reflect.ValueOf((*Lock)(nil)),
		"Runner":           reflect.ValueOf((*Runner)(nil)),
		"_Runner":          reflect.ValueOf((*_Runner)(nil)),
	}}
}

// TestYaegiCells runs cells in yaegi v0.16.1 against mt: interpreted funcs
// as targets (called by reflection), interpreted methods through Runner,
// panics in interpreted targets, queues and pools with interpreted funcs.
func TestYaegiCells(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		stdout string // regexp the cell's stdout must match (mt's output included)
		stderr string // regexp mt's stderr must match ("" = empty)
	}{
		{"thread with interpreted target", `
			func work(n int, s string) { fmt.Println("work", n, s, mt.CurrentThread().Name()) }
			func run() {
				t := mt.NewThread(work, 3, "x")
				fmt.Println(t.Name())
				t.Start()
				t.Join()
				n := mt.NewThread(mt.Func("work", work), 4, "y")
				n.Start()
				n.Join()
				fmt.Println(mt.ActiveCount())
			}`,
			`^Thread-\d+\nwork 3 x Thread-\d+\nwork 4 y Thread-\d+ \(work\)\n1\n$`, ""},
		{"runner with interpreted method", `
			type MyThread struct{ i int }
			func (m *MyThread) Run() { fmt.Println("I'm", mt.CurrentThread().Name(), ">", m.i) }
			func run() {
				t := mt.NewThreadFrom(&MyThread{i: 7}, "Thread-A")
				t.Start()
				t.Join()
			}`,
			`^I'm Thread-A > 7\n$`, ""},
		{"panic in interpreted target", `
			func boom() { panic("kaboom") }
			func run() {
				t := mt.NewThread(mt.Func("boom", boom))
				t.Start()
				t.Join()
				fmt.Println("alive")
			}`,
			`^alive\n$`, `Exception in thread Thread-\d+ \(boom\):\n.*kaboom`},
		{"locked counter", `
			var g = 0
			func add(n int, l *mt.Lock) {
				for i := 0; i < n; i++ {
					l.Acquire()
					g++
					l.Release()
				}
			}
			func run() {
				l := mt.NewLock()
				a, b := mt.NewThread(add, 20000, l), mt.NewThread(add, 20000, l)
				a.Start()
				b.Start()
				mt.WaitAll()
				fmt.Println(g)
				fmt.Println(l.Release())
			}`,
			`^40000\nRuntimeError: release unlocked lock\n$`, ""},
		{"queues", `
			func run() {
				q := mt.NewLifoQueue(2)
				q.Put(1)
				q.Put(2)
				fmt.Println(q.Full(), q.PutNowait(3))
				fmt.Println(q.Get(), q.Get())
				_, err := q.GetNowait()
				fmt.Println(err, err == mt.Empty)
				p := mt.NewPriorityQueue(0, func(a, b string) bool { return len(a) < len(b) })
				p.Put("ccc")
				p.Put("a")
				fmt.Println(p.Get())
			}`,
			`^true queue.Full\n2 1\nqueue.Empty true\na\n$`, ""},
		{"thread pool with interpreted func", `
			func square(x int) int { return x * x }
			func fail() error { return fmt.Errorf("bad %d", 1) }
			func run() {
				p := mt.NewThreadPool(3)
				r := p.ApplyAsync(square, 7)
				v, err := r.Get()
				fmt.Println(v, err)
				vs, _ := p.Map(square, []int{1, 2, 3})
				fmt.Println(vs)
				e := p.ApplyAsync(fail)
				_, err = e.Get()
				fmt.Println(err, e.Successful())
				p.Close()
				fmt.Println(p.Join())
			}`,
			`^49 <nil>\n\[1 4 9\]\nbad 1 false\n<nil>\n$`, ""},
		{"deadlock between interpreted threads", `
			var mutexA = mt.NewLock("mutexA")
			var mutexB = mt.NewLock("mutexB")
			var ctx context.Context
			var cancel context.CancelFunc
			var holding = mt.NewSemaphore(0)
			var both = mt.NewEvent()
			func do(first, second *mt.Lock, tag string) {
				first.Acquire()
				fmt.Println(mt.CurrentThread().Name() + "----" + tag + "---up----")
				holding.Release()
				both.Wait()
				if second.AcquireCtx(ctx) == nil {
					fmt.Println("down")
				}
				first.Release()
			}
			func run() {
				ctx, cancel = context.WithCancel(context.Background())
				t1 := mt.NewThreadOpts(mt.ThreadOpts{Target: do, Args: []any{mutexA, mutexB, "do1"}, Name: "Thread-1"})
				t1.Start()
				holding.Acquire()
				t2 := mt.NewThreadOpts(mt.ThreadOpts{Target: do, Args: []any{mutexB, mutexA, "do2"}, Name: "Thread-2"})
				t2.Start()
				holding.Acquire()
				both.Set()
				for k := 0; mt.DeadlockReport() == "" && k < 300; k++ {
					time.Sleep(time.Millisecond)
				}
				cancel()
				mt.WaitAll()
			}`,
			`^Thread-1----do1---up----\nThread-2----do2---up----\n$`,
			`^Deadlock detected: 2 threads wait for each other:\n  Thread-1 holds mutexA and waits for mutexB \(held by Thread-2\)\n  Thread-2 holds mutexB and waits for mutexA \(held by Thread-1\)\n$`},
		{"downloads from a cell", `
			func run() {
				srv, err := mt.ServeFiles(mt.TestFile{Path: "/slow", Size: 300, Delay: 50 * time.Millisecond}, mt.TestFile{Path: "/fast", Size: 100})
				if err != nil {
					panic(err)
				}
				defer srv.Close()
				jobs := []mt.Job{{URL: srv.URL("/slow")}, {URL: srv.URL("/fast")}}
				for _, r := range mt.DownloadAll(jobs, 2, mt.ProgressTo(nil)) {
					fmt.Println(r.Index, r.Bytes, r.Err)
				}
			}`,
			`^1 100 <nil>\n0 300 <nil>\n$`, ""},
		{"thread local", `
			var local = mt.NewLocal()
			func greet(name string, done *mt.Event) {
				local.Set("student", name)
				fmt.Println("Hello,", local.Get("student"))
			}
			func run() {
				e := mt.NewEvent()
				t := mt.NewThread(greet, "Alice", e)
				t.Start()
				t.Join()
				fmt.Println(local.Get("student") == nil)
			}`,
			`^Hello, Alice\ntrue\n$`, ""},
	}
	// Deadlocks print as they form: the deadlock cell ends its cycle as soon
	// as DeadlockReport shows it.
	setGrace(t, 0)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			mtOut, mtErr := captureOutput(t)
			i := interp.New(interp.Options{Stdout: &out, Stderr: &errOut})
			if err := i.Use(stdlib.Symbols()); err != nil {
				t.Fatal(err)
			}
			if err := i.Use(mtSymbols()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(httpClient.CloseIdleConnections)
			src := "import (\n\"context\"\n\"fmt\"\n\"time\"\n\"github.com/gokernel/gokernel/pkg/mt\"\n)\nvar _ = context.Background\nvar _ = time.Now\n" + dedent(tc.src)
			if _, err := i.EvalWithContext(context.Background(), src); err != nil {
				t.Fatalf("declarations: %v", err)
			}
			if _, err := i.EvalWithContext(context.Background(), "run()"); err != nil {
				t.Fatalf("run(): %v", err)
			}
			got := out.String() + mtOut.String()
			if !regexp.MustCompile(tc.stdout).MatchString(got) {
				t.Errorf("stdout = %q, want match %q", got, tc.stdout)
			}
			gotErr := mtErr.String()
			if (tc.stderr == "" && gotErr != "") || !regexp.MustCompile(`(?s)`+tc.stderr).MatchString(gotErr) {
				t.Errorf("mt stderr = %q, want match %q", gotErr, tc.stderr)
			}
		})
	}
}

func dedent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t\t\t")
	}
	return strings.Join(lines, "\n")
}
