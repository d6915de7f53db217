package display

import (
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progressEvery is the shortest interval between two renderings of a
// ProgressBar (the final one excepted): at most ten updates a second
// reach the frontend however often Add is called. A count that an Add
// made inside an interval is drawn at the interval's end (a timer), so
// the bar never lags the work by more than progressEvery, even when the
// next Add is minutes away.
const progressEvery = 100 * time.Millisecond

// ProgressBar is a live progress display made by Progress. Its methods
// are safe for concurrent use: threads or tasks may Add to one bar.
type ProgressBar struct {
	total int64
	label string
	textf func(n int) string // ProgressOpts.Text
	after time.Duration      // ProgressOpts.After
	start time.Time
	n     atomic.Int64
	next  atomic.Int64 // time since start (ns) before which Add does not render
	done  atomic.Bool
	shown atomic.Bool  // rendered at least once
	drawn atomic.Int64 // the count last rendered
	flush atomic.Bool  // a trailing rendering is scheduled

	mu    sync.Mutex  // serialises renderings
	timer *time.Timer // the trailing rendering (under mu)
	h     *Handle     // the display; nil in text mode
	text  io.Writer   // text mode: where the \r line goes
}

// Progress shows a progress bar for total steps (total <= 0: unknown, the
// bar shows the count only) labelled label, and returns it. With a
// notebook frontend it is an HTML bar with the count, the percentage and
// the rate, updated in place (update_display_data); without one (see
// SetHost) it is a single text line on os.Stdout redrawn with \r. Call Add
// or Set as work is done and Done at the end.
func Progress(total int, label string) *ProgressBar {
	return ProgressWith(ProgressOpts{Total: total, Label: label})
}

// ProgressOpts configures ProgressWith. The zero value of each field is
// Progress's behaviour.
type ProgressOpts struct {
	// Total is the number of steps (<= 0: unknown) and Label the bar's
	// label, as for Progress.
	Total int
	Label string
	// After delays the bar, as tqdm's delay does: nothing is shown until
	// an Add or Set comes at least After since the bar was made, so a job
	// that ends sooner shows nothing at all. Done after that delay draws
	// the bar even if no Add did.
	After time.Duration
	// Text, when set, is the bar's text for a count of n steps: its
	// text/plain fallback, its \r line, and the words beside the HTML bar,
	// in place of the label, count, percentage and rate.
	Text func(n int) string
	// Out, when set, receives the bar as one \r text line even where a
	// display is available (a program that redirected its output).
	Out io.Writer
}

// ProgressWith is Progress configured by o.
func ProgressWith(o ProgressOpts) *ProgressBar {
	p := &ProgressBar{total: int64(o.Total), label: o.Label, textf: o.Text, after: max(o.After, 0), start: time.Now()}
	switch {
	case o.Out != nil:
		p.text = o.Out
	case !host.Installed():
		p.text = os.Stdout
	}
	if p.after > 0 {
		p.next.Store(int64(p.after))
		return p
	}
	p.next.Store(int64(progressEvery))
	p.render(false)
	return p
}

// Add counts n more steps done. It redraws the bar at most ten times a
// second, so calling it for every step of a million costs little.
func (p *ProgressBar) Add(n int) {
	p.n.Add(int64(n))
	p.maybeRender()
}

// Set sets the number of steps done to n.
func (p *ProgressBar) Set(n int) {
	p.n.Store(int64(n))
	p.maybeRender()
}

// Done draws the bar a last time with the final count (and, in text mode,
// ends its line). Later calls do nothing. A bar delayed by
// ProgressOpts.After that is done before its delay stays unseen.
func (p *ProgressBar) Done() {
	if p.done.Swap(true) {
		return
	}
	p.mu.Lock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.mu.Unlock()
	if p.after > 0 && time.Since(p.start) < p.after && !p.shown.Load() {
		return
	}
	p.render(true)
}

// String is the bar as text: label, count, percentage and rate.
func (p *ProgressBar) String() string {
	return p.textLine(p.n.Load(), time.Since(p.start))
}

func (p *ProgressBar) maybeRender() {
	if p.done.Load() {
		return
	}
	el := int64(time.Since(p.start))
	next := p.next.Load()
	if el < next || !p.next.CompareAndSwap(next, el+int64(progressEvery)) {
		p.flushLater()
		return
	}
	p.render(false)
}

// flushLater schedules a rendering for the end of the current interval,
// unless one is scheduled already. A bar not yet shown (ProgressOpts.After)
// waits for an Add instead.
func (p *ProgressBar) flushLater() {
	if !p.shown.Load() || p.flush.Load() || !p.flush.CompareAndSwap(false, true) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done.Load() {
		return
	}
	d := time.Duration(p.next.Load() - int64(time.Since(p.start)))
	p.timer = time.AfterFunc(max(d, 0), p.flushNow)
}

// flushNow is the trailing rendering: it draws a count not drawn yet.
func (p *ProgressBar) flushNow() {
	p.flush.Store(false)
	if p.n.Load() != p.drawn.Load() {
		p.maybeRender()
	}
}

// render draws the bar with the current count; a rendering that is not
// the final one does nothing once Done was called.
func (p *ProgressBar) render(final bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !final && p.done.Load() {
		return
	}
	p.shown.Store(true)
	n, el := p.n.Load(), time.Since(p.start)
	p.drawn.Store(n)
	line := p.textLine(n, el)
	if p.text != nil {
		end := ""
		if final {
			end = "\n"
		}
		fmt.Fprintf(p.text, "\r%s%s", line, end)
		return
	}
	b := HTML(p.html(n, el))
	b.Data[MIMEText] = line
	if p.h == nil {
		p.h = New(b)
		return
	}
	p.h.Update(b)
}

// counts returns the count, percentage (or "") and rate texts.
func (p *ProgressBar) counts(n int64, el time.Duration) (count, pct, rate string) {
	count = fmt.Sprint(n)
	if p.total > 0 {
		count = fmt.Sprintf("%d/%d", n, p.total)
		pct = fmt.Sprintf("%d%%", n*100/p.total)
	}
	if s := el.Seconds(); s > 0 {
		switch r := float64(n) / s; {
		case r >= 1e6:
			rate = fmt.Sprintf("%.2fM/s", r/1e6)
		case r >= 1e4:
			rate = fmt.Sprintf("%.1fk/s", r/1e3)
		default:
			rate = fmt.Sprintf("%.1f/s", r)
		}
	}
	return count, pct, rate
}

func (p *ProgressBar) textLine(n int64, el time.Duration) string {
	if p.textf != nil {
		return p.textf(int(n))
	}
	count, pct, rate := p.counts(n, el)
	parts := []string{}
	if p.label != "" {
		parts = append(parts, p.label)
	}
	if p.total > 0 {
		const width = 20
		fill := int(min(max(n, 0), p.total) * width / p.total)
		parts = append(parts, "["+strings.Repeat("#", fill)+strings.Repeat(".", width-fill)+"]")
	}
	parts = append(parts, count)
	if pct != "" {
		parts = append(parts, pct)
	}
	if rate != "" {
		parts = append(parts, rate)
	}
	return strings.Join(parts, " ")
}

func (p *ProgressBar) html(n int64, el time.Duration) string {
	count, pct, rate := p.counts(n, el)
	var bar string
	if p.total > 0 {
		bar = fmt.Sprintf(`<progress value="%d" max="%d" style="width:20em;vertical-align:middle"></progress> `,
			min(max(n, 0), p.total), p.total)
	}
	info := count
	if pct != "" {
		info += " (" + pct + ")"
	}
	if rate != "" {
		info += " · " + rate
	}
	if p.textf != nil {
		info = p.textf(int(n))
	}
	return fmt.Sprintf(`<div class="gokernel-progress"><span>%s</span> %s<span>%s</span></div>`,
		html.EscapeString(p.label), bar, html.EscapeString(info))
}
