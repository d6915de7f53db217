package display_test

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/pkg/display"
	"github.com/gokernel/gokernel/pkg/mt"
	"github.com/gokernel/gokernel/pkg/timeline"
)

func TestTimelineShowsChart(t *testing.T) {
	r := install(t)
	display.Timeline(func() {
		th := mt.NewThreadOpts(mt.ThreadOpts{Target: func() {}, Name: "Thread-1"})
		th.Start()
		th.Join()
	})
	if len(r.msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(r.msgs))
	}
	m := r.msgs[0]
	svg, _ := m.Data["image/svg+xml"].(string)
	text, _ := m.Data["text/plain"].(string)
	if m.Kind != display.KindDisplay || !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, ">Thread-1</text>") {
		t.Errorf("message %s with SVG %.200q", m.Kind, svg)
	}
	if m.Data["text/html"] != svg {
		t.Error("text/html is not the SVG markup")
	}
	if !strings.HasPrefix(text, "timeline: 2 lanes") || !strings.Contains(text, "\nThread-1 ") {
		t.Errorf("text/plain %q", text)
	}
	if timeline.Active() != nil {
		t.Error("a recording is still active after Timeline")
	}
}

func TestTimelineNested(t *testing.T) {
	r := install(t)
	ran := false
	display.Timeline(func() {
		display.Timeline(func() { ran = true })
	})
	if !ran || len(r.msgs) != 2 {
		t.Fatalf("inner ran %v, %d messages", ran, len(r.msgs))
	}
	if text := r.msgs[0].Data["text/plain"]; text != timeline.ErrActive.Error() {
		t.Errorf("inner timeline showed %q", text)
	}
}

func TestTimelinePanicStillShows(t *testing.T) {
	r := install(t)
	defer func() {
		if recover() == nil {
			t.Error("the panic did not go on")
		}
		if len(r.msgs) != 1 || timeline.Active() != nil {
			t.Errorf("%d messages, active %v", len(r.msgs), timeline.Active())
		}
	}()
	display.Timeline(func() { panic("boom") })
}
