package worker_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/worker"
)

// TestDisplayThroughWorker: display messages of a cell (pkg/display,
// preloaded) reach IOPub as display_data, update_display_data and
// clear_output with the request as parent, in order with the cell's
// stdout, and a rich trailing value is an execute_result with its MIME
// data.
func TestDisplayThroughWorker(t *testing.T) {
	s := start(t)
	ex, err := s.c.Execute(`import ("fmt"; "image")
fmt.Println("before")
display.Show(display.HTML("<b>one</b>"))
fmt.Print("mid")
h := display.New(display.Markdown("*v1*"))
h.Update(display.Markdown("*v2*"))
fmt.Println("dle")
display.Clear(true)
fmt.Println("after")
image.NewGray(image.Rect(0, 0, 2, 2))`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	parent := string(ex.IOPub[0].ParentHeader)
	for _, m := range ex.IOPub {
		if string(m.ParentHeader) != parent {
			t.Errorf("%s: parent %s", m.Header.MsgType, m.ParentHeader)
		}
		c := kerneltest.Content(m)
		switch m.Header.MsgType {
		case "stream":
			got = append(got, "stream:"+c["text"].(string))
		case "display_data", "update_display_data", "execute_result":
			data := c["data"].(map[string]any)
			var mimes []string
			for k := range data {
				mimes = append(mimes, k)
			}
			got = append(got, fmt.Sprintf("%s:%d:%v", m.Header.MsgType, len(mimes), data["text/plain"]))
		case "clear_output":
			got = append(got, fmt.Sprintf("clear_output:%v", c["wait"]))
		}
	}
	want := []string{"stream:before\n", "display_data:2:one", "stream:mid", "display_data:2:*v1*",
		"update_display_data:2:*v2*", "stream:dle\n", "clear_output:true", "stream:after\n",
		"execute_result:2:[PNG image 2×2] (*image.Gray)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("iopub\n got %q\nwant %q", got, want)
	}
	var ids []any
	for _, m := range ex.IOPub {
		if t := m.Header.MsgType; t == "display_data" || t == "update_display_data" {
			ids = append(ids, kerneltest.Content(m)["transient"].(map[string]any)["display_id"])
		}
	}
	if len(ids) != 3 || ids[0] != nil || ids[1] == nil || ids[1] != ids[2] {
		t.Errorf("display ids %v: want none, then the same id twice", ids)
	}
}

// TestDisplayBurst: many displays interleaved with prints from a cell keep
// their order (each display after the line printed before it).
func TestDisplayBurst(t *testing.T) {
	sup := &worker.Supervisor{Exe: os.Args[0], Args: []string{"-test.run=^$"},
		Env: append(os.Environ(), "GOKERNEL_TEST_WORKER=1")}
	h := &inputHost{}
	ctx := context.Background()
	if err := sup.Start(ctx, h); err != nil {
		t.Fatal(err)
	}
	defer sup.Close()
	r := sup.Execute(ctx, &kernel.Execution{ExecutionCount: 1, Code: `import "fmt"
for i := range 300 {
	fmt.Println(i)
	display.Show(display.Text(fmt.Sprint("d", i)))
}`})
	if r.Err != nil {
		t.Fatalf("%s: %s", r.Err.Name, r.Err.Value)
	}
	var want strings.Builder
	for i := range 300 {
		fmt.Fprintf(&want, "%d\n[display_data d%d]", i, i)
	}
	if got := h.out.String(); got != want.String() {
		t.Errorf("output %q..., want %q...", got[:min(len(got), 200)], want.String()[:200])
	}
}
