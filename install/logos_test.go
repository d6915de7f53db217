package install

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// decodePNG decodes the embedded PNG called name.
func decodePNG(t *testing.T, name string) image.Image {
	t.Helper()
	data, err := logos.ReadFile(logoDir + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(data)); err != nil {
		t.Fatalf("%s: %v", name, err)
	} else if cfg.ColorModel != color.NRGBAModel && cfg.ColorModel != color.RGBAModel {
		t.Errorf("%s has colour model %T, want RGBA with alpha", name, cfg.ColorModel)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return img
}

func TestLogoFiles(t *testing.T) {
	entries, err := fs.ReadDir(logos, logoDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}; !slices.Equal(names, want) {
		t.Errorf("embedded logos %v, want %v", names, want)
	}
}

func TestLogoPNGs(t *testing.T) {
	cyan := color.NRGBA{0x00, 0xAD, 0xD8, 0xFF}
	white := color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	clear := color.NRGBA{}
	// Points of the design (in the SVG's 64×64 units) that each size must
	// paint in one flat colour: they lie at least a pixel from any edge.
	points := []struct {
		name string
		x, y float64
		want color.NRGBA
	}{
		{"corner outside the rounded square", 0.5, 0.5, clear},
		{"corner outside the rounded square", 63.5, 63.5, clear},
		{"background above the letters", 32, 8, cyan},
		{"background below the letters", 32, 56, cyan},
		{"left of the G", 3, 32, cyan},
		{"the G's left stroke", 11, 32, white},
		{"the G's bar", 27, 32, white},
		{"inside the G's bowl, below the bar", 21, 36.5, cyan},
		{"the o's right stroke", 53, 35.5, white},
	}
	for _, size := range []int{32, 64} {
		name := map[int]string{32: "logo-32x32.png", 64: "logo-64x64.png"}[size]
		t.Run(name, func(t *testing.T) {
			img := decodePNG(t, name)
			if b := img.Bounds(); b != image.Rect(0, 0, size, size) {
				t.Fatalf("bounds %v, want %dx%d", b, size, size)
			}
			scale := float64(size) / 64
			for _, p := range points {
				x, y := int(p.x*scale), int(p.y*scale)
				got := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				if p.want.A == 0 && got.A != 0 || p.want.A != 0 && got != p.want {
					t.Errorf("%s: pixel (%d,%d) is %v, want %v", p.name, x, y, got, p.want)
				}
			}
		})
	}
	// The kernel and its gap to the o are a pixel or two wide at 32px, so
	// only the 64px logo has them in flat colour.
	big := decodePNG(t, "logo-64x64.png")
	if got := color.NRGBAModel.Convert(big.At(46, 35)); got != white {
		t.Errorf("the kernel is %v, want %v", got, white)
	}
	if got := color.NRGBAModel.Convert(big.At(49, 35)); got != cyan {
		t.Errorf("the gap between the o and the kernel is %v, want %v", got, cyan)
	}
}

func TestLogoSVG(t *testing.T) {
	data, err := logos.ReadFile(logoDir + "/logo-svg.svg")
	if err != nil {
		t.Fatal(err)
	}
	var svg struct {
		XMLName xml.Name `xml:"svg"`
		ViewBox string   `xml:"viewBox,attr"`
		Width   string   `xml:"width,attr"`
		Height  string   `xml:"height,attr"`
	}
	if err := xml.Unmarshal(data, &svg); err != nil {
		t.Fatalf("logo-svg.svg is not XML: %v", err)
	}
	if svg.XMLName.Space != "http://www.w3.org/2000/svg" || svg.XMLName.Local != "svg" {
		t.Errorf("root element is %v, want svg in the SVG namespace", svg.XMLName)
	}
	if svg.ViewBox != "0 0 64 64" || svg.Width != "64" || svg.Height != "64" {
		t.Errorf("viewBox %q width %q height %q, want 0 0 64 64, 64, 64", svg.ViewBox, svg.Width, svg.Height)
	}
	// Every element must be well-formed to the end, not just the root.
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err != nil {
			if err != io.EOF {
				t.Errorf("logo-svg.svg: %v", err)
			}
			break
		}
	}
}

// TestLogosUpToDate renders the PNGs again with genlogos.go and checks that
// the committed ones have the same pixels (not bytes: compression may
// change between Go versions).
func TestLogosUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs genlogos.go")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out := t.TempDir()
	cmd := exec.Command(goTool, "run", "genlogos.go", "-out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run genlogos.go: %v\n%s", err, msg)
	}
	for _, name := range []string{"logo-32x32.png", "logo-64x64.png"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		committed := decodePNG(t, name)
		if fresh.Bounds() != committed.Bounds() {
			t.Fatalf("%s: bounds %v, genlogos renders %v", name, committed.Bounds(), fresh.Bounds())
		}
		b := fresh.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if c, f := committed.At(x, y), fresh.At(x, y); color.NRGBAModel.Convert(c) != color.NRGBAModel.Convert(f) {
					t.Fatalf("%s: pixel (%d,%d) is %v, genlogos renders %v; run go generate ./install", name, x, y, c, f)
				}
			}
		}
	}
}
