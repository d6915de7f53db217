package engine

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/internal/golden"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/cells/*.txt")

// A golden file (the format of internal/golden) holds cells run in order in
// one fresh Session:
//
//	# comments
//	-- stdin --          optional, before the first cell: the session's input,
//	                     served one line per Read (as the worker does)
//	-- stdin-error --    optional: every read fails with this message
//	-- cell --           the cell's source
//	-- stdout --         what it printed on stdout (a final newline is implied)
//	-- stderr --         ... on stderr
//	-- value --          Outcome.Value.Text
//	-- error --          "name: <Name>", "value: <Value>", then the traceback
//	-- reset --          Outcome.Reset, one per line
//	-- decls --          "<kind> <names>" per Outcome.Decls entry; compared
//	                     only when present
//
// An absent section (other than decls) means empty. Addresses (0x and 8 or
// more hex digits) in stdout, stderr and value are compared as 0xADDR. -update rewrites the
// expectations from what the cells do.
type goldenFile struct {
	comment  string
	stdin    string
	stdinErr string
	cells    []*goldenCell
}

type goldenCell struct {
	src      string
	sections map[string]string
	order    []string
}

var cellSections = []string{"stdout", "stderr", "value", "error", "reset", "decls"}

func parseGolden(t *testing.T, data string) *goldenFile {
	t.Helper()
	comment, secs := golden.Parse(data)
	g := &goldenFile{comment: trimBody(comment)}
	var cur *goldenCell
	for _, sec := range secs {
		text := trimBody(sec.Body)
		switch sec.Name {
		case "stdin":
			g.stdin = text + "\n"
		case "stdin-error":
			g.stdinErr = strings.TrimSpace(text)
		case "cell":
			cur = &goldenCell{src: text, sections: map[string]string{}}
			g.cells = append(g.cells, cur)
		default:
			if cur == nil {
				t.Fatalf("section %q before the first cell", sec.Name)
			}
			cur.sections[sec.Name] = text
			cur.order = append(cur.order, sec.Name)
		}
	}
	return g
}

// trimBody is a section's text as the tests compare it: without its final
// newline, and without one blank line before the next section.
func trimBody(s string) string {
	return strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\n")
}

func (g *goldenFile) format() string {
	var comment string
	if g.comment != "" {
		comment = g.comment + "\n"
	}
	var secs []golden.Section
	if g.stdinErr != "" {
		secs = append(secs, golden.Section{Name: "stdin-error", Body: g.stdinErr})
	} else if g.stdin != "" {
		secs = append(secs, golden.Section{Name: "stdin", Body: g.stdin})
	}
	for _, c := range g.cells {
		secs = append(secs, golden.Section{Name: "cell", Body: c.src + "\n"})
		for _, s := range cellSections {
			if v, ok := c.sections[s]; ok && (v != "" || s == "decls") {
				secs = append(secs, golden.Section{Name: s, Body: v})
			}
		}
	}
	return golden.Format(comment, secs)
}

// lineReader serves its text one line per Read, like the worker's stdin.
type lineReader struct {
	mu    sync.Mutex
	lines []string
	err   error
}

func (r *lineReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return 0, r.err
	}
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.lines[0])
	r.lines[0] = r.lines[0][n:]
	if r.lines[0] == "" {
		r.lines = r.lines[1:]
	}
	return n, nil
}

// capture reads a pipe in the background; upTo returns what was written
// before the marker it writes.
type capture struct {
	w    *os.File
	mu   sync.Mutex
	buf  bytes.Buffer
	done chan struct{}
}

func newCapture(t *testing.T) *capture {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &capture{w: w, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		var b [4096]byte
		for {
			n, err := r.Read(b[:])
			c.mu.Lock()
			c.buf.Write(b[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { w.Close(); <-c.done; r.Close() })
	return c
}

const marker = "\x00golden-marker\x00"

// take returns the output written so far, waiting for everything written
// before the call; if want is not a prefix of it yet (a goroutine of the cell
// still printing), it waits up to a few seconds for more.
func (c *capture) take(want string) string {
	c.w.WriteString(marker)
	deadline := time.Now().Add(3 * time.Second)
	for {
		c.mu.Lock()
		s := c.buf.String()
		c.mu.Unlock()
		if i := strings.Index(s, marker); i >= 0 {
			out := s[:i]
			if out == want || len(out) >= len(want) || time.Now().After(deadline) {
				c.mu.Lock()
				c.buf.Reset()
				c.buf.WriteString(s[i+len(marker):])
				c.mu.Unlock()
				return out
			}
			c.mu.Lock()
			rest := s[:i] + s[i+len(marker):]
			c.buf.Reset()
			c.buf.WriteString(rest)
			c.mu.Unlock()
			time.Sleep(20 * time.Millisecond)
			c.w.WriteString(marker)
			continue
		}
		time.Sleep(time.Millisecond)
	}
}

// withNL is an expected output section as printed: with its final newline.
func withNL(s string) string {
	if s == "" {
		return s
	}
	return s + "\n"
}

func errorText(e *Error) string {
	if e == nil {
		return ""
	}
	return strings.Join(append([]string{"name: " + e.Name, "value: " + e.Value}, e.Traceback...), "\n")
}

func declsText(ds []Decl) string {
	var lines []string
	for _, d := range ds {
		lines = append(lines, d.Kind+" "+strings.Join(d.Names, ", "))
	}
	return strings.Join(lines, "\n")
}

// addrRE matches a pointer printed as Python prints an object's id
// (<Greenlet at 0xc000123450: f(5)>); golden files hold 0xADDR instead.
var addrRE = regexp.MustCompile(`\b0x[0-9a-f]{8,}\b`)

func addrs(s string) string { return addrRE.ReplaceAllString(s, "0xADDR") }

func TestGoldenCells(t *testing.T) {
	files, err := filepath.Glob("testdata/cells/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			g := parseGolden(t, string(data))
			stdout, stderr := newCapture(t), newCapture(t)
			in := &lineReader{}
			if g.stdinErr != "" {
				in.err = errors.New(g.stdinErr)
			}
			for _, l := range strings.SplitAfter(g.stdin, "\n") {
				if l != "" {
					in.lines = append(in.lines, l)
				}
			}
			s, err := New(Options{Stdout: stdout.w, Stderr: stderr.w, Stdin: in, ReopenStdio: true,
				Symbols: pkgsyms.Tables(), Preload: pkgsyms.Preload()})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() }) // before the captures wait for their pipes' EOF
			for i, c := range g.cells {
				name := fmt.Sprintf("cell[%d]", i+1)
				out := s.Exec(context.Background(), name, c.src)
				got := map[string]string{
					"stdout": addrs(strings.TrimSuffix(stdout.take(withNL(c.sections["stdout"])), "\n")),
					"stderr": addrs(strings.TrimSuffix(stderr.take(withNL(c.sections["stderr"])), "\n")),
					"error":  errorText(out.Err),
					"reset":  strings.Join(out.Reset, "\n"),
				}
				if out.Value != nil {
					got["value"] = addrs(out.Value.Text)
				}
				if _, ok := c.sections["decls"]; ok {
					got["decls"] = declsText(out.Decls)
				}
				if *update {
					_, hadDecls := c.sections["decls"]
					c.sections = got
					if !hadDecls {
						delete(c.sections, "decls")
					}
					continue
				}
				for _, sec := range cellSections {
					want, ok := c.sections[sec]
					if sec == "decls" && !ok {
						continue
					}
					if got[sec] != want {
						t.Errorf("%s %s:\n%s\n--- got ---\n%s\n--- want ---\n%s", name, sec, c.src, got[sec], want)
					}
				}
			}
			if *update {
				if err := os.WriteFile(file, []byte(g.format()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
