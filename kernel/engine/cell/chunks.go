package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/internal/astx"
)

// chunks renders the ordered units.
func (c *cellParse) chunks() []Chunk {
	r := c.renderer()
	var out []Chunk
	runs := 0
	for _, u := range c.order() {
		first := u.items[0]
		line, _ := c.lines.pos(first.start)
		switch u.kind {
		case unitImport:
			out = append(out, Chunk{Kind: Import, Src: r.code(first.start, first.end), Names: importPaths(first.decl), Line: line})
		case unitPure:
			var srcs, names []string
			for _, it := range u.items {
				srcs = append(srcs, r.code(it.start, it.end))
				names = append(names, DeclNames(it.decl)...)
			}
			out = append(out, Chunk{Kind: Decl, Src: strings.Join(srcs, "\n"), Names: names, Tok: declTok(first.decl), Line: line})
		case unitVar:
			out = append(out, c.varChunks(r, first)...)
		case unitRun:
			name := fmt.Sprintf("_gkRun%s_%d", c.num, runs)
			runs++
			var b strings.Builder
			b.WriteString(r.directive(first.start) + "func " + name + "() {")
			for _, it := range u.items {
				b.WriteString("\n" + r.code(it.start, it.end))
			}
			b.WriteString("\n}")
			out = append(out, Chunk{Kind: Stmts, Src: b.String(), Call: name + "()", Line: line})
		case unitMain:
			out = append(out, Chunk{Kind: Stmts, Src: r.code(first.start, first.end), Call: c.mainName() + "()", Line: line})
		case unitExpr:
			src := r.code(first.start, first.end)
			if c.startsWithFunc(first) {
				// yaegi would take a source starting with `func` for a
				// declaration, then re-run it as func main.
				src = r.directive(first.start) + "(" + src + ")"
			}
			out = append(out, Chunk{Kind: Expr, Src: src, Line: line})
		}
	}
	return out
}

// startsWithFunc reports whether the item's first token is `func`.
func (c *cellParse) startsWithFunc(it *item) bool {
	return strings.HasPrefix(c.src[it.start:], "func") &&
		(len(c.src) == it.start+4 || !isIdentByte(c.src[it.start+4]))
}

func isIdentByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// importPaths lists the paths of an import declaration.
func importPaths(d ast.Decl) []string {
	g, ok := d.(*ast.GenDecl)
	if !ok {
		return nil
	}
	var paths []string
	for _, sp := range g.Specs {
		if is, ok := sp.(*ast.ImportSpec); ok {
			p, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				p = is.Path.Value
			}
			paths = append(paths, p)
		}
	}
	return paths
}

// DeclNames lists the names a top-level declaration declares, without the
// blank name; a method as "T.M". The engine's declaration log names its
// entries by it too.
func DeclNames(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) == 1 {
			if t := astx.RecvTypeName(d.Recv.List[0].Type); t != "" {
				return []string{t + "." + d.Name.Name}
			}
		}
		return []string{d.Name.Name}
	case *ast.GenDecl:
		var names []string
		for _, sp := range d.Specs {
			switch sp := sp.(type) {
			case *ast.TypeSpec:
				names = append(names, sp.Name.Name)
			case *ast.ValueSpec:
				for _, n := range sp.Names {
					if n.Name != "_" {
						names = append(names, n.Name)
					}
				}
			}
		}
		return names
	}
	return nil
}

// declTok returns FUNC, TYPE, CONST or VAR for a declaration.
func declTok(d ast.Decl) token.Token {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return token.FUNC
	case *ast.GenDecl:
		return d.Tok
	}
	return token.ILLEGAL
}
