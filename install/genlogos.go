//go:build ignore

// genlogos renders logos/logo-32x32.png and logos/logo-64x64.png, the raster
// versions of the hand-drawn logos/logo-svg.svg. Run it with `go generate`
// in this directory (see logos.go); -out writes the PNGs elsewhere, which the
// package's tests use to check that the committed PNGs are up to date.
//
// The design is described once, below, in the SVG's 64×64 user units, as
// signed distance functions: negative inside a shape, positive outside, in
// units. A pixel's coverage of a shape is its distance in pixels clamped to
// [-0.5, 0.5], which anti-aliases every edge by about one pixel. The shapes
// and numbers are the same as in the SVG; keep the two in step.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

var (
	goCyan = color.NRGBA{0x00, 0xAD, 0xD8, 0xFF}
	white  = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// vec is a point or a vector in design units (the SVG viewBox 0 0 64 64).
type vec struct{ x, y float64 }

func (a vec) sub(b vec) vec     { return vec{a.x - b.x, a.y - b.y} }
func (a vec) dot(b vec) float64 { return a.x*b.x + a.y*b.y }
func (a vec) len() float64      { return math.Hypot(a.x, a.y) }

// background is <rect x="0" y="0" width="64" height="64" rx="12">.
func background(p vec) float64 {
	return roundedRect(p, vec{0, 0}, vec{64, 64}, 12)
}

// letters is the white ink: the G (arc + bar), the o and the kernel dot.
func letters(p vec) float64 {
	const deg = math.Pi / 180
	g := arc(p, vec{21, 32}, 10, 6, 0, 300*deg)            // A10 10 from (31,32) to (26,23.34)
	bar := segment(p, vec{31, 32}, vec{23, 32}, 6)         // M31 32 H23
	o := math.Abs(p.sub(vec{46, 35.5}).len()-7) - 5.0/2    // circle r=7, stroke 5
	kernel := p.sub(vec{46, 35.5}).len() - 2               // circle r=2, filled
	return math.Min(math.Min(g, bar), math.Min(o, kernel)) // union
}

// roundedRect is the distance to the rectangle [min, max] with corner radius r.
func roundedRect(p, min, max vec, r float64) float64 {
	c := vec{(min.x + max.x) / 2, (min.y + max.y) / 2}
	qx := math.Abs(p.x-c.x) - (max.x-min.x)/2 + r
	qy := math.Abs(p.y-c.y) - (max.y-min.y)/2 + r
	outside := vec{math.Max(qx, 0), math.Max(qy, 0)}.len()
	inside := math.Min(math.Max(qx, qy), 0)
	return outside + inside - r
}

// arc is the distance to a stroke of width w along the circle (c, r) from
// angle a0 to a1 (radians, clockwise on screen from +x, a0 < a1 ≤ a0+2π)
// with round caps, as SVG draws it with stroke-linecap="round".
func arc(p, c vec, r, w, a0, a1 float64) float64 {
	d := p.sub(c)
	theta := math.Atan2(d.y, d.x)
	for theta < a0 {
		theta += 2 * math.Pi
	}
	if theta <= a1 {
		return math.Abs(d.len()-r) - w/2
	}
	e0 := vec{c.x + r*math.Cos(a0), c.y + r*math.Sin(a0)}
	e1 := vec{c.x + r*math.Cos(a1), c.y + r*math.Sin(a1)}
	return math.Min(p.sub(e0).len(), p.sub(e1).len()) - w/2
}

// segment is the distance to a stroke of width w from a to b with round caps.
func segment(p, a, b vec, w float64) float64 {
	ab, ap := b.sub(a), p.sub(a)
	t := math.Max(0, math.Min(1, ap.dot(ab)/ab.dot(ab)))
	return p.sub(vec{a.x + t*ab.x, a.y + t*ab.y}).len() - w/2
}

// mask rasterises the shape sdf at size×size pixels as an alpha mask.
func mask(size int, sdf func(vec) float64) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, size, size))
	scale := float64(size) / 64 // pixels per design unit
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			p := vec{(float64(x) + 0.5) / scale, (float64(y) + 0.5) / scale}
			cover := math.Max(0, math.Min(1, 0.5-sdf(p)*scale))
			m.SetAlpha(x, y, color.Alpha{uint8(math.Round(cover * 255))})
		}
	}
	return m
}

// render paints the logo at size×size: cyan through the background mask,
// then white through the letters mask, composited with draw.Over.
func render(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	r := img.Bounds()
	draw.DrawMask(img, r, image.NewUniform(goCyan), image.Point{}, mask(size, background), image.Point{}, draw.Over)
	draw.DrawMask(img, r, image.NewUniform(white), image.Point{}, mask(size, letters), image.Point{}, draw.Over)
	return img
}

func main() {
	out := flag.String("out", "logos", "directory to write the PNGs into")
	flag.Parse()
	for _, size := range []int{32, 64} {
		path := filepath.Join(*out, fmt.Sprintf("logo-%dx%d.png", size, size))
		if err := writePNG(path, render(size)); err != nil {
			fmt.Fprintln(os.Stderr, "genlogos:", err)
			os.Exit(1)
		}
	}
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
