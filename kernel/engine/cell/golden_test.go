package cell_test

// Golden tests: each file in testdata/golden holds cells and the chunks Parse
// makes of them:
//
//	-- isint --     optional, before a cell: names Options.IsInt reports as ints
//	-- isfunc --    optional, before a cell: names Options.IsFunc reports as funcs
//	-- ispool --    optional, before a cell: names Options.IsPool reports as pools
//	-- cell --      a cell, parsed as cell[1], cell[2], ... in file order
//	-- chunks --    the expected chunks (see formatChunks), or
//	-- error --     the expected error
//
// go test -run TestGolden -update rewrites the expected sections.

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/golden")

// formatChunks renders chunks for golden files: a header line per chunk,
// "== kind [tok] names (line N) [call C]", then its Src.
func formatChunks(c *cell.Cell) string {
	var b strings.Builder
	for _, ch := range c.Chunks {
		b.WriteString("== " + ch.Kind.String())
		if ch.Kind == cell.Decl {
			b.WriteString(" " + ch.Tok.String())
		}
		if len(ch.Names) > 0 {
			b.WriteString(" " + strings.Join(ch.Names, ","))
		}
		fmt.Fprintf(&b, " (line %d)", ch.Line)
		if ch.Call != "" {
			b.WriteString(" call " + ch.Call)
		}
		b.WriteString("\n" + ch.Src + "\n")
		if ch.Alt != nil {
			b.WriteString("== alt")
			if ch.Alt.Call != ch.Call {
				b.WriteString(" call " + ch.Alt.Call)
			}
			b.WriteString("\n" + ch.Alt.Src + "\n")
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			secs := readSections(t, file)
			var out []section
			var isInt, isFunc, isPool map[string]bool
			n := 0
			for i := 0; i < len(secs); i++ {
				sec := secs[i]
				switch sec.name {
				case "isint":
					isInt = map[string]bool{}
					for _, f := range strings.Fields(sec.body) {
						isInt[f] = true
					}
					out = append(out, sec)
					continue
				case "isfunc":
					isFunc = map[string]bool{}
					for _, f := range strings.Fields(sec.body) {
						isFunc[f] = true
					}
					out = append(out, sec)
					continue
				case "ispool":
					isPool = map[string]bool{}
					for _, f := range strings.Fields(sec.body) {
						isPool[f] = true
					}
					out = append(out, sec)
					continue
				case "cell":
				default:
					continue // expectations are recomputed below
				}
				n++
				out = append(out, sec)
				name := fmt.Sprintf("cell[%d]", n)
				opts := cell.Options{}
				if isInt != nil {
					m := isInt
					opts.IsInt = func(s string) bool { return m[s] }
				}
				if isFunc != nil {
					m := isFunc
					opts.IsFunc = func(s string) bool { return m[s] }
				}
				if isPool != nil {
					m := isPool
					opts.IsPool = func(s string) bool { return m[s] }
				}
				isInt, isFunc, isPool = nil, nil, nil
				c, err := cell.Parse(name, sec.body, opts)
				got := section{name: "chunks"}
				if err != nil {
					got = section{name: "error", body: err.Error() + "\n"}
				} else {
					got.body = formatChunks(c)
					checkChunkSyntax(t, c, true)
				}
				out = append(out, got)
				var want *section
				if i+1 < len(secs) && (secs[i+1].name == "chunks" || secs[i+1].name == "error") {
					want = &secs[i+1]
				}
				if *update {
					continue
				}
				if want == nil {
					t.Errorf("%s: no expected section", name)
				} else if want.name != got.name || want.body != got.body {
					t.Errorf("%s:\n--- got %s:\n%s--- want %s:\n%s", name, got.name, got.body, want.name, want.body)
				}
			}
			if *update {
				if err := os.WriteFile(file, []byte(formatSections(fileHeader(t, file), out)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
