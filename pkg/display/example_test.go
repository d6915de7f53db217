package display_test

import (
	"fmt"
	"image"
	"image/color"

	"github.com/gokernel/gokernel/pkg/display"
)

// Without a host (a compiled program), a display prints its text/plain
// fallback.
func ExampleShow() {
	display.Show(display.HTML("<p>Hello, <b>world</b> &amp; you</p>"))
	display.Show(display.Markdown("# Title"), 42)
	// Output:
	// Hello, world & you
	// # Title
	// 42
}

func ExampleImage() {
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	b := display.Image(img)
	fmt.Println(b)
	fmt.Println(b.Data["image/png"].(string)[:8]) // base64 of the PNG signature
	// Output:
	// [PNG image 4×3]
	// iVBORw0K
}

func ExampleBundle_WithSize() {
	b := display.PNG(pngBytes(2, 2)).WithSize(200, 0)
	fmt.Println(b.Metadata["image/png"])
	// Output: map[width:200]
}

func ExampleNew() {
	h := display.New(display.Text("step 1"))
	h.Update(display.Text("step 2"))
	// Output:
	// step 1
	// step 2
}

// htmlTable is a type with an HTML method: shown as text/html.
type htmlTable [][]string

func (t htmlTable) HTML() string {
	s := "<table>"
	for _, row := range t {
		s += "<tr>"
		for _, c := range row {
			s += "<td>" + c + "</td>"
		}
		s += "</tr>"
	}
	return s + "</table>"
}

func ExampleRich() {
	b, ok := display.Rich(htmlTable{{"a", "b"}, {"c", "d"}})
	fmt.Println(ok, b.Data["text/html"])
	_, ok = display.Rich(42)
	fmt.Println(ok)
	// Output:
	// true <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
	// false
}
