package kernel_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/history"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestHistoryRequest runs cells through a kernel with a real history store
// and asks for them back in each form, including an earlier session's.
func TestHistoryRequest(t *testing.T) {
	dir := t.TempDir()
	earlier, err := history.Open(dir, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	earlier.Add(1, "value before")
	h, err := history.Open(dir, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr := kerneltest.NewSyncTransport()
	k, err := kernel.New(kernel.Config{Transport: tr, Interpreter: newScriptInterp(), Key: []byte("secret"), History: h})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	defer func() { cancel(); <-done }()
	c := kerneltest.NewClient(tr, "secret")
	c.Timeout = 10 * time.Second
	if _, err := c.Recv(kernel.IOPub); err != nil { // starting
		t.Fatal(err)
	}
	for _, code := range []string{"value 42", "out hi", "value 42"} {
		if _, err := c.Execute(code); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Request(kernel.Shell, "execute_request", map[string]any{"code": "value 1", "silent": true}, true); err != nil {
		t.Fatal(err)
	}
	ask := func(content map[string]any) string {
		t.Helper()
		ex, err := c.Request(kernel.Shell, "history_request", content, true)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(kerneltest.Content(ex.Reply)["history"])
		return string(b)
	}
	for _, tc := range []struct {
		content map[string]any
		want    string
	}{
		{map[string]any{"hist_access_type": "tail", "n": 2}, `[[2,2,"out hi"],[2,3,"value 42"]]`},
		{map[string]any{"hist_access_type": "tail", "n": 4, "output": true},
			`[[1,1,["value before",""]],[2,1,["value 42","42"]],[2,2,["out hi",""]],[2,3,["value 42","42"]]]`},
		{map[string]any{"hist_access_type": "range", "session": 0, "start": 2, "stop": 3}, `[[2,2,"out hi"]]`},
		{map[string]any{"hist_access_type": "range", "session": -1, "start": 1, "stop": nil}, `[[1,1,"value before"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "value*", "unique": true}, `[[1,1,"value before"],[2,3,"value 42"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "value*", "n": 1}, `[[2,3,"value 42"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "nothing*"}, `[]`},
	} {
		if got := ask(tc.content); got != tc.want {
			t.Errorf("history_request %v = %s, want %s", tc.content, got, tc.want)
		}
	}
}
