package display_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/pkg/display"
)

// recorder is a Host keeping what it is given.
type recorder struct {
	mu   sync.Mutex
	msgs []display.Message
	err  error
}

func (r *recorder) Publish(m display.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return r.err
}

func install(t *testing.T) *recorder {
	t.Helper()
	r := &recorder{}
	display.SetHost(r)
	t.Cleanup(func() { display.SetHost(nil) })
	return r
}

func pngBytes(w, h int) []byte {
	var buf bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, w, h))
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestConstructors(t *testing.T) {
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 5, 6)), nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		b          display.Bundle
		mime       string
		data, text string
	}{
		{"HTML", display.HTML("<h1>T&lt;1</h1><p>a<br>b</p>"), "text/html", "<h1>T&lt;1</h1><p>a<br>b</p>", "T<1\na\nb"},
		{"HTMLTable", display.HTML("<table><tr><th>x</th><th>y</th></tr><tr><td>1</td><td>2</td></tr></table>"),
			"text/html", "", "x\ty\n1\t2"},
		{"Markdown", display.Markdown("*hi*"), "text/markdown", "*hi*", "*hi*"},
		{"LaTeX", display.LaTeX(`$x^2$`), "text/latex", `$x^2$`, `$x^2$`},
		{"SVG", display.SVG(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "image/svg+xml",
			`<svg xmlns="http://www.w3.org/2000/svg"/>`, "[SVG image]"},
		{"PNG", display.PNG(pngBytes(7, 3)), "image/png", base64.StdEncoding.EncodeToString(pngBytes(7, 3)), "[PNG image 7×3]"},
		{"PNGBad", display.PNG([]byte("nope")), "image/png", base64.StdEncoding.EncodeToString([]byte("nope")), "[PNG image, 4 bytes]"},
		{"JPEG", display.JPEG(jpg.Bytes()), "image/jpeg", base64.StdEncoding.EncodeToString(jpg.Bytes()), "[JPEG image 5×6]"},
		{"Text", display.Text("plain"), "text/plain", "plain", "plain"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.data != "" && c.b.Data[c.mime] != c.data {
				t.Errorf("%s = %q, want %q", c.mime, c.b.Data[c.mime], c.data)
			}
			if c.b.Data[c.mime] == nil {
				t.Errorf("no %s in %v", c.mime, c.b.Data)
			}
			if got := c.b.String(); got != c.text {
				t.Errorf("text = %q, want %q", got, c.text)
			}
		})
	}
}

func TestImageDecodes(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(2, 1, color.RGBA{G: 200, A: 255})
	b := display.Image(img)
	raw, err := base64.StdEncoding.DecodeString(b.Data["image/png"].(string))
	if err != nil {
		t.Fatal(err)
	}
	back, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if _, g, _, _ := back.At(2, 1).RGBA(); g>>8 != 200 {
		t.Errorf("pixel (2,1) green = %d, want 200", g>>8)
	}
	if empty := display.Image(image.NewRGBA(image.Rectangle{})); empty.Data["image/png"] != nil ||
		!strings.HasPrefix(empty.String(), "[image: ") {
		t.Errorf("empty image gave %v", empty.Data)
	}
}

func TestJSON(t *testing.T) {
	b := display.JSON(map[string]any{"a": []int{1, 2}})
	got := b.Data["application/json"].(map[string]any)
	if arr := got["a"].([]any); len(arr) != 2 || arr[1] != float64(2) {
		t.Errorf("application/json = %v", got)
	}
	if b.String() != "{\n  \"a\": [\n    1,\n    2\n  ]\n}" {
		t.Errorf("text = %q", b.String())
	}
	if bad := display.JSON(make(chan int)); bad.Data["application/json"] != nil ||
		!strings.HasPrefix(bad.String(), "[JSON: ") {
		t.Errorf("unmarshalable value gave %v", bad.Data)
	}
}

func TestBundleFallback(t *testing.T) {
	r := install(t)
	display.Show(display.Bundle{Data: map[string]any{"text/html": "<i>x</i>", "image/svg+xml": "<svg/>"}})
	m := r.msgs[0]
	if m.Data["text/plain"] != "[image/svg+xml, text/html]" || m.Metadata == nil {
		t.Errorf("got %+v", m)
	}
	if (display.Bundle{}).String() != "" {
		t.Error("empty bundle has text")
	}
}

func TestSeam(t *testing.T) {
	r := install(t)
	display.Show(display.HTML("<b>x</b>"), "y")
	h := display.New(display.Markdown("1"))
	h.Update(display.Markdown("2"))
	display.Clear(true)
	want := []struct {
		kind, text string
		id         bool
	}{
		{display.KindDisplay, "x", false}, {display.KindDisplay, "y", false},
		{display.KindDisplay, "1", true}, {display.KindUpdate, "2", true}, {display.KindClear, "", false},
	}
	if len(r.msgs) != len(want) {
		t.Fatalf("got %d messages: %+v", len(r.msgs), r.msgs)
	}
	for i, w := range want {
		m := r.msgs[i]
		if m.Kind != w.kind || (w.id && m.DisplayID != h.ID()) || (!w.id && m.DisplayID != "") {
			t.Errorf("message %d = %+v, want %+v", i, m, w)
		}
		if m.Kind != display.KindClear && (m.Data["text/plain"] != w.text || m.Metadata == nil) {
			t.Errorf("message %d data = %v metadata = %v", i, m.Data, m.Metadata)
		}
	}
	if !r.msgs[4].Wait {
		t.Error("Clear(true) lost wait")
	}
	if len(h.ID()) != 32 || display.New(1).ID() == h.ID() {
		t.Errorf("display ids not unique hex: %q", h.ID())
	}
	r.err = errors.New("gone")
	display.Show(1) // a failing host loses the display, nothing more
	if len(r.msgs) != 7 {
		t.Errorf("%d messages after a failing Show", len(r.msgs))
	}
}

type svgDot struct{}

func (svgDot) SVG() string    { return "<svg/>" }
func (svgDot) String() string { return "a dot" }

type mdNote string

func (n mdNote) Markdown() string { return "**" + string(n) + "**" }

type pngIcon struct{}

func (pngIcon) PNG() []byte { return pngBytes(1, 1) }

type custom struct{}

func (custom) MIMEBundle() map[string]any {
	return map[string]any{"text/html": "<u>c</u>", "text/plain": "c"}
}

func TestRich(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	cases := []struct {
		v          any
		mime, text string
	}{
		{svgDot{}, "image/svg+xml", "a dot"},
		{mdNote("n"), "text/markdown", "n"},
		{pngIcon{}, "image/png", "{}"},
		{custom{}, "text/html", "c"},
		{img, "image/png", "[PNG image 2×2] (*image.RGBA)"},
		{display.HTML("<b>h</b>"), "text/html", "h"},
		{&display.Bundle{Data: map[string]any{"text/latex": "$y$"}}, "text/latex", "[text/latex]"},
	}
	for _, c := range cases {
		b, ok := display.Rich(c.v)
		if !ok || b.Data[c.mime] == nil || b.Data["text/plain"] != c.text || b.Metadata == nil {
			t.Errorf("Rich(%T) = %v, %v", c.v, b, ok)
		}
	}
	for _, v := range []any{nil, 1, "s", (*display.Bundle)(nil), []byte("x")} {
		if _, ok := display.Rich(v); ok {
			t.Errorf("Rich(%#v) is rich", v)
		}
	}
	if len(display.Interfaces()) != 6 {
		t.Error("Interfaces changed: update the doc")
	}
}
