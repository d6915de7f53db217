package display

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Charts are drawn by gonum.org/v1/plot as SVG: text stays text, so a
// browser draws Chinese labels with its own fonts.

// chart size on the page.
const chartW, chartH = 6 * vg.Inch, 3.6 * vg.Inch

// chartColours are the series colours, in order.
var chartColours = []color.RGBA{
	{0x1e, 0x88, 0xe5, 0xff}, {0xe5, 0x39, 0x35, 0xff}, {0x43, 0xa0, 0x47, 0xff},
	{0xfb, 0x8c, 0x00, 0xff}, {0x8e, 0x24, 0xaa, 0xff}, {0x6d, 0x4c, 0x41, 0xff},
}

// BarChart returns a bar chart of values, one bar per label (wall times of
// threads, processes and coroutines, say), titled title with the value
// axis named unit. Its text/plain lists the values. It panics if labels
// and values differ in length, as a slice index out of range would.
func BarChart(title, unit string, labels []string, values []float64) Bundle {
	if len(labels) != len(values) {
		panic(fmt.Sprintf("display.BarChart: %d labels for %d values", len(labels), len(values)))
	}
	p := newPlot(title, "", unit)
	w := vg.Points(min(60, 360/float64(max(len(values), 1))))
	for i, v := range values {
		// one series per bar, so that each has its colour
		vals := make(plotter.Values, len(values))
		vals[i] = v
		bars, err := plotter.NewBarChart(vals, w)
		if err != nil {
			panic(err)
		}
		bars.Color = chartColours[i%len(chartColours)]
		bars.LineStyle.Width = 0
		p.Add(bars)
	}
	p.NominalX(labels...)
	p.X.Min, p.X.Max = -0.6, float64(len(values))-0.4
	top := 0.0
	var xys plotter.XYLabels
	for i, v := range values {
		top = max(top, v)
		xys.XYs = append(xys.XYs, plotter.XY{X: float64(i), Y: v})
		xys.Labels = append(xys.Labels, short(v))
	}
	if labels, err := plotter.NewLabels(xys); err == nil {
		for i := range labels.TextStyle {
			labels.TextStyle[i].XAlign = draw.XCenter
			labels.Offset.Y = vg.Points(3)
		}
		p.Add(labels)
	}
	p.Y.Min, p.Y.Max = 0, top*1.15
	var text strings.Builder
	text.WriteString(title)
	for i, l := range labels {
		fmt.Fprintf(&text, "\n%s: %g %s", l, values[i], unit)
	}
	return chartBundle(p, text.String())
}

// Series is one line of a LineChart: y values at the chart's x values.
type Series struct {
	Name string
	Y    []float64
}

// LineChart returns a line chart with points of each series at x (speed-up
// against the number of workers, say), axes named xlabel and ylabel, and a
// legend of the series names. It panics if a series has not len(x) values.
func LineChart(title, xlabel, ylabel string, x []float64, series ...Series) Bundle {
	p := newPlot(title, xlabel, ylabel)
	var text strings.Builder
	text.WriteString(title)
	for i, s := range series {
		if len(s.Y) != len(x) {
			panic(fmt.Sprintf("display.LineChart: series %q has %d values for %d x values", s.Name, len(s.Y), len(x)))
		}
		pts := make(plotter.XYs, len(x))
		for k := range x {
			pts[k] = plotter.XY{X: x[k], Y: s.Y[k]}
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			panic(err)
		}
		c := chartColours[i%len(chartColours)]
		line.Color, line.Width = c, vg.Points(2)
		points.Color, points.Shape = c, draw.CircleGlyph{}
		p.Add(line, points)
		if s.Name != "" {
			p.Legend.Add(s.Name, line, points)
		}
		fmt.Fprintf(&text, "\n%s: %v", s.Name, s.Y)
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(12), -vg.Points(4)
	p.Y.Min = 0
	top := 0.0
	for _, s := range series {
		for _, y := range s.Y {
			top = max(top, y)
		}
	}
	p.Y.Max = top * 1.15
	return chartBundle(p, text.String())
}

// short formats a bar's value with about three significant digits and no
// exponent: 1234, 56.7, 0.123.
func short(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Add(plotter.NewGrid())
	return p
}

// chartBundle renders p as SVG with text as its text/plain.
func chartBundle(p *plot.Plot, text string) Bundle {
	c := vgsvg.New(chartW, chartH)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		panic(err)
	}
	b := SVG(buf.String())
	b.Data[MIMEText] = text
	return b
}
