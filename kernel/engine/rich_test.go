package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
)

// Rich values of cells: types defined in cells with the convention's
// methods, images and display's Bundles come back with Data; other values
// keep their text and no Data.
func TestRichValues(t *testing.T) {
	stdout, stderr := newCapture(t), newCapture(t)
	s, err := New(Options{Stdout: stdout.w, Stderr: stderr.w, Symbols: pkgsyms.Tables(), Preload: pkgsyms.Preload()})
	if err != nil {
		t.Fatal(err)
	}
	setup := `
import ("fmt"; "image"; "image/color")
type table [][]string
func (t table) HTML() string { return "<table><tr><td>" + t[0][0] + "</td></tr></table>" }
type named struct{ n int }
func (n named) HTML() string { return fmt.Sprintf("<b>%d</b>", n.n) }
func (n named) String() string { return fmt.Sprintf("named %d", n.n) }
type dot struct{ r int }
func (d *dot) SVG() string { return fmt.Sprintf("<svg><circle r=\"%d\"/></svg>", d.r) }
type note string
func (n note) Markdown() string { return "**" + string(n) + "**" }
type icon struct{}
func (icon) PNG() []byte { return []byte("\x89PNG") }
type custom struct{}
func (custom) MIMEBundle() map[string]any { return map[string]any{"text/latex": "$x$"} }
type plain struct{ a, b int }
func two() (named, int) { return named{1}, 2 }
`
	if out := s.Exec(context.Background(), "cell[1]", setup); out.Err != nil {
		t.Fatalf("setup: %v", out.Err)
	}
	cases := []struct {
		src, mime, data, text string
	}{
		{`table{{"x"}}`, "text/html", "<table><tr><td>x</td></tr></table>", "[[x]]"},
		{`named{7}`, "text/html", "<b>7</b>", "named 7"},
		{`&dot{3}`, "image/svg+xml", `<svg><circle r="3"/></svg>`, ""},
		{`note("hi")`, "text/markdown", "**hi**", `"hi"`},
		{`icon{}`, "image/png", "iVBORw==", "{}"},
		{`custom{}`, "text/latex", "$x$", "{}"},
		{`display.HTML("<i>it</i>")`, "text/html", "<i>it</i>", "it"},
		{`display.JSON(map[string]int{"a": 1})`, "application/json", "map[a:1]", "{\n  \"a\": 1\n}"},
		{`image.NewRGBA(image.Rect(0, 0, 2, 2))`, "image/png", "", "[PNG image 2×2] (*image.RGBA)"},
		{`img := image.NewGray(image.Rect(0, 0, 3, 1)); img.Set(0, 0, color.White); img`, "image/png", "", "[PNG image 3×1] (*image.Gray)"},
	}
	for i, c := range cases {
		out := s.Exec(context.Background(), fmt.Sprintf("cell[%d]", i+2), c.src)
		if out.Err != nil || out.Value == nil {
			t.Errorf("%s: err %v, value %v", c.src, out.Err, out.Value)
			continue
		}
		v := out.Value
		got := fmt.Sprint(v.Data[c.mime])
		if v.Data == nil || v.Data[c.mime] == nil || (c.data != "" && got != c.data) {
			t.Errorf("%s: %s = %q (data %v)", c.src, c.mime, got, v.Data)
		}
		if c.text != "" && v.Text != c.text {
			t.Errorf("%s: text %q, want %q", c.src, v.Text, c.text)
		}
		if v.Data["text/plain"] != v.Text || v.Metadata == nil {
			t.Errorf("%s: text/plain %q, Text %q, metadata %v", c.src, v.Data["text/plain"], v.Text, v.Metadata)
		}
	}
	for i, src := range []string{`plain{1, 2}`, `42`, `"s"`, `two()`, `fmt.Sprint(named{2})`} {
		out := s.Exec(context.Background(), fmt.Sprintf("cell[%d]", 20+i), src)
		if out.Err != nil || out.Value == nil || out.Value.Data != nil {
			t.Errorf("%s: err %v, value %+v: want text only", src, out.Err, out.Value)
			continue
		}
		if strings.Contains(out.Value.Text, "IValue") || strings.Contains(out.Value.Text, "0x") {
			t.Errorf("%s: text %q shows a wrapper", src, out.Value.Text)
		}
	}
}
