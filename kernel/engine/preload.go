package engine

import (
	"go/scanner"
	"go/token"
	"slices"
	"strconv"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// preloads returns the import chunks to run before cell c: one for each
// package of Options.Preload whose name the cell uses as a qualifier
// (`coro.X`) while neither the session nor the cell imports that name and
// no package-level declaration of the session uses it. Each becomes an
// ordinary import of the session (logged, replayed), exactly as if the cell
// had begun with `import "path"`; an explicit import of the same path later
// is then a no-op, as re-imports are.
func (s *Session) preloads(c *cell.Cell, src string) []cell.Chunk {
	if len(s.opts.Preload) == 0 {
		return nil
	}
	used := qualifiers(src)
	var names []string
	for name := range s.opts.Preload {
		if used[name] && !s.nameTaken(name, c) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var chunks []cell.Chunk
	for _, name := range names {
		path := s.opts.Preload[name]
		chunks = append(chunks, cell.Chunk{
			Kind:  cell.Import,
			Src:   "/*line " + c.Name + "/_.go:1:1*/import " + strconv.Quote(path),
			Names: []string{path},
			Line:  1,
		})
	}
	return chunks
}

// nameTaken reports whether name already means something in the session
// or is imported by the cell itself.
func (s *Session) nameTaken(name string, c *cell.Cell) bool {
	for k := range s.m.imported {
		if k.name == name || (k.name == "" && k.path == s.opts.Preload[name]) {
			return true
		}
	}
	for _, ch := range c.Chunks {
		if ch.Kind != cell.Import {
			continue
		}
		specs, err := parseImports(ch.Src)
		if err != nil {
			continue
		}
		for _, sp := range specs {
			if sp.key.name == name || (sp.key.name == "" && sp.key.path == s.opts.Preload[name]) {
				return true
			}
		}
	}
	if _, ok := s.m.globals()[name]; ok {
		return true
	}
	return false
}

// qualifiers returns the identifiers of src that are followed by a period
// (candidate package names of qualified identifiers). Comments and strings
// are skipped by the scanner; scanning errors are ignored (the cell parser
// reports them).
func qualifiers(src string) map[string]bool {
	fset := token.NewFileSet()
	f := fset.AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(f, []byte(src), func(token.Position, string) {}, 0)
	out := map[string]bool{}
	prevIdent, prevPeriod := "", false
	for {
		_, tok, lit := sc.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.PERIOD && prevIdent != "" && !prevPeriod {
			out[prevIdent] = true
		}
		prevPeriod = tok == token.PERIOD
		if tok == token.IDENT {
			prevIdent = lit
		} else {
			prevIdent = ""
		}
	}
}
