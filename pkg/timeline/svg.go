package timeline

import (
	"fmt"
	"html"
	"math"
	"strings"
	"time"
)

// Chart geometry, in SVG user units (pixels).
const (
	chartWidth = 860
	labelWidth = 180
	rightPad   = 24
	legendH    = 30
	laneH      = 26
	barH       = 16
	axisH      = 30
)

// SVG draws the recording as a swim-lane chart: one lane per actor in
// order of first appearance, a time axis below, state colours with a
// legend of the states that occur, and a mark for each printed line whose
// <title> (shown on hover) is the text. Every bar has a <title> too: the
// actor, the state, what it waited for and when. The output depends only
// on the events, so a logical clock gives a reproducible chart.
func (r *Recording) SVG() string {
	r.mu.Lock()
	lanes := append([]string(nil), r.lanes...)
	events := append([]Event(nil), r.events...)
	total := r.duration()
	dropped := r.dropped
	r.mu.Unlock()
	return render(lanes, events, total, dropped)
}

type segment struct {
	from, to time.Duration
	state    State
	note     string
}

// segments turns each lane's events into state intervals up to total
// (merging repeats of the same state and note) and collects its marks.
func segments(nlanes int, events []Event, total time.Duration) ([][]segment, [][]Event) {
	segs := make([][]segment, nlanes)
	marks := make([][]Event, nlanes)
	open := make([]*segment, nlanes)
	ended := make([]bool, nlanes)
	for _, e := range events {
		if e.Lane < 0 || e.Lane >= nlanes || ended[e.Lane] {
			continue
		}
		if e.State == Print {
			marks[e.Lane] = append(marks[e.Lane], e)
			continue
		}
		if o := open[e.Lane]; o != nil {
			if o.state == e.State && o.note == e.Note {
				continue
			}
			o.to = e.At
			segs[e.Lane] = append(segs[e.Lane], *o)
			open[e.Lane] = nil
		}
		if e.State == End {
			ended[e.Lane] = true
			continue
		}
		open[e.Lane] = &segment{from: e.At, state: e.State, note: e.Note}
	}
	for i, o := range open {
		if o != nil {
			o.to = total
			segs[i] = append(segs[i], *o)
		}
	}
	return segs, marks
}

func render(lanes []string, events []Event, total time.Duration, dropped int) string {
	segs, marks := segments(len(lanes), events, total)
	if total <= 0 {
		total = time.Millisecond
	}
	plotW := float64(chartWidth - labelWidth - rightPad)
	x := func(t time.Duration) float64 {
		return labelWidth + plotW*float64(t)/float64(total)
	}
	height := legendH + laneH*len(lanes) + axisH
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`,
		chartWidth, height, chartWidth, height)
	b.WriteString("\n<title>timeline</title>\n")
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", chartWidth, height)
	legend(&b, segs, marks)
	for i, name := range lanes {
		y := legendH + laneH*i
		if i%2 == 1 {
			fmt.Fprintf(&b, `<rect x="0" y="%d" width="%d" height="%d" fill="#f5f5f5"/>`+"\n", y, chartWidth, laneH)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" dominant-baseline="central">%s</text>`+"\n",
			labelWidth-8, y+laneH/2, html.EscapeString(clip(name, 24)))
		by := y + (laneH-barH)/2
		for _, s := range segs[i] {
			x0, x1 := x(s.from), x(s.to)
			w := math.Max(x1-x0, 0.5)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#ffffff" stroke-width="0.5"><title>%s</title></rect>`+"\n",
				x0, by, w, barH, stateColours[s.state], html.EscapeString(segTitle(name, s)))
			if n := len([]rune(s.note)); s.note != "" && float64(n)*6.5+6 < w {
				// the note fits in the bar: what it waits for, the task it runs
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" fill="#ffffff" dominant-baseline="central" pointer-events="none">%s</text>`+"\n",
					x0+3, by+barH/2, html.EscapeString(s.note))
			}
		}
		for _, m := range marks[i] {
			mx := x(m.At)
			fmt.Fprintf(&b, `<path d="M%.1f %dl-4 -6h8z" fill="#212121"><title>%s</title></path>`+"\n",
				mx, by+2, html.EscapeString(fmt.Sprintf("%s %s: %s", name, fmtDur(m.At), strings.TrimRight(m.Note, "\n"))))
		}
	}
	axis(&b, legendH+laneH*len(lanes), total, x)
	if dropped > 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" fill="#b71c1c">%d events not recorded</text>`+"\n",
			chartWidth-rightPad, legendH-10, dropped)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// legend lists the states that occur, and the print mark if any.
func legend(b *strings.Builder, segs [][]segment, marks [][]Event) {
	var seen [numStates]bool
	for _, l := range segs {
		for _, s := range l {
			seen[s.state] = true
		}
	}
	for _, l := range marks {
		if len(l) > 0 {
			seen[Print] = true
		}
	}
	x := labelWidth
	for s := State(0); s < numStates; s++ {
		if !seen[s] {
			continue
		}
		if s == Print {
			fmt.Fprintf(b, `<path d="M%d 19l-4 -6h8z" fill="#212121"/>`, x+5)
		} else {
			fmt.Fprintf(b, `<rect x="%d" y="8" width="12" height="12" fill="%s"/>`, x, stateColours[s])
		}
		fmt.Fprintf(b, `<text x="%d" y="14" dominant-baseline="central">%s</text>`+"\n", x+16, s)
		x += 16 + 8*len(s.String()) + 14
	}
}

// axis draws the time axis with about eight round ticks.
func axis(b *strings.Builder, y int, total time.Duration, x func(time.Duration) float64) {
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#616161"/>`+"\n", labelWidth, y+4, chartWidth-rightPad, y+4)
	step := tickStep(total)
	for t := time.Duration(0); t <= total; t += step {
		tx := x(t)
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#616161"/>`, tx, y+4, tx, y+8)
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#e0e0e0" stroke-dasharray="2,3"/>`, tx, legendH, tx, y+4)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#424242">%s</text>`+"\n", tx, y+22, fmtDur(t))
	}
}

// tickStep is the 1-2-5 step that cuts total into at most eight parts.
func tickStep(total time.Duration) time.Duration {
	for step := time.Duration(1); ; step *= 10 {
		for _, m := range []time.Duration{1, 2, 5} {
			if total/(step*m) <= 8 {
				return step * m
			}
		}
	}
}

// fmtDur formats a time on the axis: "0", "250ms", "1.5s", "3µs".
func fmtDur(d time.Duration) string {
	switch {
	case d == 0:
		return "0"
	case d >= time.Second:
		return trimZeros(fmt.Sprintf("%.3f", d.Seconds())) + "s"
	case d >= time.Millisecond:
		return trimZeros(fmt.Sprintf("%.3f", float64(d)/1e6)) + "ms"
	case d >= time.Microsecond:
		return trimZeros(fmt.Sprintf("%.3f", float64(d)/1e3)) + "µs"
	}
	return fmt.Sprintf("%dns", int64(d))
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func segTitle(lane string, s segment) string {
	t := fmt.Sprintf("%s: %s %s–%s", lane, s.state, fmtDur(s.from), fmtDur(s.to))
	if s.note != "" {
		t += " (" + s.note + ")"
	}
	return t
}

// clip shortens a lane name to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
