package kernel_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// display runs the display commands of scriptInterp: "html ID TEXT"
// (display_data, with display id ID unless it is "-"), "update ID TEXT",
// "clear" and "clearwait", "bad" (an update without id, which the kernel
// drops).
func (s *scriptInterp) display(cmd, arg string) {
	id, text, _ := strings.Cut(arg, " ")
	if id == "-" {
		id = ""
	}
	switch cmd {
	case "html":
		s.host.Display(&kernel.Display{Type: kernel.DisplayData, DisplayID: id,
			Data: kernel.MIMEBundle{"text/html": "<b>" + text + "</b>", "text/plain": text}})
	case "update":
		s.host.Display(&kernel.Display{Type: kernel.UpdateDisplayData, DisplayID: id,
			Data: kernel.MIMEBundle{"text/html": "<i>" + text + "</i>"}})
	case "clear", "clearwait":
		s.host.Display(&kernel.Display{Type: kernel.ClearOutput, Wait: cmd == "clearwait"})
	case "bad":
		s.host.Display(&kernel.Display{Type: kernel.UpdateDisplayData})
	}
}

func TestDisplayMessages(t *testing.T) {
	c, _ := start(t)
	ex, err := c.Execute("out before\nhtml - one\nout middle\nhtml d1 two\nupdate d1 three\nbad\nerr e\nclearwait\nclear\nout after")
	if err != nil {
		t.Fatal(err)
	}
	checkExchange(t, ex)
	want := "[status execute_input stream display_data stream display_data update_display_data stream clear_output clear_output stream status]"
	if got := fmt.Sprint(ex.Types()); got != want {
		t.Fatalf("iopub = %v, want %v", got, want)
	}
	parent := ex.IOPub[0].ParentHeader
	for _, m := range ex.IOPub {
		if string(m.ParentHeader) != string(parent) {
			t.Errorf("%s has parent %s", m.Header.MsgType, m.ParentHeader)
		}
	}
	first := kerneltest.Content(ex.IOPub[3])
	if d := first["data"].(map[string]any); d["text/html"] != "<b>one</b>" || d["text/plain"] != "one" {
		t.Errorf("display_data %v", first)
	}
	if first["metadata"] == nil || len(first["transient"].(map[string]any)) != 0 {
		t.Errorf("display without id: %v", first)
	}
	upd := kerneltest.Content(ex.IOPub[6])
	if upd["transient"].(map[string]any)["display_id"] != "d1" ||
		kerneltest.Content(ex.IOPub[5])["transient"].(map[string]any)["display_id"] != "d1" {
		t.Errorf("display ids: %v / %v", kerneltest.Content(ex.IOPub[5]), upd)
	}
	if d := upd["data"].(map[string]any); d["text/plain"] != "" || d["text/html"] != "<i>three</i>" {
		t.Errorf("update data %v (text/plain must be present)", d)
	}
	if kerneltest.Content(ex.IOPub[8])["wait"] != true || kerneltest.Content(ex.IOPub[9])["wait"] != false {
		t.Errorf("clear_output wait: %v %v", kerneltest.Content(ex.IOPub[8]), kerneltest.Content(ex.IOPub[9]))
	}
	if s := kerneltest.Content(ex.IOPub[7]); s["name"] != "stderr" || s["text"] != "e" {
		t.Errorf("stream before clear: %v", s)
	}
}

func TestExecuteResultMetadata(t *testing.T) {
	c, _ := start(t)
	ex, err := c.Execute("value 1")
	if err != nil {
		t.Fatal(err)
	}
	res := kerneltest.Content(ex.IOPub[2])
	if md, ok := res["metadata"].(map[string]any); !ok || len(md) != 0 {
		t.Errorf("execute_result metadata %v", res["metadata"])
	}
}
