package kernel_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// scriptInterp is a small interpreter for protocol tests. Each line of a
// cell is a command: "out TEXT", "err TEXT", "value TEXT", "fail NAME MSG",
// "block" (wait for interrupt), "gate" (wait until the test closes gate),
// "input PROMPT" (echo the answer), "late TEXT" (print TEXT from a goroutine
// after the cell ended, once the next cell has started), "spew" (print from a
// goroutine without end, until the test closes stop), and the display
// commands of display_test.go.
type scriptInterp struct {
	host kernel.Host
	gate chan struct{} // "gate" waits for it to close
	stop chan struct{} // ends the "spew" goroutines
	spew sync.WaitGroup

	late  chan string   // texts for the late writer, in order
	next  chan struct{} // one send per late text, when the next cell starts
	owed  int           // late texts whose next cell has not started (Execute's)
	quit  chan struct{} // closed by Close: the late writer returns
	done  chan struct{} // closed when the late writer has returned
	close sync.Once
}

func newScriptInterp() *scriptInterp {
	return &scriptInterp{gate: make(chan struct{}), stop: make(chan struct{})}
}

func (s *scriptInterp) Start(ctx context.Context, h kernel.Host) error {
	s.host = h
	s.late = make(chan string, 10)
	s.next = make(chan struct{})
	s.quit = make(chan struct{})
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		for {
			select {
			case t := <-s.late:
				select {
				case <-s.next:
					io.WriteString(h.Stdout(), t)
				case <-s.quit:
					return
				}
			case <-s.quit:
				return
			}
		}
	}()
	return nil
}

func (s *scriptInterp) Execute(ctx context.Context, e *kernel.Execution) *kernel.Result {
	for ; s.owed > 0; s.owed-- {
		select {
		case s.next <- struct{}{}:
		case <-s.quit:
		}
	}
	res := &kernel.Result{}
	for _, line := range strings.Split(e.Code, "\n") {
		cmd, arg, _ := strings.Cut(line, " ")
		switch cmd {
		case "out":
			io.WriteString(s.host.Stdout(), arg)
		case "err":
			io.WriteString(s.host.Stderr(), arg)
		case "value":
			res.Data = kernel.MIMEBundle{"text/plain": arg}
		case "fail":
			name, msg, _ := strings.Cut(arg, " ")
			return &kernel.Result{Err: &kernel.Error{Name: name, Value: msg}}
		case "block":
			<-ctx.Done()
			return &kernel.Result{Err: &kernel.Error{Name: "Interrupted", Value: "stopped"}}
		case "gate":
			<-s.gate
		case "input":
			v, err := s.host.Input(ctx, arg, false)
			if err != nil {
				return &kernel.Result{Err: &kernel.Error{Name: "StdinError", Value: err.Error()}}
			}
			io.WriteString(s.host.Stdout(), "got "+v)
		case "late":
			s.late <- arg
			s.owed++
		case "spew":
			s.spew.Go(func() {
				io.WriteString(s.host.Stdout(), "tick\n")
				s.host.Flush() // the test sees output flowing at once
				for {
					select {
					case <-s.stop:
						return
					default:
						io.WriteString(s.host.Stdout(), "tick\n")
						runtime.Gosched()
					}
				}
			})
		default:
			s.display(cmd, arg)
		}
	}
	return res
}

func (s *scriptInterp) IsComplete(code string) (string, string) {
	if strings.HasSuffix(code, "{") {
		return "incomplete", "    "
	}
	if strings.Count(code, "`")%2 == 1 { // an open raw string: more lines, no indent
		return "incomplete", ""
	}
	return "complete", ""
}

// Close ends the late writer; "spew" goroutines go on until stop closes,
// like a cell's goroutines that outlive the interpreter's bookkeeping.
func (s *scriptInterp) Close() error {
	s.close.Do(func() { close(s.quit) })
	<-s.done
	return nil
}

// start runs a kernel on a synchronous in-memory transport until the test
// ends.
func start(t *testing.T) (*kerneltest.Client, *kernel.Kernel) {
	t.Helper()
	return startWith(t, newScriptInterp())
}

// startWith is start with the interpreter the test holds.
func startWith(t *testing.T, interp *scriptInterp) (*kerneltest.Client, *kernel.Kernel) {
	t.Helper()
	tr := kerneltest.NewSyncTransport()
	k, err := kernel.New(kernel.Config{
		Transport: tr, Interpreter: interp, Key: []byte("secret"),
		Info: kernel.Info{Implementation: "test", Banner: "b", Language: kernel.LanguageInfo{Name: "go"}},
		Log:  nil,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v", err)
		}
	})
	c := kerneltest.NewClient(tr, "secret")
	c.Timeout = 10 * time.Second
	// The first IOPub message is status: starting, with no parent.
	m, err := c.Recv(kernel.IOPub)
	if err != nil || kerneltest.State(m) != "starting" || string(m.ParentHeader) != "{}" {
		t.Fatalf("first iopub = %v %v", m, err)
	}
	return c, k
}

var dateRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}Z$`)

// checkMessage checks what every message must carry.
func checkMessage(t *testing.T, m *kernel.Message) {
	t.Helper()
	h := m.Header
	if h.MsgID == "" || h.Session == "" || h.Username == "" || h.MsgType == "" || h.Version != "5.3" {
		t.Errorf("%s: incomplete header %+v", h.MsgType, h)
	}
	if !dateRE.MatchString(h.Date) {
		t.Errorf("%s: date %q has more than 6 fractional digits or no Z", h.MsgType, h.Date)
	}
	for name, part := range map[string]json.RawMessage{"parent_header": m.ParentHeader, "metadata": m.Metadata, "content": m.Content} {
		var v any
		if err := json.Unmarshal(part, &v); err != nil {
			t.Errorf("%s: %s is not JSON: %v", h.MsgType, name, err)
		}
		if path := findNull(v, name); path != "" {
			t.Errorf("%s: null at %s in %s", h.MsgType, path, part)
		}
	}
}

// findNull returns the path of the first JSON null in v, or "".
func findNull(v any, path string) string {
	switch v := v.(type) {
	case nil:
		return path
	case map[string]any:
		for k, x := range v {
			if p := findNull(x, path+"."+k); p != "" {
				return p
			}
		}
	case []any:
		for i, x := range v {
			if p := findNull(x, fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	}
	return ""
}

func checkExchange(t *testing.T, ex *kerneltest.Exchange) {
	t.Helper()
	if ex.Reply != nil {
		checkMessage(t, ex.Reply)
		if string(ex.Reply.Identities[0]) != "client-1" {
			t.Errorf("reply routed to %q", ex.Reply.Identities)
		}
	}
	types := ex.Types()
	if len(types) < 2 || types[0] != "status" || kerneltest.State(ex.IOPub[0]) != "busy" ||
		types[len(types)-1] != "status" || kerneltest.State(ex.IOPub[len(types)-1]) != "idle" {
		t.Errorf("iopub %v is not busy ... idle", types)
	}
	for _, m := range ex.IOPub {
		checkMessage(t, m)
	}
}

func TestKernelInfo(t *testing.T) {
	c, _ := start(t)
	for _, ch := range []kernel.Channel{kernel.Shell, kernel.Control} {
		ex, err := c.Request(ch, "kernel_info_request", map[string]any{}, true)
		if err != nil {
			t.Fatal(err)
		}
		checkExchange(t, ex)
		got := kerneltest.Content(ex.Reply)
		if got["protocol_version"] != "5.3" || got["status"] != "ok" || got["banner"] != "b" {
			t.Errorf("%s: reply %v", ch, got)
		}
		if ex.Reply.Header.MsgType != "kernel_info_reply" {
			t.Errorf("reply type %s", ex.Reply.Header.MsgType)
		}
	}
}

func TestExecuteOrder(t *testing.T) {
	c, _ := start(t)
	ex, err := c.Execute("out hello\nerr warn\nvalue 42")
	if err != nil {
		t.Fatal(err)
	}
	checkExchange(t, ex)
	want := []string{"status", "execute_input", "stream", "stream", "execute_result", "status"}
	if got := ex.Types(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("iopub = %v, want %v", got, want)
	}
	if ex.Streams("stdout") != "hello" || ex.Streams("stderr") != "warn" {
		t.Errorf("streams %q %q", ex.Streams("stdout"), ex.Streams("stderr"))
	}
	r := kerneltest.Content(ex.Reply)
	if r["status"] != "ok" || r["execution_count"] != 1.0 {
		t.Errorf("reply %v", r)
	}
	res := kerneltest.Content(ex.IOPub[4])
	if res["execution_count"] != 1.0 || res["data"].(map[string]any)["text/plain"] != "42" {
		t.Errorf("execute_result %v", res)
	}
	ex, _ = c.Execute("out again")
	if kerneltest.Content(ex.Reply)["execution_count"] != 2.0 {
		t.Errorf("counter did not advance: %v", kerneltest.Content(ex.Reply))
	}
}

func TestSilentDoesNotCount(t *testing.T) {
	c, _ := start(t)
	ex, _ := c.Request(kernel.Shell, "execute_request", map[string]any{"code": "value 1", "silent": true}, true)
	if got := ex.Types(); fmt.Sprint(got) != "[status status]" {
		t.Errorf("silent iopub = %v", got)
	}
	if kerneltest.Content(ex.Reply)["execution_count"] != 0.0 {
		t.Errorf("silent counted: %v", kerneltest.Content(ex.Reply))
	}
}

func TestExecuteErrorAndAbort(t *testing.T) {
	interp := newScriptInterp()
	c, _ := startWith(t, interp)
	// The first cell waits at its gate until the kernel has received the
	// two requests after it (the synchronous transport returns from Send
	// only then), then fails: the queued execute_request is aborted,
	// kernel_info is still answered.
	first, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "gate\nfail ValueError bad value"})
	second, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "out should not run"})
	third, _ := c.Send(kernel.Shell, "kernel_info_request", map[string]any{})
	close(interp.gate)
	var order []string
	replies := map[string]map[string]any{}
	for range 3 {
		m, err := c.Recv(kernel.Shell)
		if err != nil {
			t.Fatal(err)
		}
		checkMessage(t, m)
		order = append(order, kerneltest.ParentID(m))
		replies[kerneltest.ParentID(m)] = kerneltest.Content(m)
	}
	if want := []string{first.Header.MsgID, second.Header.MsgID, third.Header.MsgID}; fmt.Sprint(order) != fmt.Sprint(want) {
		t.Errorf("replies in order %v, want %v", order, want)
	}
	r := replies[first.Header.MsgID]
	if r["status"] != "error" || r["ename"] != "ValueError" || r["evalue"] != "bad value" {
		t.Errorf("error reply %v", r)
	}
	if tb, ok := r["traceback"].([]any); !ok || tb == nil {
		t.Errorf("traceback %v", r["traceback"])
	}
	if replies[second.Header.MsgID]["status"] != "aborted" {
		t.Errorf("queued request: %v", replies[second.Header.MsgID])
	}
	if replies[third.Header.MsgID]["status"] != "ok" {
		t.Errorf("kernel_info after abort: %v", replies[third.Header.MsgID])
	}
	// The error was published on IOPub, before the first request's idle.
	var sawError bool
	for {
		m, err := c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatal(err)
		}
		checkMessage(t, m)
		if m.Header.MsgType == "stream" {
			t.Errorf("aborted cell produced output %s", m.Content)
		}
		if kerneltest.ParentID(m) != first.Header.MsgID {
			continue
		}
		if m.Header.MsgType == "error" {
			sawError = true
		}
		if kerneltest.State(m) == "idle" {
			break
		}
	}
	if !sawError {
		t.Error("no error message on iopub")
	}
	// A cell sent after the error reply was read runs.
	ex, err := c.Execute("out runs")
	if err != nil {
		t.Fatal(err)
	}
	if kerneltest.Content(ex.Reply)["status"] != "ok" || ex.Streams("stdout") != "runs" {
		t.Errorf("cell after the error: %v %q", kerneltest.Content(ex.Reply), ex.Streams("stdout"))
	}
}

// A client that sends its next cell as soon as it has the error reply (as
// nbclient does) must never see that cell aborted, however the kernel's
// goroutines are scheduled.
func TestNextCellAfterErrorRuns(t *testing.T) {
	c, _ := start(t)
	for i := range 50 {
		ex, err := c.Execute("fail E bad")
		if err != nil {
			t.Fatal(err)
		}
		if kerneltest.Content(ex.Reply)["status"] != "error" {
			t.Fatalf("round %d: %v", i, kerneltest.Content(ex.Reply))
		}
		next, err := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "out ok", "stop_on_error": true})
		if err != nil {
			t.Fatal(err)
		}
		m, err := c.Recv(kernel.Shell)
		if err != nil {
			t.Fatal(err)
		}
		if kerneltest.ParentID(m) != next.Header.MsgID || kerneltest.Content(m)["status"] != "ok" {
			t.Fatalf("round %d: cell after the error replied %s", i, m.Content)
		}
	}
}

// stop_on_error=false: a failed cell aborts nothing.
func TestErrorWithoutStopOnError(t *testing.T) {
	interp := newScriptInterp()
	c, _ := startWith(t, interp)
	c.Send(kernel.Shell, "execute_request", map[string]any{"code": "gate\nfail E bad", "stop_on_error": false})
	second, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "out runs"})
	close(interp.gate)
	for range 2 {
		m, err := c.Recv(kernel.Shell)
		if err != nil {
			t.Fatal(err)
		}
		if kerneltest.ParentID(m) == second.Header.MsgID && kerneltest.Content(m)["status"] != "ok" {
			t.Errorf("second cell: %s", m.Content)
		}
	}
}

func TestInterruptOnControl(t *testing.T) {
	c, _ := start(t)
	req, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "block"})
	// Wait until the cell runs (execute_input published).
	for {
		m, err := c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.MsgType == "execute_input" {
			break
		}
	}
	ex, err := c.Request(kernel.Control, "interrupt_request", map[string]any{}, true)
	if err != nil {
		t.Fatal(err)
	}
	if kerneltest.Content(ex.Reply)["status"] != "ok" {
		t.Errorf("interrupt reply %v", kerneltest.Content(ex.Reply))
	}
	m, err := c.Recv(kernel.Shell)
	if err != nil {
		t.Fatal(err)
	}
	if kerneltest.ParentID(m) != req.Header.MsgID || kerneltest.Content(m)["ename"] != "Interrupted" {
		t.Errorf("execute reply %v", kerneltest.Content(m))
	}
}

func TestOtherRequests(t *testing.T) {
	c, _ := start(t)
	tests := []struct {
		msgType string
		content map[string]any
		check   func(map[string]any) bool
	}{
		{"is_complete_request", map[string]any{"code": "func f() {"}, func(r map[string]any) bool {
			return r["status"] == "incomplete" && r["indent"] == "    "
		}},
		{"is_complete_request", map[string]any{"code": "s := `line"}, func(r map[string]any) bool {
			indent, hasIndent := r["indent"]
			return r["status"] == "incomplete" && hasIndent && indent == "" // the spec wants indent with incomplete
		}},
		{"is_complete_request", map[string]any{"code": "x := 1"}, func(r map[string]any) bool {
			_, hasIndent := r["indent"]
			return r["status"] == "complete" && !hasIndent
		}},
		{"complete_request", map[string]any{"code": "fmt.Pr", "cursor_pos": 6}, func(r map[string]any) bool {
			m, ok := r["matches"].([]any)
			_, meta := r["metadata"].(map[string]any)
			return ok && m != nil && meta && r["cursor_start"] == 6.0 && r["cursor_end"] == 6.0
		}},
		{"inspect_request", map[string]any{"code": "x", "cursor_pos": 1}, func(r map[string]any) bool {
			return r["status"] == "ok" && r["found"] == false
		}},
		{"history_request", map[string]any{"hist_access_type": "tail", "n": 10}, func(r map[string]any) bool {
			h, ok := r["history"].([]any)
			return ok && h != nil
		}},
		{"comm_info_request", map[string]any{}, func(r map[string]any) bool {
			c, ok := r["comms"].(map[string]any)
			return ok && len(c) == 0 && r["status"] == "ok"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.msgType, func(t *testing.T) {
			ex, err := c.Request(kernel.Shell, tt.msgType, tt.content, true)
			if err != nil {
				t.Fatal(err)
			}
			checkExchange(t, ex)
			if !tt.check(kerneltest.Content(ex.Reply)) {
				t.Errorf("reply %s", ex.Reply.Content)
			}
		})
	}
}

func TestUnknownAndCommOpen(t *testing.T) {
	c, _ := start(t)
	ex, err := c.Request(kernel.Shell, "no_such_request", map[string]any{}, false)
	if err != nil {
		t.Fatal(err)
	}
	checkExchange(t, ex)
	ex, err = c.Request(kernel.Shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}}, false)
	if err != nil {
		t.Fatal(err)
	}
	checkExchange(t, ex)
	if got := ex.Types(); fmt.Sprint(got) != "[status comm_close status]" {
		t.Errorf("comm_open iopub = %v", got)
	}
	// Still alive.
	if _, err := c.Request(kernel.Shell, "kernel_info_request", map[string]any{}, true); err != nil {
		t.Fatal(err)
	}
}

func TestBadMessagesAreDropped(t *testing.T) {
	c, _ := start(t)
	bad := kerneltest.NewClient(c.T, "wrong key")
	bad.Send(kernel.Shell, "execute_request", map[string]any{"code": "out evil"})
	c.T.ToKernel(kernel.Shell, [][]byte{[]byte("junk")})
	c.T.ToKernel(kernel.Control, [][]byte{[]byte("<IDS|MSG>"), []byte(""), []byte("{")})
	c.T.ToKernel(kernel.Stdin, [][]byte{})
	ex, err := c.Execute("out good")
	if err != nil {
		t.Fatal(err)
	}
	if ex.Streams("stdout") != "good" {
		t.Errorf("stdout %q", ex.Streams("stdout"))
	}
	if n := kerneltest.Content(ex.Reply)["execution_count"]; n != 1.0 {
		t.Errorf("a dropped message was executed: count %v", n)
	}
}

func TestStdin(t *testing.T) {
	c, _ := start(t)
	// allow_stdin=false: fails at once.
	ex, err := c.Execute("input name?")
	if err != nil {
		t.Fatal(err)
	}
	r := kerneltest.Content(ex.Reply)
	if r["status"] != "error" || !strings.Contains(r["evalue"].(string), "allow_stdin=false") {
		t.Errorf("reply %v", r)
	}
	// allow_stdin=true: input_request on stdin, answered by input_reply.
	req, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "input name?", "allow_stdin": true})
	m, err := c.Recv(kernel.Stdin)
	if err != nil {
		t.Fatal(err)
	}
	checkMessage(t, m)
	if m.Header.MsgType != "input_request" || kerneltest.ParentID(m) != req.Header.MsgID ||
		kerneltest.Content(m)["prompt"] != "name?" || kerneltest.Content(m)["password"] != false {
		t.Errorf("input_request %v %s", m.Header, m.Content)
	}
	c.Send(kernel.Stdin, "input_reply", map[string]any{"value": "gopher"})
	reply, err := c.Recv(kernel.Shell)
	if err != nil {
		t.Fatal(err)
	}
	if kerneltest.Content(reply)["status"] != "ok" {
		t.Errorf("reply %s", reply.Content)
	}
	var out string
	for {
		m, err := c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatal(err)
		}
		if kerneltest.ParentID(m) == req.Header.MsgID && m.Header.MsgType == "stream" {
			out += kerneltest.Content(m)["text"].(string)
		}
		if kerneltest.ParentID(m) == req.Header.MsgID && kerneltest.State(m) == "idle" {
			break
		}
	}
	if out != "got gopher" {
		t.Errorf("output %q", out)
	}
}

func TestLateOutputGoesToRunningCell(t *testing.T) {
	c, _ := start(t)
	c.Execute("late from-goroutine")
	req, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "block"})
	var got string
	for got == "" {
		m, err := c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatal("late output never arrived: ", err)
		}
		if m.Header.MsgType == "stream" {
			if kerneltest.ParentID(m) != req.Header.MsgID {
				t.Fatalf("late output went to %s, not the running cell", kerneltest.ParentID(m))
			}
			got = kerneltest.Content(m)["text"].(string)
		}
	}
	if got != "from-goroutine" {
		t.Errorf("got %q", got)
	}
	c.Request(kernel.Control, "interrupt_request", map[string]any{}, true)
}

func TestShutdown(t *testing.T) {
	tr := kerneltest.NewSyncTransport()
	k, _ := kernel.New(kernel.Config{Transport: tr, Interpreter: newScriptInterp()})
	done := make(chan error, 1)
	go func() { done <- k.Run(context.Background()) }()
	c := kerneltest.NewClient(tr, "")
	m, err := c.Send(kernel.Control, "shutdown_request", map[string]any{"restart": true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Recv(kernel.Control)
	if err != nil {
		t.Fatal(err)
	}
	got := kerneltest.Content(r)
	if r.Header.MsgType != "shutdown_reply" || got["restart"] != true || got["status"] != "ok" || kerneltest.ParentID(r) != m.Header.MsgID {
		t.Errorf("reply %s %v", r.Header.MsgType, got)
	}
	if err := <-done; err != nil { // the test's timeout catches a Run that never returns
		t.Errorf("Run = %v", err)
	}
}

// An execute_request on Control is not served there: no code runs beside
// the cell on Shell, and Control still answers.
func TestControlDoesNotExecute(t *testing.T) {
	interp := newScriptInterp()
	c, _ := startWith(t, interp)
	shell, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "gate\nout shell"})
	ex, err := c.Request(kernel.Control, "execute_request", map[string]any{"code": "out control", "silent": false}, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := ex.Types(); fmt.Sprint(got) != "[status status]" {
		t.Errorf("execute_request on control: iopub %v", got)
	}
	if _, err := c.Request(kernel.Control, "kernel_info_request", map[string]any{}, true); err != nil {
		t.Fatal(err)
	}
	close(interp.gate)
	m, err := c.Recv(kernel.Shell)
	if err != nil {
		t.Fatal(err)
	}
	if kerneltest.ParentID(m) != shell.Header.MsgID || kerneltest.Content(m)["execution_count"] != 1.0 {
		t.Errorf("shell reply %s", m.Content)
	}
	select {
	case f := <-c.T.FromKernel(kernel.Control):
		r, _ := c.Signer.Decode(f)
		t.Errorf("execute_request on control was answered: %v", r.Header.MsgType)
	default:
	}
}

// Shutting kernels down while a goroutine of their cell is printing, and
// printing once more after Run returned, never panics (a flush after the
// IOPub queue closed did, about once in 200) and leaks nothing.
func TestShutdownMidOutput(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	for i := range n {
		interp := newScriptInterp()
		tr := kerneltest.NewSyncTransport()
		k, err := kernel.New(kernel.Config{Transport: tr, Interpreter: interp, Key: []byte("k"),
			Log: log.New(io.Discard, "", 0)})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- k.Run(ctx) }()
		c := kerneltest.NewClient(tr, "k")
		if _, err := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "spew"}); err != nil {
			t.Fatal(err)
		}
		for { // output is flowing
			m, err := c.Recv(kernel.IOPub)
			if err != nil {
				t.Fatal(err)
			}
			if m.Header.MsgType == "stream" {
				break
			}
		}
		if i%2 == 0 {
			cancel()
		} else {
			c.Send(kernel.Control, "shutdown_request", map[string]any{})
		}
		if err := <-done; err != nil {
			t.Fatalf("kernel %d: Run = %v", i, err)
		}
		io.WriteString(interp.host.Stdout(), "after Run\n")
		interp.host.Flush()
		close(interp.stop)
		interp.spew.Wait()
		cancel()
	}
}

// A shutdown_request dated before the kernel started was queued for a
// predecessor on the same ports (jupyter_client sends one to a dead kernel it
// restarts): it is dropped, and the kernel goes on serving.
func TestStaleShutdownIgnored(t *testing.T) {
	tr := kerneltest.NewSyncTransport()
	var logged strings.Builder
	k, _ := kernel.New(kernel.Config{Transport: tr, Interpreter: newScriptInterp(),
		Started: time.Now(), Log: log.New(&logged, "", 0)})
	done := make(chan error, 1)
	go func() { done <- k.Run(context.Background()) }()
	c := kerneltest.NewClient(tr, "")
	stale, err := kernel.NewMessage(c.Session, "shutdown_request", nil, map[string]any{"restart": true})
	if err != nil {
		t.Fatal(err)
	}
	stale.Header.Date = time.Now().Add(-time.Second).UTC().Format("2006-01-02T15:04:05.000000Z")
	stale.Identities = [][]byte{c.Identity}
	frames, _ := c.Signer.Encode(stale)
	if err := tr.ToKernel(kernel.Control, frames); err != nil {
		t.Fatal(err)
	}
	// Control serves in order: this reply comes after the stale request was handled.
	r, err := c.Request(kernel.Control, "kernel_info_request", map[string]any{}, true)
	if err != nil {
		t.Fatal(err)
	}
	if r.Reply.Header.MsgType != "kernel_info_reply" {
		t.Fatalf("after a stale shutdown_request: %s", r.Reply.Header.MsgType)
	}
	if !strings.Contains(logged.String(), "dropped shutdown_request "+stale.Header.MsgID) {
		t.Errorf("log: %q", logged.String())
	}
	// A current one still shuts the kernel down.
	if _, err := c.Request(kernel.Control, "shutdown_request", map[string]any{"restart": false}, true); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
}
