package mt

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressLine redraws one line with "\r" at most every interval, and once
// more (ending with "\n") when finished, so that a notebook shows a live
// line that nbconvert collapses to its last state.
type progressLine struct {
	w        io.Writer
	render   func() string
	interval time.Duration

	mu   sync.Mutex
	last time.Time
	done bool
}

func newProgressLine(w io.Writer, render func() string) *progressLine {
	return &progressLine{w: w, render: render, interval: 100 * time.Millisecond}
}

// update redraws the line if the interval has passed since the last draw.
func (p *progressLine) update() {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done || time.Since(p.last) < p.interval {
		return
	}
	p.last = time.Now()
	printf(p.w, "\r%s", p.render())
}

// finish draws the final state and ends the line.
func (p *progressLine) finish() {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	p.done = true
	printf(p.w, "\r%s\n", p.render())
}

// humanBytes formats n as "512 B", "1.5 KiB", "3.2 MiB".
func humanBytes(n float64) string {
	units := []string{"B", "KiB", "MiB", "GiB"}
	i := 0
	for n >= 1024 && i < len(units)-1 {
		n /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%.0f %s", n, units[i])
	}
	return fmt.Sprintf("%.1f %s", n, units[i])
}
