package display_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/pkg/display"
)

// A million Adds make a handful of updates: the first display, at most
// ten a second while counting, and the final one.
func TestProgressRateLimited(t *testing.T) {
	r := install(t)
	start := time.Now()
	p := display.Progress(1_000_000, "steps <1>")
	for range 1_000_000 {
		p.Add(1)
	}
	p.Done()
	p.Done()
	p.Add(1) // after Done: counted, not drawn
	elapsed := time.Since(start)
	if max := 2 + int(elapsed/(100*time.Millisecond)) + 1; len(r.msgs) > max {
		t.Errorf("%d messages in %v, want at most %d", len(r.msgs), elapsed, max)
	}
	first, last := r.msgs[0], r.msgs[len(r.msgs)-1]
	if first.Kind != display.KindDisplay || first.DisplayID == "" {
		t.Fatalf("first message %+v", first)
	}
	if last.Kind != display.KindUpdate || last.DisplayID != first.DisplayID {
		t.Fatalf("last message %+v", last)
	}
	html := last.Data["text/html"].(string)
	for _, want := range []string{`<progress value="1000000" max="1000000"`, "1000000/1000000 (100%)", "steps &lt;1&gt;", "/s"} {
		if !strings.Contains(html, want) {
			t.Errorf("final HTML %q lacks %q", html, want)
		}
	}
	text := last.Data["text/plain"].(string)
	if !regexp.MustCompile(`^steps <1> \[#{20}\] 1000000/1000000 100% [0-9.]+[kM]?/s$`).MatchString(text) {
		t.Errorf("final text %q", text)
	}
}

func TestProgressUnknownTotal(t *testing.T) {
	r := install(t)
	p := display.Progress(0, "")
	p.Set(41)
	p.Add(1)
	p.Done()
	last := r.msgs[len(r.msgs)-1]
	if !regexp.MustCompile(`^42( [0-9.]+[kM]?/s)?$`).MatchString(last.Data["text/plain"].(string)) ||
		strings.Contains(last.Data["text/html"].(string), "<progress") {
		t.Errorf("last %+v", last.Data)
	}
	if !strings.HasPrefix(p.String(), "42") {
		t.Errorf("String() = %q", p.String())
	}
}

// Without a host the bar is one line of text redrawn with \r.
func TestProgressText(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = f
	p := display.Progress(3, "copy")
	for range 3 {
		p.Add(1)
	}
	p.Done()
	os.Stdout = old
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	if !strings.HasPrefix(out, "\rcopy [....................] 0/3 0%") || strings.Count(out, "\n") != 1 ||
		!regexp.MustCompile(`\rcopy \[#{20}\] 3/3 100% [0-9.]+[kM]?/s\n$`).MatchString(out) {
		t.Errorf("text progress %q", out)
	}
}

// A bar delayed by After shows nothing for a job done sooner, however
// many steps it counts.
func TestProgressAfterHidesShortJobs(t *testing.T) {
	r := install(t)
	p := display.ProgressWith(display.ProgressOpts{Total: 1000, Label: "quick", After: time.Hour})
	for range 1000 {
		p.Add(1)
	}
	p.Done()
	if len(r.msgs) != 0 {
		t.Errorf("a job shorter than After showed %d messages: %+v", len(r.msgs), r.msgs[0])
	}
}

// Once After has passed, the next Add shows the bar and Done updates it.
func TestProgressAfterShowsLongJobs(t *testing.T) {
	r := install(t)
	p := display.ProgressWith(display.ProgressOpts{Total: 4, Label: "slow", After: time.Microsecond})
	t0 := time.Now() // after the bar's own start
	if len(r.msgs) != 0 {
		t.Fatalf("shown before After: %+v", r.msgs)
	}
	for time.Since(t0) <= time.Microsecond {
		// the clock, not a wait for another goroutine: After must have passed
	}
	p.Add(1)
	p.Add(3)
	p.Done()
	if len(r.msgs) != 2 || r.msgs[0].Kind != display.KindDisplay || r.msgs[1].Kind != display.KindUpdate {
		t.Fatalf("messages %+v", r.msgs)
	}
	if got := r.msgs[1].Data["text/plain"].(string); !regexp.MustCompile(`^slow \[#{20}\] 4/4 100%`).MatchString(got) {
		t.Errorf("final text %q", got)
	}
}

// Text replaces the words of the bar in every form; Out forces the text
// line even with a display.
func TestProgressTextAndOut(t *testing.T) {
	r := install(t)
	words := func(n int) string { return fmt.Sprintf("copied %d/2 files", n) }
	p := display.ProgressWith(display.ProgressOpts{Total: 2, Text: words})
	p.Add(2)
	p.Done()
	last := r.msgs[len(r.msgs)-1]
	if last.Data["text/plain"] != "copied 2/2 files" || !strings.Contains(last.Data["text/html"].(string), "copied 2/2 files") ||
		!strings.Contains(last.Data["text/html"].(string), `<progress value="2" max="2"`) {
		t.Errorf("last %+v", last.Data)
	}
	n := len(r.msgs)
	var buf strings.Builder
	q := display.ProgressWith(display.ProgressOpts{Total: 2, Text: words, Out: &buf})
	q.Set(2)
	q.Done()
	if len(r.msgs) != n {
		t.Errorf("Out still sent %d display messages", len(r.msgs)-n)
	}
	if !strings.HasSuffix(buf.String(), "\rcopied 2/2 files\n") || !strings.HasPrefix(buf.String(), "\rcopied 0/2 files") {
		t.Errorf("text line %q", buf.String())
	}
}

// The cost of an Add between two renderings (the common case), and of a
// whole bar of 1000 steps with its renderings, with a host installed.
func BenchmarkProgressAdd(b *testing.B) {
	display.SetHost(&recorder{})
	defer display.SetHost(nil)
	p := display.Progress(0, "bench")
	b.ResetTimer()
	for range b.N {
		p.Add(1)
	}
	b.StopTimer()
	p.Done()
}

func BenchmarkProgressRender(b *testing.B) {
	display.SetHost(&recorder{})
	defer display.SetHost(nil)
	for range b.N {
		p := display.Progress(b.N, "bench")
		p.Add(1)
		p.Done()
	}
}

// chanHost hands each message to the test as it is published.
type chanHost chan display.Message

func (c chanHost) Publish(m display.Message) error { c <- m; return nil }

// A count added inside the rate limit's interval, with no Add after it, is
// still drawn: the bar does not wait for the next Add to catch up.
func TestProgressTrailingUpdate(t *testing.T) {
	c := make(chanHost, 16)
	display.SetHost(c)
	t.Cleanup(func() { display.SetHost(nil) })
	p := display.Progress(3, "steps")
	first := <-c
	for i := 1; i <= 2; i++ {
		p.Add(1) // the first one comes well inside the first interval
		want := fmt.Sprintf(`<progress value="%d" max="3"`, i)
		for m := range c { // an update per interval at most; wait for the one showing i
			if m.Kind != display.KindUpdate || m.DisplayID != first.DisplayID {
				t.Fatalf("message %+v", m)
			}
			if strings.Contains(m.Data["text/html"].(string), want) {
				break
			}
		}
	}
	p.Add(1)
	p.Done()
	var last display.Message
	for len(c) > 0 || !strings.Contains(htmlOf(last), `value="3" max="3"`) {
		last = <-c
	}
	// After Done the trailing rendering, if its timer already fired, draws nothing more.
	p.Add(5)
	if len(c) != 0 {
		t.Errorf("%d messages after Done", len(c))
	}
}

func htmlOf(m display.Message) string {
	s, _ := m.Data["text/html"].(string)
	return s
}
