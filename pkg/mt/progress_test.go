package mt

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/pkg/display"
)

// displays is a display.Host keeping the messages, as the kernel's worker
// is one: with it installed and Stdout left alone, mt's bars are displays.
type displays struct {
	mu   sync.Mutex
	msgs []display.Message
}

func (d *displays) Publish(m display.Message) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.msgs = append(d.msgs, m)
	return nil
}

func (d *displays) texts() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, m := range d.msgs {
		out = append(out, m.Data[display.MIMEText].(string))
	}
	return out
}

// withDisplay installs a display host and leaves Stdout at its default.
func withDisplay(t *testing.T) *displays {
	t.Helper()
	d := &displays{}
	display.SetHost(d)
	t.Cleanup(func() { display.SetHost(nil) })
	return d
}

func sampleDir(t *testing.T, n int) (src, dst string) {
	t.Helper()
	root := t.TempDir()
	src = filepath.Join(root, "src")
	if _, err := MakeSampleDir(src, n, 64); err != nil {
		t.Fatal(err)
	}
	return src, filepath.Join(root, "dst")
}

// Under a notebook CopyDir's bar is one display updated in place, whose
// text is the seed's progress line, ending at 100.00%.
func TestCopyDirBarInNotebook(t *testing.T) {
	d := withDisplay(t)
	src, dst := sampleDir(t, 5)
	if n, err := CopyDir(src, dst, 2); n != 5 || err != nil {
		t.Fatal(n, err)
	}
	d.mu.Lock()
	msgs := append([]display.Message(nil), d.msgs...)
	d.mu.Unlock()
	if len(msgs) < 2 || msgs[0].Kind != display.KindDisplay {
		t.Fatalf("messages %+v", msgs)
	}
	for _, m := range msgs[1:] {
		if m.Kind != display.KindUpdate || m.DisplayID != msgs[0].DisplayID {
			t.Errorf("not an update of the first display: %+v", m)
		}
	}
	texts := d.texts()
	if texts[0] != "copied 0/5 files (0.00%)" || texts[len(texts)-1] != "copied 5/5 files (100.00%)" {
		t.Errorf("texts %q", texts)
	}
	if html := msgs[len(msgs)-1].Data[display.MIMEHTML].(string); !strings.Contains(html, `<progress value="5" max="5"`) {
		t.Errorf("final HTML %q", html)
	}
}

// SetProgress(false) and NoProgress turn the bars off.
func TestProgressOff(t *testing.T) {
	d := withDisplay(t)
	src, dst := sampleDir(t, 3)
	if _, err := CopyDirCtx(NoProgress(context.Background()), src, dst, 2); err != nil {
		t.Fatal(err)
	}
	SetProgress(false)
	_, err := CopyDir(src, dst+"2", 2)
	SetProgress(true)
	if err != nil {
		t.Fatal(err)
	}
	p := NewThreadPool(2)
	defer func() { p.Close(); _ = p.Join() }()
	defer func(old time.Duration) { mapProgressAfter = old }(mapProgressAfter)
	mapProgressAfter = 0
	if _, err := p.MapCtx(NoProgress(context.Background()), func(x int) int { return x }, []int{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if texts := d.texts(); len(texts) != 0 {
		t.Errorf("bars shown: %q", texts)
	}
}

// A pool's Map shows a bar labelled with its function once it has run
// for mapProgressAfter (0 here: at once), counting tasks as they end.
func TestMapBar(t *testing.T) {
	d := withDisplay(t)
	defer func(old time.Duration) { mapProgressAfter = old }(mapProgressAfter)
	mapProgressAfter = 0
	p := NewThreadPool(3)
	defer func() { p.Close(); _ = p.Join() }()
	got, err := p.Map(Func("double", func(x int) int { return 2 * x }), []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	if err != nil || len(got) != 10 || got[9] != 20 {
		t.Fatal(got, err)
	}
	texts := d.texts()
	if len(texts) < 2 || !strings.HasPrefix(texts[0], "Map(double) [....................] 0/10 0%") ||
		!regexp.MustCompile(`^Map\(double\) \[#{20}\] 10/10 100%`).MatchString(texts[len(texts)-1]) {
		t.Errorf("texts %q", texts)
	}
}

// A quick Map shows nothing (the delay is not reached), nor does a Map of
// one item.
func TestMapQuietWhenQuick(t *testing.T) {
	d := withDisplay(t)
	defer func(old time.Duration) { mapProgressAfter = old }(mapProgressAfter)
	mapProgressAfter = time.Hour
	p := NewThreadPool(2)
	defer func() { p.Close(); _ = p.Join() }()
	if _, err := p.Map(func(x int) int { return x }, []int{1, 2, 3, 4}); err != nil {
		t.Fatal(err)
	}
	mapProgressAfter = 0
	if _, err := p.Map(func(x int) int { return x }, []int{1}); err != nil {
		t.Fatal(err)
	}
	if texts := d.texts(); len(texts) != 0 {
		t.Errorf("bars shown: %q", texts)
	}
}

// Without a display (a plain program, a child process) the bar is the
// text line on Stdout.
func TestMapBarText(t *testing.T) {
	stdout, _ := captureOutput(t)
	defer func(old time.Duration) { mapProgressAfter = old }(mapProgressAfter)
	mapProgressAfter = 0
	p := NewThreadPool(2)
	defer func() { p.Close(); _ = p.Join() }()
	if _, err := p.Map(Func("id", func(x int) int { return x }), []int{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "\rMap(id) [....................] 0/3 0%") ||
		!regexp.MustCompile(`\rMap\(id\) \[#{20}\] 3/3 100% [0-9.]+[kM]?/s\n$`).MatchString(out) {
		t.Errorf("text bar %q", out)
	}
}
