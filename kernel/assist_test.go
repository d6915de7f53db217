package kernel_test

import (
	"context"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/gotypes"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestAssistBesideRunningCell: complete, inspect and is_complete requests
// are answered on Shell while a cell runs (JupyterLab sends them there),
// by the go/types Assistant, with the reply fields JupyterLab reads.
func TestAssistBesideRunningCell(t *testing.T) {
	interp := newScriptInterp()
	tr := kerneltest.NewSyncTransport()
	k, err := kernel.New(kernel.Config{
		Transport: tr, Interpreter: interp, Key: []byte("secret"),
		Assistant: gotypes.Assistant{Checker: gotypes.New(nil, map[string]string{"coro": "github.com/gokernel/gokernel/pkg/coro"})},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v", err)
		}
	}()
	c := kerneltest.NewClient(tr, "secret")
	c.Timeout = 30 * time.Second
	if _, err := c.Recv(kernel.IOPub); err != nil { // status: starting
		t.Fatal(err)
	}
	run, _ := c.Send(kernel.Shell, "execute_request", map[string]any{"code": "gate\nout done"})
	for { // the cell runs once execute_input is out
		m, err := c.Recv(kernel.IOPub)
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.MsgType == "execute_input" {
			break
		}
	}

	ex, err := c.Request(kernel.Shell, "complete_request", map[string]any{"code": "x := coro.NewGen", "cursor_pos": 16}, true)
	if err != nil {
		t.Fatal(err)
	}
	checkExchange(t, ex)
	r := kerneltest.Content(ex.Reply)
	if m, _ := r["matches"].([]any); len(m) != 1 || m[0] != "NewGenerator" || r["cursor_start"] != 10.0 || r["cursor_end"] != 16.0 {
		t.Errorf("complete_reply %s", ex.Reply.Content)
	}
	types, _ := r["metadata"].(map[string]any)["_jupyter_types_experimental"].([]any)
	if len(types) != 1 || types[0].(map[string]any)["type"] != "function" {
		t.Errorf("types %v", types)
	}

	ex, err = c.Request(kernel.Shell, "inspect_request", map[string]any{"code": "coro.NewGenerator", "cursor_pos": 17, "detail_level": 0}, true)
	if err != nil {
		t.Fatal(err)
	}
	checkExchange(t, ex)
	r = kerneltest.Content(ex.Reply)
	data, _ := r["data"].(map[string]any)
	if r["found"] != true || data["text/plain"] == nil || data["text/markdown"] == nil {
		t.Errorf("inspect_reply %s", ex.Reply.Content)
	}

	if _, err := c.Request(kernel.Shell, "is_complete_request", map[string]any{"code": "for {"}, true); err != nil {
		t.Fatal(err)
	}
	// The cell still runs: the running request's busy follows the idle of
	// each request answered beside it (JupyterLab shows the latest status).
	if m, err := c.Recv(kernel.IOPub); err != nil {
		t.Fatal(err)
	} else if m.Header.MsgType != "status" || kerneltest.State(m) != "busy" || kerneltest.ParentID(m) != run.Header.MsgID {
		t.Errorf("after the is_complete idle: %s %s parent %s, want busy of the running cell", m.Header.MsgType, m.Content, kerneltest.ParentID(m))
	}
	close(interp.gate)
	m, err := c.Recv(kernel.Shell)
	if err != nil {
		t.Fatal(err)
	}
	if kerneltest.ParentID(m) != run.Header.MsgID || kerneltest.Content(m)["status"] != "ok" {
		t.Errorf("execute reply %s", m.Content)
	}
}
