package kernel_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// scriptInterp is a small interpreter for protocol tests. Each line of a
// cell is a command: "out TEXT", "err TEXT", "value TEXT", "fail NAME MSG",
// "block" (wait for interrupt), "input PROMPT" (echo the answer),
// "late TEXT" (print TEXT from a goroutine after the cell ended), and the
// display commands of display_test.go.
type scriptInterp struct {
	host kernel.Host
	late chan string
	done chan struct{}
}

func (s *scriptInterp) Start(ctx context.Context, h kernel.Host) error {
	s.host = h
	s.late = make(chan string, 10)
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		for t := range s.late {
			time.Sleep(20 * time.Millisecond)
			io.WriteString(h.Stdout(), t)
		}
	}()
	return nil
}

func (s *scriptInterp) Execute(ctx context.Context, e *kernel.Execution) *kernel.Result {
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
		case "input":
			v, err := s.host.Input(ctx, arg, false)
			if err != nil {
				return &kernel.Result{Err: &kernel.Error{Name: "StdinError", Value: err.Error()}}
			}
			io.WriteString(s.host.Stdout(), "got "+v)
		case "late":
			s.late <- arg
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
	return "complete", ""
}

func (s *scriptInterp) Close() error {
	close(s.late)
	<-s.done
	return nil
}

// start runs a kernel on an in-memory transport until the test ends.
func start(t *testing.T) (*kerneltest.Client, *kernel.Kernel) {
	t.Helper()
	tr := kerneltest.NewTransport()
	k, err := kernel.New(kernel.Config{
		Transport: tr, Interpreter: &scriptInterp{}, Key: []byte("secret"),
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
	c, _ := start(t)
	// Queue three requests at once: the first fails, so the second
	// (already queued) is aborted; kernel_info is still answered.
	first, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "fail ValueError bad value"})
	second, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "out should not run"})
	third, _ := c.Send(kernel.Shell, "kernel_info_request", map[string]any{})
	replies := map[string]map[string]any{}
	for range 3 {
		m, err := c.Recv(kernel.Shell)
		if err != nil {
			t.Fatal(err)
		}
		checkMessage(t, m)
		replies[kerneltest.ParentID(m)] = kerneltest.Content(m)
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
	deadline := time.After(5 * time.Second)
	for got == "" {
		select {
		case f := <-c.T.FromKernel(kernel.IOPub):
			m, _ := c.Signer.Decode(f)
			if m.Header.MsgType == "stream" && kerneltest.ParentID(m) == req.Header.MsgID {
				got = kerneltest.Content(m)["text"].(string)
			}
		case <-deadline:
			t.Fatal("late output never arrived")
		}
	}
	if got != "from-goroutine" {
		t.Errorf("got %q", got)
	}
	c.Request(kernel.Control, "interrupt_request", map[string]any{}, true)
}

func TestShutdown(t *testing.T) {
	tr := kerneltest.NewTransport()
	k, _ := kernel.New(kernel.Config{Transport: tr, Interpreter: &scriptInterp{}})
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
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after shutdown_request")
	}
}
