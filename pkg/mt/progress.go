package mt

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/pkg/display"
)

// Progress bars of mt's long jobs: CopyDir and DownloadAll show one from
// the start (their seeds print a progress line); a pool's Map shows one
// only once it has run for a second, so that a quick Map prints
// nothing, as Python's does. Each is a display.ProgressBar: under a
// notebook a live HTML bar updated in place, with the text line as its
// text/plain fallback; elsewhere (a plain program, a child process, a
// console without display) one text line redrawn with "\r". With Stdout
// set to another writer, the bar is that text line on Stdout.

// mapProgressAfter is how long a pool's Map (of two or more items) runs
// before its progress bar appears (tests change it).
var mapProgressAfter = time.Second

var progressOff atomic.Bool

// SetProgress turns the progress bars of CopyDir, DownloadAll and the
// pools' Map on (the default) or off for every later call.
func SetProgress(on bool) { progressOff.Store(!on) }

type noProgressKey struct{}

// NoProgress returns a context under which CopyDirCtx, DownloadAllCtx and
// the pools' MapCtx show no progress bar.
func NoProgress(ctx context.Context) context.Context {
	return context.WithValue(ctx, noProgressKey{}, true)
}

// bar is a progress bar that may be off (nil p): its methods then do
// nothing.
type bar struct{ p *display.ProgressBar }

// newBar returns the bar of a job of total steps: on w (Stdout's default
// value: the display, or the text line on os.Stdout without one; another
// writer: the text line there, nil: none), described by text, shown after
// the job has run for after.
func newBar(ctx context.Context, w io.Writer, total int, label string, after time.Duration, text func(n int) string) bar {
	if w == nil || progressOff.Load() || ctx.Value(noProgressKey{}) != nil {
		return bar{}
	}
	o := display.ProgressOpts{Total: total, Label: label, After: after, Text: text}
	if _, std := w.(stdFile); !std {
		o.Out = serialized{w}
	}
	return bar{display.ProgressWith(o)}
}

func (b bar) add(n int) {
	if b.p != nil {
		b.p.Add(n)
	}
}

func (b bar) set(n int) {
	if b.p != nil {
		b.p.Set(n)
	}
}

func (b bar) done() {
	if b.p != nil {
		b.p.Done()
	}
}

// serialized writes to w atomically with respect to other mt output.
type serialized struct{ w io.Writer }

func (s serialized) Write(p []byte) (int, error) {
	outMu.Lock()
	defer outMu.Unlock()
	return s.w.Write(p)
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
