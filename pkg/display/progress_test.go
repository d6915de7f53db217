package display_test

import (
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
