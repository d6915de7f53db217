package cell

import (
	"go/ast"
	"go/token"
)

// classifyRoles decides what each parsed item becomes (see role).
func (c *cellParse) classifyRoles() {
	for _, it := range c.items {
		switch it.kind {
		case itemPackage:
			it.role = roleSkip
		case itemImport:
			it.role = roleImport
		case itemDecl:
			it.role = rolePure
			switch d := it.decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "main" && d.Type.TypeParams == nil && d.Body != nil {
					it.role = roleMain
				}
			case *ast.GenDecl:
				if d.Tok == token.VAR {
					it.role = roleVar
				}
			}
		default:
			switch {
			case len(it.stmts) == 0:
				it.role = roleSkip
			case len(it.stmts) == 1 && isDefine(it.stmts[0]):
				it.role = roleVar
			default:
				it.role = roleStmt
			}
		}
	}
	c.mergeGotoRegions()
	c.markExpr()
}

func isDefine(s ast.Stmt) bool {
	as, ok := s.(*ast.AssignStmt)
	return ok && as.Tok == token.DEFINE
}

// mergeGotoRegions keeps a top-level goto and its label in one Stmts run: the
// var items between them become statements of the run (local variables, as
// in a Go function), since a goto cannot leave the generated function.
func (c *cellParse) mergeGotoRegions() {
	labels := map[string]int{}
	for i, it := range c.items {
		if it.role != roleStmt || len(it.stmts) == 0 {
			continue
		}
		s := it.stmts[0]
		for {
			l, ok := s.(*ast.LabeledStmt)
			if !ok {
				break
			}
			labels[l.Label.Name] = i
			s = l.Stmt
		}
	}
	if len(labels) == 0 {
		return
	}
	for i, it := range c.items {
		if it.role != roleStmt {
			continue
		}
		for _, s := range it.stmts {
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.BranchStmt:
					if n.Tok != token.GOTO || n.Label == nil {
						return true
					}
					if j, ok := labels[n.Label.Name]; ok {
						c.localize(min(i, j), max(i, j))
					}
				}
				return true
			})
		}
	}
}

// localize turns the var items strictly between items lo and hi into
// statements.
func (c *cellParse) localize(lo, hi int) {
	for k := lo + 1; k < hi; k++ {
		if c.items[k].role == roleVar {
			c.items[k].role = roleStmt
		}
	}
}

// markExpr makes the cell's last item the Expr when it is an expression
// statement whose value is worth showing.
func (c *cellParse) markExpr() {
	for i := len(c.items) - 1; i >= 0; i-- {
		it := c.items[i]
		if it.role == roleSkip {
			continue
		}
		if it.role == roleStmt && len(it.stmts) == 1 {
			if es, ok := it.stmts[0].(*ast.ExprStmt); ok && !isPrintCall(es.X) {
				it.role = roleExpr
			}
		}
		return
	}
}

// isPrintCall reports calls that are statements rather than the cell's
// value: fmt.Print*, fmt.Fprint*, log.*, and the builtins print, println,
// panic, clear, close and delete.
func isPrintCall(e ast.Expr) bool {
	call, ok := unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch f := call.Fun.(type) {
	case *ast.Ident:
		switch f.Name {
		case "print", "println", "panic", "clear", "close", "delete":
			return true
		}
	case *ast.SelectorExpr:
		pkg, ok := f.X.(*ast.Ident)
		if !ok {
			return false
		}
		switch pkg.Name {
		case "log":
			return true
		case "fmt":
			switch f.Sel.Name {
			case "Print", "Printf", "Println", "Fprint", "Fprintf", "Fprintln":
				return true
			}
		}
	}
	return false
}
