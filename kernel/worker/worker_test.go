package worker_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/worker"
	"github.com/gokernel/gokernel/kernel/worker/serve"
)

// The test binary doubles as the worker: the supervisor starts it again
// with GOKERNEL_TEST_WORKER=1.
func TestMain(m *testing.M) {
	if os.Getenv("GOKERNEL_TEST_WORKER") == "1" {
		if err := serve.Serve(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	// The orphan reaper (reap_linux.go) lives as long as the process.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/gokernel/gokernel/kernel/worker.reapLoop"))
}

// session is a kernel with a real worker supervisor on an in-memory
// transport.
type session struct {
	t *testing.T
	c *kerneltest.Client
}

// start runs a kernel whose supervisor starts this test binary as the
// worker; configure, if given, adjusts the supervisor first.
func start(t *testing.T, configure ...func(*worker.Supervisor)) *session {
	t.Helper()
	tr := kerneltest.NewSyncTransport()
	sup := &worker.Supervisor{
		Exe:  os.Args[0],
		Args: []string{"-test.run=^$"},
		Env:  append(os.Environ(), "GOKERNEL_TEST_WORKER=1"),
	}
	for _, f := range configure {
		f(sup)
	}
	k, err := kernel.New(kernel.Config{Transport: tr, Interpreter: sup})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	c := kerneltest.NewClient(tr, "")
	c.Timeout = 60 * time.Second
	return &session{t: t, c: c}
}

// run executes code and returns stdout, stderr, the text/plain value and the
// reply content.
func (s *session) run(code string) (stdout, stderr, value string, reply map[string]any) {
	s.t.Helper()
	ex, err := s.c.Execute(code)
	if err != nil {
		s.t.Fatalf("execute %q: %v", code, err)
	}
	for _, m := range ex.IOPub {
		if m.Header.MsgType == "execute_result" {
			value = kerneltest.Content(m)["data"].(map[string]any)["text/plain"].(string)
		}
	}
	return ex.Streams("stdout"), ex.Streams("stderr"), value, kerneltest.Content(ex.Reply)
}

// ok executes code and fails the test unless it succeeds.
func (s *session) ok(code string) (stdout, value string) {
	s.t.Helper()
	out, errOut, v, r := s.run(code)
	if r["status"] != "ok" {
		s.t.Fatalf("%q failed: %v %v\nstderr: %s", code, r["ename"], r["evalue"], errOut)
	}
	return out, v
}

// interrupt sends interrupt_request and returns the shell reply to req,
// the cell it stops. t is the calling (sub)test.
func (s *session) interrupt(t *testing.T, req *kernel.Message) *kernel.Message {
	t.Helper()
	s.c.Request(kernel.Control, "interrupt_request", map[string]any{}, true)
	for {
		m, err := s.c.Recv(kernel.Shell)
		if err != nil {
			t.Fatal(err)
		}
		if kerneltest.ParentID(m) == req.Header.MsgID {
			return m
		}
	}
}

func TestCellsRunInWorker(t *testing.T) {
	s := start(t)
	out, _ := s.ok(`import "fmt"
import "os"
fmt.Println("hello from", "worker")
fmt.Fprintln(os.Stdout, "direct")
x := 40`)
	if out != "hello from worker\ndirect\n" {
		t.Errorf("stdout = %q", out)
	}
	_, v := s.ok("x + 2")
	if v != "42" {
		t.Errorf("value = %q", v)
	}
	_, errOut, _, _ := s.run(`fmt.Fprintln(os.Stderr, "to stderr")`)
	if errOut != "to stderr\n" {
		t.Errorf("stderr = %q", errOut)
	}
}

func TestWorkerDeathIsRecovered(t *testing.T) {
	tests := []struct {
		name, code, cause string
	}{
		{"os.Exit", `os.Exit(3)`, "status 3"},
		{"native goroutine panic", `time.AfterFunc(0, func() { panic("boom") }); time.Sleep(5 * time.Second)`, "panic"},
		{"stack overflow", `func r(n int) int { return r(n+1) + 1 }
r(0)`, "stack overflow"},
		{"concurrent map writes", `m := map[int]int{}
for g := 0; g < 4; g++ { go func() { for i := 0; ; i++ { m[i%100] = i } }() }
time.Sleep(10 * time.Second)`, "concurrent map"},
		{"killed (as by the OOM killer)", `syscall.Kill(os.Getpid(), syscall.SIGKILL)
time.Sleep(5 * time.Second)`, "killed by signal"},
	}
	s := start(t)
	s.ok(`import ("fmt"; "os"; "syscall"; "time")
type point struct{ X, Y int }
func double(n int) int { return 2 * n }
counter := 5
tick := time.NewTicker(time.Hour)`)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.ok(fmt.Sprintf("counter = %d", 90+i))
			_, _, _, r := s.run(tt.code)
			if r["status"] != "error" || r["ename"] != "WorkerDied" {
				t.Fatalf("reply %v", r)
			}
			if !strings.Contains(r["evalue"].(string), tt.cause) {
				t.Errorf("evalue %q does not name %q", r["evalue"], tt.cause)
			}
			tb := fmt.Sprint(r["traceback"])
			if !strings.Contains(tb, "the values they had after the last cell that finished") {
				t.Errorf("traceback does not say what becomes of the variables: %s", tb)
			}
			// counter gets its value back from the snapshot taken after the
			// last cell; tick's initializer starts a timer, so it is not run
			// again: tick is left nil, and both are named.
			out, errOut, _, r := s.run(`fmt.Println(double(21), point{1, 2}, counter, tick == nil)`)
			if want := fmt.Sprintf("42 {1 2} %d true\n", 90+i); r["status"] != "ok" || out != want {
				t.Errorf("after restart: %v %q, want %q", r["status"], out, want)
			}
			if !strings.Contains(errOut, "restored from their values after the last finished cell: counter") ||
				!strings.Contains(errOut, "left at their zero value") || !strings.Contains(errOut, "tick") {
				t.Errorf("the next cell is not told what became of counter and tick: %q", errOut)
			}
			s.ok("tick = time.NewTicker(time.Hour)")
		})
	}
}

// An interrupt stops every interpreted wait and loop (yaegi's
// cancellation, coro's signal for its waits and time.Sleep): the cell ends
// with KeyboardInterrupt and the worker is kept, so n keeps the value the
// cell gave it. A cell blocked in a compiled call nothing can end (a
// sync.Mutex deadlock, a compiled WaitGroup's Wait) costs the worker
// (Interrupted naming the call; n gets its value back from the snapshot
// taken after the last cell).
func TestInterrupt(t *testing.T) {
	const soft, hard = "KeyboardInterrupt", "Interrupted"
	// waits is how many waits the interrupt ends once the cell blocks (the
	// cell's own and those of its tasks and greenlets): the test interrupts
	// when coro.InterruptibleWaits reaches it (a goroutine of the cell
	// prints the marker then), or, for 0, once the cell printed the marker
	// just before blocking, or, with blocked (the call an Interrupted reply
	// names), once a goroutine's stack shows that call.
	tests := []struct {
		name, code, ename, blocked string
		waits                      int
	}{
		{"busy loop", `for {}`, soft, "", 0},
		{"busy loop in a function", `func spin() { for { n = 8 } }
spin()`, soft, "", 0},
		{"channel receive", `<-make(chan int)`, soft, "", 0},
		{"channel send", `make(chan int) <- 1`, soft, "", 0},
		{"sleep", `time.Sleep(time.Hour)`, soft, "", 1},
		{"mutex deadlock", `var mu sync.Mutex
mu.Lock()
mu.Lock()`, soft, "", 0},
		{"read lock under a write lock", `var rw sync.RWMutex
rw.Lock()
rw.RLock()`, soft, "", 0},
		{"wait group", `var wg sync.WaitGroup
wg.Add(1)
wg.Wait()`, soft, "", 0},
		{"goroutines blocked on locks", `var mu2 sync.Mutex
mu2.Lock()
for i := 0; i < 3; i++ {
	go func() { mu2.Lock() }()
}
var wg2 sync.WaitGroup
wg2.Add(1)
go func() { wg2.Wait() }()
select {}`, soft, "", 0},
		{"condition variable", `c := sync.NewCond(&sync.Mutex{})
c.L.Lock()
c.Wait()`, hard, "sync.(*Cond).Wait", 0},
		{"thread join", `mt.Go(func() { select {} }).Join()`, soft, "", 0},
		{"mt lock deadlock", `l := mt.NewLock()
l.Acquire()
l.Acquire()`, soft, "", 0},
		{"select", `select {}`, soft, "", 0},
		{"coro.Run with tasks that drop errors", `func tick(name string) {
	for {
		coro.Sleep(time.Millisecond)
	}
}
coro.Run(func() { coro.Gather(coro.CreateTask(tick, "a"), coro.CreateTask(tick, "b")) })`, soft, "", 1},
		{"JoinAll of tasks in a blocking time.Sleep", `coro.JoinAll(coro.Spawn(func() { for { time.Sleep(time.Millisecond) } }), coro.Spawn(func() {}))`, soft, "", 2},
		{"greenlet switch", `coro.NewGreenlet(func() { time.Sleep(time.Hour) }).Switch()`, soft, "", 2},
		{"queue get", `coro.NewQueue(0).Get()`, soft, "", 1},
		{"coro sleep", `coro.Sleep(time.Hour)`, soft, "", 1},
		{"wait with timeout", `coro.Run(func() ([]*coro.Task, []*coro.Task, error) {
	return coro.Wait([]*coro.Task{coro.CreateTask(coro.Sleep, time.Hour)}, coro.Timeout(time.Hour))
})`, soft, "", 1},
		{"a goroutine left running", `go func() { for { time.Sleep(time.Millisecond) } }()
time.Sleep(time.Hour)`, soft, "", 1},
		{"goroutines sleeping, spinning and receiving", `go func() { time.Sleep(time.Hour) }()
go func() { for {} }()
go func() { <-make(chan int) }()
select {}`, soft, "", 0},
	}
	// The worker's answer and a reached cell's return are events; the
	// patience only bounds them when something is broken.
	s := start(t, func(sup *worker.Supervisor) { sup.InterruptPatience = time.Minute })
	s.ok(`import ("fmt"; "runtime"; "strings"; "sync"; "time")
func greet() string { return "still here" }
func markWhenWaiting(n int) {
	go func() {
		for coro.InterruptibleWaits() < n {
			runtime.Gosched()
		}
		fmt.Println("` + waitingMarker + `")
	}()
}
func markWhenBlockedIn(fn string) {
	go func() {
		buf := make([]byte, 1<<20)
		for !strings.Contains(string(buf[:runtime.Stack(buf, true)]), fn) {
			runtime.Gosched()
		}
		fmt.Println("` + waitingMarker + `")
	}()
}
n := 7`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.ok(`n = 8`)
			// A goroutine sleeping for an hour is a pending timer: a cell
			// whose other goroutines all wait on channels or locks is then
			// not a deadlock (TestDeadlockFailsTheCell) but waits for the
			// interrupt.
			code := "go time.Sleep(time.Hour)\nfmt.Println(\"" + waitingMarker + "\")\n" + tt.code
			switch {
			case tt.waits > 0:
				code = fmt.Sprintf("markWhenWaiting(%d)\n%s", tt.waits, tt.code)
			case tt.blocked != "":
				// A call the interrupt cannot unwind: interrupt once the cell
				// is in it, not while it runs the statements before it.
				code = fmt.Sprintf("go time.Sleep(time.Hour)\nmarkWhenBlockedIn(%q)\n%s", tt.blocked, tt.code)
			}
			req, err := s.c.Send(kernel.Shell, "execute_request", map[string]any{"code": code})
			if err != nil {
				t.Fatal(err)
			}
			s.awaitStream(t, req, waitingMarker)
			reply := s.interrupt(t, req)
			r := kerneltest.Content(reply)
			if r["ename"] != tt.ename {
				t.Errorf("reply %v, want %s", r, tt.ename)
			}
			// The interrupt unwinds the cell where it waits: the traceback
			// says where, as Python's does.
			if tb := fmt.Sprint(r["traceback"]); tt.ename == soft && !strings.Contains(tb, "cell[") {
				t.Errorf("traceback %s has no position", tb)
			}
			if tb := fmt.Sprint(r["traceback"]); tt.blocked != "" && !strings.Contains(tb, tt.blocked) {
				t.Errorf("traceback %s does not name %s", tb, tt.blocked)
			}
			// n is kept, or restored from its snapshot in a fresh worker.
			want := "still here 8\n"
			if tb := fmt.Sprint(r["traceback"]); tt.ename != hard && strings.Contains(tb, "fresh worker") {
				t.Errorf("the worker was replaced: %s", tb)
			}
			out, _ := s.ok(`fmt.Println(greet(), n)`)
			if out != want {
				t.Errorf("after interrupt: %q, want %q", out, want)
			}
		})
	}
}

// streamsUntilIdle reads IOPub until req's idle and returns the text of its
// stream messages.
func (s *session) streamsUntilIdle(t *testing.T, req *kernel.Message) string {
	t.Helper()
	var out string
	for {
		m, err := s.c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatal(err)
		}
		if kerneltest.ParentID(m) != req.Header.MsgID {
			continue
		}
		if m.Header.MsgType == "stream" {
			out += kerneltest.Content(m)["text"].(string)
		}
		if kerneltest.State(m) == "idle" {
			return out
		}
	}
}

// waitingMarker is what a cell prints once it waits (TestInterrupt).
const waitingMarker = "waiting for the interrupt"

// awaitStream reads IOPub until the output of req contains text.
func (s *session) awaitStream(t *testing.T, req *kernel.Message, text string) {
	t.Helper()
	var out string
	for !strings.Contains(out, text) {
		m, err := s.c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatalf("waiting for %q in the output (got %q): %v", text, out, err)
		}
		if m.Header.MsgType == "stream" && kerneltest.ParentID(m) == req.Header.MsgID {
			out += kerneltest.Content(m)["text"].(string)
		}
	}
}

func TestGoroutineOutputArrivesInItsCell(t *testing.T) {
	s := start(t)
	out, _ := s.ok(`import ("fmt"; "sync")
var wg sync.WaitGroup
for i := 0; i < 3; i++ {
	wg.Add(1)
	go func() { defer wg.Done(); fmt.Println("goroutine", i) }()
}
wg.Wait()`)
	for i := 0; i < 3; i++ {
		if !strings.Contains(out, fmt.Sprintf("goroutine %d\n", i)) {
			t.Errorf("missing goroutine %d in %q", i, out)
		}
	}
}

func TestManyLines(t *testing.T) {
	s := start(t)
	const n = 100000
	out, _ := s.ok(fmt.Sprintf(`import "fmt"
for i := 0; i < %d; i++ { fmt.Println(i) }`, n))
	var want strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintln(&want, i)
	}
	if out != want.String() {
		t.Errorf("got %d bytes, want %d", len(out), want.Len())
	}
}

func TestStdinNotAllowed(t *testing.T) {
	s := start(t)
	_, _, _, r := s.run(`import "fmt"
var name string
_, err := fmt.Scanln(&name)
if err != nil { panic(err) }`)
	if r["status"] != "error" || !strings.Contains(fmt.Sprint(r["evalue"], r["traceback"]), "allow_stdin=false") {
		t.Errorf("reply %v", r)
	}
}

func TestStdinRequest(t *testing.T) {
	s := start(t)
	req, _ := s.c.Send(kernel.Shell, "execute_request", map[string]any{"allow_stdin": true,
		"code": "import \"fmt\"\nvar name string\nfmt.Print(\"name? \")\nfmt.Scanln(&name)\nfmt.Println(\"hi\", name)"})
	m, err := s.c.Recv(kernel.Stdin)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgType != "input_request" || kerneltest.ParentID(m) != req.Header.MsgID {
		t.Fatalf("got %s", m.Header.MsgType)
	}
	s.c.Send(kernel.Stdin, "input_reply", map[string]any{"value": "gopher"})
	out := s.streamsUntilIdle(t, req)
	if out != "name? hi gopher\n" {
		t.Errorf("output %q", out)
	}
}

func TestSilentExecutions(t *testing.T) {
	s := start(t)
	s.ok(`x := 1`)
	for i := 0; i < 3; i++ {
		ex, err := s.c.Request(kernel.Shell, "execute_request", map[string]any{
			"code": fmt.Sprintf("y := %d\nfor i := range 2 { _ = i }", i), "silent": true}, true)
		if err != nil {
			t.Fatal(err)
		}
		if r := kerneltest.Content(ex.Reply); r["status"] != "ok" {
			t.Fatalf("silent run %d: %v", i, r)
		}
		if stderr := ex.Streams("stderr"); stderr != "" {
			t.Errorf("silent run %d wrote to stderr: %q", i, stderr)
		}
	}
	if _, v := s.ok("x*10 + y"); v != "12" {
		t.Errorf("x*10 + y = %s", v)
	}
}

func TestDeathBetweenCellsIsToldInNextCell(t *testing.T) {
	s := start(t)
	// The worker exits once the test opens the FIFO for writing: after the
	// cell's reply, and the next cell is sent once the worker is gone.
	fifo := filepath.Join(t.TempDir(), "exit")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := s.ok(fmt.Sprintf(`import ("fmt"; "os")
func double(n int) int { return 2 * n }
total := 3
go func() { os.ReadFile(%q); os.Exit(4) }()
fmt.Println(os.Getpid())`, fifo))
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		t.Fatalf("pid %q: %v", out, err)
	}
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	waitGone(t, pid)
	out, errOut, _, r := s.run(`fmt.Println(double(total))`)
	if r["status"] != "ok" || out != "6\n" {
		t.Fatalf("after idle death: %v %q", r, out)
	}
	if !strings.Contains(errOut, "status 4") || !strings.Contains(errOut, "total") {
		t.Errorf("stderr does not explain the restart: %q", errOut)
	}
}

func TestShutdownDuringCellLeavesNoWorker(t *testing.T) {
	tr := kerneltest.NewTransport()
	sup := &worker.Supervisor{Exe: os.Args[0], Env: append(os.Environ(), "GOKERNEL_TEST_WORKER=1")}
	k, err := kernel.New(kernel.Config{Transport: tr, Interpreter: sup})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- k.Run(context.Background()) }()
	c := kerneltest.NewClient(tr, "")
	// The cell also starts a child process and a pool: they must go too.
	c.Send(kernel.Shell, "execute_request", map[string]any{"code": `import ("fmt"; "os"; "time")
func forever() { for { time.Sleep(time.Second) } }
p := mt.NewProcess(forever)
p.Start()
po, _ := mt.NewPool(1)
fmt.Println(os.Getpid(), p.Pid(), po.Pids()[0])
for {}`})
	var pid, child, poolWorker int
	for pid == 0 {
		m, err := c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.MsgType == "stream" {
			fmt.Sscan(kerneltest.Content(m)["text"].(string), &pid, &child, &poolWorker)
		}
	}
	c.Send(kernel.Control, "shutdown_request", map[string]any{"restart": false})
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("kernel did not shut down")
	}
	// The worker is gone (killed and reaped): signal 0 finds no process.
	if err := syscall.Kill(pid, 0); err == nil {
		t.Errorf("worker %d still running after shutdown", pid)
	}
	// Its children were killed with it and reaped by this process (the
	// kernel), which is their subreaper.
	waitGone(t, child)
	waitGone(t, poolWorker)
}

func TestReplayThatBlocksFallsBackToDeclarations(t *testing.T) {
	s := start(t, func(sup *worker.Supervisor) { sup.ReplayTimeout = time.Second })
	s.ok(`import ("fmt"; "os")
func triple(n int) int { return 3 * n }
ch := make(chan int, 1)
ch <- 5`)
	// Fine now; on replay ch is new and empty, so this blocks (a pointer
	// has no snapshot: its initializer runs again).
	s.ok(`v := &struct{ N int }{<-ch}`)
	_, _, _, r := s.run(`os.Exit(1)`)
	if r["ename"] != "WorkerDied" {
		t.Fatalf("reply %v", r)
	}
	out, errOut, _, r := s.run(`fmt.Println(triple(2))`)
	if r["status"] != "ok" || out != "6\n" {
		t.Fatalf("after a blocked replay: %v %q %q", r, out, errOut)
	}
	if !strings.Contains(errOut, "without variables") || !strings.Contains(errOut, "v") {
		t.Errorf("stderr does not say which vars are gone: %q", errOut)
	}
}

func TestDeepRecursionFitsTheStack(t *testing.T) {
	s := start(t)
	_, v := s.ok(`func depth(n int) int { if n == 0 { return 0 }; return depth(n-1) + 1 }
depth(20000)`)
	if v != "20000" {
		t.Errorf("depth(20000) = %q", v)
	}
}

// A lock-order deadlock of two threads is reported on stderr; an interrupt
// then ends the cell and keeps the session.
func TestDeadlockIsReportedThenInterrupted(t *testing.T) {
	s := start(t)
	s.ok(`import "time"
a, b := mt.NewLock("lockA"), mt.NewLock("lockB")
func grab(first, second *mt.Lock) {
	first.Acquire()
	time.Sleep(50 * time.Millisecond)
	second.Acquire()
}`)
	req, _ := s.c.Send(kernel.Shell, "execute_request", map[string]any{"code": `t1 := mt.NewThread(grab, a, b)
t2 := mt.NewThread(grab, b, a)
t1.Start(); t2.Start()
t1.Join(); t2.Join()`})
	var report string
	for !strings.Contains(report, "lockB") || !strings.Contains(report, "lockA") {
		m, err := s.c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatalf("no deadlock report; stderr so far %q: %v", report, err)
		}
		if m.Header.MsgType == "stream" && kerneltest.ParentID(m) == req.Header.MsgID {
			report += kerneltest.Content(m)["text"].(string)
		}
	}
	if !strings.Contains(report, "Thread-") || !strings.Contains(report, "waits for") {
		t.Errorf("report does not name threads and what they wait for: %q", report)
	}
	if r := kerneltest.Content(s.interrupt(t, req)); r["ename"] != "KeyboardInterrupt" {
		t.Errorf("reply %v", r)
	}
	// The session is kept: the locks are as the stopped threads left them,
	// held (as Python's would be, its deadlocked threads still waiting).
	if _, v := s.ok(`a.Locked() && b.Locked()`); v != "true" {
		t.Errorf("after interrupt a.Locked() && b.Locked() = %s", v)
	}
}

func TestChildProcessOutputStreams(t *testing.T) {
	s := start(t)
	out, errOut, _, r := s.run(`import ("os"; "os/exec")
cmd := exec.Command("sh", "-c", "echo from-child; echo child-err >&2")
cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
cmd.Run()`)
	if r["status"] != "ok" || out != "from-child\n" || errOut != "child-err\n" {
		t.Errorf("status %v stdout %q stderr %q", r["status"], out, errOut)
	}
}

// TestInputPromptInRequest: mt.Input and mt.GetPass put their prompt in the
// input_request (as Python's input() and getpass() do under ipykernel)
// instead of printing it.
func TestInputPromptInRequest(t *testing.T) {
	s := start(t)
	req, _ := s.c.Send(kernel.Shell, "execute_request", map[string]any{"allow_stdin": true,
		"code": "import \"fmt\"\nname, _ := mt.Input(\"name? \")\npw, _ := mt.GetPass(\"Password: \")\nfmt.Println(\"hi\", name, len(pw))"})
	for _, want := range []struct {
		prompt   string
		password bool
		answer   string
	}{{"name? ", false, "gopher"}, {"Password: ", true, "s3cret"}} {
		m, err := s.c.Recv(kernel.Stdin)
		if err != nil {
			t.Fatal(err)
		}
		c := kerneltest.Content(m)
		if m.Header.MsgType != "input_request" || kerneltest.ParentID(m) != req.Header.MsgID ||
			c["prompt"] != want.prompt || c["password"] != want.password {
			t.Fatalf("got %s %v, want input_request %q password=%v", m.Header.MsgType, c, want.prompt, want.password)
		}
		s.c.Send(kernel.Stdin, "input_reply", map[string]any{"value": want.answer})
	}
	out := s.streamsUntilIdle(t, req)
	if out != "hi gopher 6\n" {
		t.Errorf("output %q", out)
	}
}

// TestInputScriptedWhenNotAllowed: without stdin (nbclient, papermill) the
// scripted answers are used and echoed after their prompt like a terminal.
func TestInputScriptedWhenNotAllowed(t *testing.T) {
	s := start(t)
	out, _ := s.ok(`import "fmt"
mt.SetInputs("test_dir")
dir, _ := mt.Input("文件夹名字：")
_, err := mt.Input("again? ")
fmt.Println(dir, err)`)
	if want := "文件夹名字：test_dir\ntest_dir EOFError: EOF when reading a line\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

// inputHost is a kernel.Host that records output and, at each Input, what
// had been written by then.
type inputHost struct {
	mu     sync.Mutex
	out    strings.Builder
	atAsk  []string
	answer string
}

type hostWriter struct{ h *inputHost }

func (w hostWriter) Write(p []byte) (int, error) {
	w.h.mu.Lock()
	defer w.h.mu.Unlock()
	return w.h.out.Write(p)
}

func (h *inputHost) Stdout() io.Writer { return hostWriter{h} }
func (h *inputHost) Stderr() io.Writer { return hostWriter{h} }
func (h *inputHost) Flush()            {}
func (h *inputHost) Display(d *kernel.Display) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(&h.out, "[%s %v]", d.Type, d.Data["text/plain"])
}
func (h *inputHost) Input(_ context.Context, prompt string, _ bool) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.atAsk = append(h.atAsk, h.out.String())
	return h.answer, nil
}

// TestInputAfterOutput: what a cell printed before asking for input has
// reached the host when the supervisor asks it for the line, so the kernel
// can publish it before the input_request (as ipykernel flushes first).
func TestInputAfterOutput(t *testing.T) {
	sup := &worker.Supervisor{Exe: os.Args[0], Args: []string{"-test.run=^$"},
		Env: append(os.Environ(), "GOKERNEL_TEST_WORKER=1")}
	h := &inputHost{answer: "gopher"}
	ctx := context.Background()
	if err := sup.Start(ctx, h); err != nil {
		t.Fatal(err)
	}
	defer sup.Close()
	const lines = 20000
	r := sup.Execute(ctx, &kernel.Execution{ExecutionCount: 1, Code: fmt.Sprintf(
		"import \"fmt\"\nfor i := range %d { fmt.Println(\"before\", i) }\nname, _ := mt.Input(\"? \")\nfmt.Println(\"got\", name)", lines)})
	if r.Err != nil {
		t.Fatalf("%s: %s", r.Err.Name, r.Err.Value)
	}
	if len(h.atAsk) != 1 || !strings.HasSuffix(h.atAsk[0], fmt.Sprintf("before %d\n", lines-1)) {
		t.Fatalf("output at the input request: %d bytes, want all %d lines", len(h.atAsk[0]), lines)
	}
	if !strings.HasSuffix(h.out.String(), fmt.Sprintf("before %d\ngot gopher\n", lines-1)) {
		t.Errorf("output ends %q", h.out.String()[max(0, h.out.Len()-40):])
	}
}
