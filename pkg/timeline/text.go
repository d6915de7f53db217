package timeline

import (
	"fmt"
	"strings"
)

// Text summarises the recording in plain text, one line per lane with its
// first states and the number of printed lines: the text/plain fallback of
// a chart.
func (r *Recording) Text() string {
	r.mu.Lock()
	lanes := append([]string(nil), r.lanes...)
	events := append([]Event(nil), r.events...)
	total := r.duration()
	r.mu.Unlock()
	segs, marks := segments(len(lanes), events, total)
	var b strings.Builder
	fmt.Fprintf(&b, "timeline: %d lanes, %s", len(lanes), fmtDur(total))
	width := 0
	for _, l := range lanes {
		width = max(width, len([]rune(l)))
	}
	const most = 6
	for i, l := range lanes {
		fmt.Fprintf(&b, "\n%s%s ", l, strings.Repeat(" ", width-len([]rune(l))))
		for k, s := range segs[i] {
			if k == most {
				fmt.Fprintf(&b, " … (%d more)", len(segs[i])-most)
				break
			}
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %s", s.state, fmtDur(s.to-s.from))
			if s.note != "" {
				fmt.Fprintf(&b, " (%s)", s.note)
			}
		}
		if n := len(marks[i]); n > 0 {
			fmt.Fprintf(&b, "; %d printed", n)
		}
	}
	return b.String()
}
