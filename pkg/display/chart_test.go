package display_test

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/pkg/display"
)

func TestBarChart(t *testing.T) {
	b := display.BarChart("耗时对比", "秒", []string{"线程", "进程", "协程"}, []float64{1.2, 0.8, 0.3})
	svg, _ := b.Data["image/svg+xml"].(string)
	for _, want := range []string{"<svg", "线程", "进程", "协程", "耗时对比"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if text := b.Data["text/plain"]; text != "耗时对比\n线程: 1.2 秒\n进程: 0.8 秒\n协程: 0.3 秒" {
		t.Errorf("text/plain %q", text)
	}
}

func TestLineChart(t *testing.T) {
	b := display.LineChart("speed-up", "workers", "×", []float64{1, 2, 4},
		display.Series{Name: "threads", Y: []float64{1, 1.9, 3.5}},
		display.Series{Name: "processes", Y: []float64{1, 1.8, 3.1}})
	svg, _ := b.Data["image/svg+xml"].(string)
	for _, want := range []string{"<svg", "threads", "processes", "workers", "speed-up"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if !strings.HasPrefix(b.Data["text/plain"].(string), "speed-up\nthreads: [1 1.9 3.5]") {
		t.Errorf("text/plain %q", b.Data["text/plain"])
	}
}

func TestChartPanicsOnMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	display.BarChart("t", "s", []string{"a"}, nil)
}
