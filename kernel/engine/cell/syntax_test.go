package cell_test

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// checkChunkSyntax parses every source of c the way yaegi's Eval does
// (file mode after "package main;" for sources starting with a declaration
// keyword, else the body of a func main) and reports syntax errors: the
// rewriter must never produce invalid Go from a valid cell. strict adds
// yaegi's declaration checks (labels, redeclarations), which only hold for
// cells that are valid Go beyond syntax.
func checkChunkSyntax(t testing.TB, c *cell.Cell, strict bool) {
	t.Helper()
	for i, ch := range c.Chunks {
		if ch.Alt != nil {
			checkChunkSyntax(t, &cell.Cell{Name: c.Name, Chunks: []cell.Chunk{*ch.Alt}}, strict)
		}
		if !strings.HasPrefix(ch.Src, "/*line "+c.Name) {
			t.Errorf("chunk %d: Src does not begin with a line directive: %q", i, ch.Src)
		}
		if err := yaegiParse(ch.Src, strict); err != nil {
			t.Errorf("chunk %d (%v) does not parse: %v\n%s", i, ch.Kind, err, ch.Src)
		}
		if ch.Kind == cell.Stmts {
			if err := yaegiParse(ch.Call, strict); err != nil {
				t.Errorf("chunk %d: Call does not parse: %v\n%s", i, err, ch.Call)
			}
		}
	}
}

// yaegiParse mimics yaegi's incremental parse of an Eval source.
func yaegiParse(src string, strict bool) error {
	var s = token.NewFileSet()
	first := firstToken(src)
	var wrapped string
	switch first {
	case token.CONST, token.FUNC, token.IMPORT, token.TYPE, token.VAR:
		wrapped = "package main;" + src
	default:
		wrapped = "package main; func main() {" + src + "\n}"
	}
	mode := parser.SkipObjectResolution
	if strict {
		mode = parser.DeclarationErrors
	}
	_, err := parser.ParseFile(s, "_.go", wrapped, mode)
	return err
}

func firstToken(src string) token.Token {
	fset := token.NewFileSet()
	f := fset.AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(f, []byte(src), nil, 0)
	_, tok, _ := sc.Scan()
	return tok
}
