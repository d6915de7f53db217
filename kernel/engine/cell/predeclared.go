package cell

import (
	"go/ast"
	"go/token"
	"go/types"
)

// checkPredeclared rejects the top-level declarations that crash yaegi
// v0.16.1's compiler: a const named after any predeclared identifier
// (`const int = 15`, `const len = 2`), and a var named int or string (the
// names its compiler looks up for the types of len, range and string
// conversions). Go accepts them, shadowing the predeclared one; yaegi panics
// while compiling, and since the declaration itself compiles, every later
// cell (and every replay of the session) would crash too. The cell fails
// with a compile error instead and the session stays usable.
func (c *cellParse) checkPredeclared() {
	for _, it := range c.items {
		switch {
		case it.decl != nil:
			gd, ok := it.decl.(*ast.GenDecl)
			if !ok || (gd.Tok != token.CONST && gd.Tok != token.VAR) {
				continue
			}
			for _, sp := range gd.Specs {
				vs, ok := sp.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for _, n := range vs.Names {
					c.predeclared(n, gd.Tok)
				}
			}
		case it.role == roleVar && len(it.stmts) == 1:
			if as, ok := it.stmts[0].(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						c.predeclared(id, token.VAR)
					}
				}
			}
		}
	}
}

func (c *cellParse) predeclared(n *ast.Ident, tok token.Token) {
	if types.Universe.Lookup(n.Name) == nil {
		return
	}
	if tok == token.VAR && n.Name != "int" && n.Name != "string" {
		return
	}
	c.errs = append(c.errs, c.errorAt(c.off(n.Pos()),
		"a top-level %s named %s (a predeclared identifier) is not supported by the interpreter: choose another name",
		tok, n.Name))
}
