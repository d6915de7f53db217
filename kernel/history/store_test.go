package history

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func sources(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Source)
	}
	return out
}

func mustOpen(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSessionsTailRangeSearch(t *testing.T) {
	dir := t.TempDir()
	a := mustOpen(t, dir, Options{})
	if a.Session() != 1 {
		t.Fatalf("first session = %d", a.Session())
	}
	for i, src := range []string{"x := 1", "fmt.Println(x)", "x := 1"} {
		if err := a.Add(i+1, src); err != nil {
			t.Fatal(err)
		}
	}
	a.AddOutput(3, "1")
	b := mustOpen(t, dir, Options{}) // a restart: a new session
	if b.Session() != 2 {
		t.Fatalf("second session = %d", b.Session())
	}
	b.Add(1, "y := 2")
	b.Add(2, "for i := range 3 {\n\tfmt.Println(i)\n}")

	tail, err := b.Tail(3)
	if err != nil {
		t.Fatal(err)
	}
	if got := sources(tail); strings.Join(got, "|") != "x := 1|y := 2|for i := range 3 {\n\tfmt.Println(i)\n}" {
		t.Errorf("Tail(3) = %q", got)
	}
	if tail[0].Session != 1 || tail[0].Line != 3 || tail[0].Output != "1" {
		t.Errorf("Tail(3)[0] = %+v", tail[0])
	}
	if es, _ := b.Tail(100); len(es) != 5 {
		t.Errorf("Tail(100) has %d entries, want 5", len(es))
	}
	for _, tc := range []struct {
		session, start, stop int
		want                 string
	}{
		{0, 1, 0, "y := 2|for i := range 3 {\n\tfmt.Println(i)\n}"},
		{0, 1, 2, "y := 2"},
		{-1, 2, 3, "fmt.Println(x)"},
		{1, 0, 0, "x := 1|fmt.Println(x)|x := 1"},
		{2, 2, 0, "for i := range 3 {\n\tfmt.Println(i)\n}"},
		{7, 0, 0, ""},
	} {
		es, err := b.Range(tc.session, tc.start, tc.stop)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(sources(es), "|"); got != tc.want {
			t.Errorf("Range(%d, %d, %d) = %q, want %q", tc.session, tc.start, tc.stop, got, tc.want)
		}
	}
	for _, tc := range []struct {
		pattern string
		n       int
		unique  bool
		want    string
	}{
		{"x*", 0, false, "x := 1|x := 1"},
		{"x*", 0, true, "x := 1"},
		{"*Println*", 0, false, "fmt.Println(x)|for i := range 3 {\n\tfmt.Println(i)\n}"},
		{"*Println*", 1, false, "for i := range 3 {\n\tfmt.Println(i)\n}"},
		{"?", 0, false, ""},
	} {
		es, err := b.Search(tc.pattern, tc.n, tc.unique)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(sources(es), "|"); got != tc.want {
			t.Errorf("Search(%q, %d, %v) = %q, want %q", tc.pattern, tc.n, tc.unique, got, tc.want)
		}
	}
	// unique keeps the latest of equal sources.
	if es, _ := b.Search("x := 1", 0, true); len(es) != 1 || es[0].Line != 3 {
		t.Errorf("unique kept %+v, want line 3", es)
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		want bool
	}{
		{"*", "", true},
		{"*", "any\nthing", true},
		{"a*c", "abbbc", true},
		{"a*c", "abbbd", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"[a-c]x", "bx", true},
		{"[^a-c]x", "bx", false},
		{"[^a-c]x", "dx", true},
		{"[]]", "]", true},
		{"fmt.*", "fmt.Println()", true},
		{"FMT*", "fmt", false},
		{"*.Print*(*)", "fmt.Println(\"é\")", true},
		{"[abc", "a", false},
		{"é?", "éa", true},
	} {
		if got := Match(tc.p, tc.s); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.p, tc.s, got, tc.want)
		}
	}
}

func TestBounded(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir, Options{MaxBytes: 4000})
	src := strings.Repeat("x", 80)
	for i := 1; i <= 500; i++ {
		if err := s.Add(i, fmt.Sprintf("%s %d", src, i)); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(s.Path()); err != nil || fi.Size() > 4000 {
			t.Fatalf("after %d cells the file has %d bytes (%v), bound 4000", i, fi.Size(), err)
		}
	}
	es, err := s.Tail(1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 10 || es[len(es)-1].Line != 500 {
		t.Fatalf("kept %d entries, last %+v", len(es), es[len(es)-1])
	}
	for i, e := range es[1:] {
		if e.Line != es[i].Line+1 {
			t.Fatalf("kept entries are not the newest in order: %d after %d", e.Line, es[i].Line)
		}
	}
	// A new session still numbers after the kept ones.
	if n := mustOpen(t, dir, Options{MaxBytes: 4000}).Session(); n != 2 {
		t.Errorf("session after compaction = %d, want 2", n)
	}
	// A cell too large for the bound is not kept, and nothing breaks.
	if err := s.Add(501, strings.Repeat("y", 2000)); err != nil {
		t.Fatal(err)
	}
	if es, _ := s.Tail(1); es[0].Line != 500 {
		t.Errorf("a huge cell was kept: %+v", es[0].Line)
	}
}

// writeCells adds cells 1..n to a new session in dir, compacting often.
func writeCells(dir string, n int) error {
	s, err := Open(dir, Options{MaxBytes: 64 << 10})
	if err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		if err := s.Add(i, fmt.Sprintf("cell %d of session %d %s", i, s.Session(), strings.Repeat("·", i%40))); err != nil {
			return err
		}
	}
	return nil
}

// checkFile checks that every line of the history file is a whole record,
// the sessions are distinct and each session's cells are in order.
func checkFile(t *testing.T, dir string) map[int]int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{path: filepath.Join(dir, FileName), lock: filepath.Join(dir, "history.lock"), max: DefaultMaxBytes}
	recs, _ := s.read()
	if got := strings.Count(string(data), "\n"); got != len(recs) {
		t.Fatalf("%d lines but %d whole records: a line was torn", got, len(recs))
	}
	last := map[int]int{}
	for _, r := range recs {
		if r.Source == nil {
			continue
		}
		if r.Line != last[r.Session]+1 && last[r.Session] != 0 {
			t.Fatalf("session %d: line %d after %d", r.Session, r.Line, last[r.Session])
		}
		last[r.Session] = r.Line
	}
	return last
}

func TestConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() { errs <- writeCells(dir, 200) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	last := checkFile(t, dir)
	if len(last) == 0 {
		t.Fatal("no cells kept")
	}
	for session := range last {
		if session < 1 || session > 8 {
			t.Errorf("session number %d, want 1..8", session)
		}
	}
	if fi, _ := os.Stat(filepath.Join(dir, FileName)); fi.Size() > 64<<10 {
		t.Errorf("file has %d bytes, bound %d", fi.Size(), 64<<10)
	}
}

// TestConcurrentProcesses runs writers in processes of their own, as
// kernels are.
func TestConcurrentProcesses(t *testing.T) {
	if dir := os.Getenv("GK_HISTORY_WRITER_DIR"); dir != "" {
		n, _ := strconv.Atoi(os.Getenv("GK_HISTORY_WRITER_N"))
		if err := writeCells(dir, n); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var cmds []*exec.Cmd
	for range 4 {
		cmd := exec.Command(exe, "-test.run=^TestConcurrentProcesses$")
		cmd.Env = append(os.Environ(), "GK_HISTORY_WRITER_DIR="+dir, "GK_HISTORY_WRITER_N=300")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("writer: %v", err)
		}
	}
	last := checkFile(t, dir)
	sessions := 0
	for s, l := range last {
		sessions++
		if l != 300 {
			t.Errorf("session %d ends at line %d, want 300", s, l)
		}
	}
	if sessions == 0 {
		t.Fatal("no sessions kept")
	}
}
