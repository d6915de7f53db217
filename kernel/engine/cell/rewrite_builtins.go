package cell

// Rewrite: the Go 1.21 builtins min, max and clear, which yaegi v0.16.1 does
// not know. Calls become calls of the Prelude's _gkMin, _gkMax (generic) and
// _gkClear (reflect-based), unless the name is declared in the cell or
// locally. yaegi's generic inference fails when an untyped constant comes
// before a typed argument, so constant arguments move behind the first
// non-constant one (they have no side effects, so the evaluation order of the
// others is kept): min(1, x) becomes _gkMin(x, 1). When all arguments are
// constants and one is a floating-point literal, the call is instantiated
// explicitly: min(1, 2.5) becomes _gkMin[float64](1, 2.5).
//
// Known limit: a min/max/clear declared by an earlier cell is shadowed by
// the rewrite (the Prelude's version is called).

import (
	"go/ast"
	"go/token"
	"strings"
)

var builtinRepl = map[string]string{"min": "_gkMin", "max": "_gkMax", "clear": "_gkClear"}

func (c *cellParse) rewriteBuiltin(a *analyzer, call *ast.CallExpr, id *ast.Ident) {
	repl := builtinRepl[id.Name]
	if id.Name == "clear" || len(call.Args) == 0 || call.Ellipsis.IsValid() {
		c.addEditNode(id, func(*renderer) string { return repl })
		return
	}
	first := -1
	float := false
	for i, arg := range call.Args {
		if !a.isConstExpr(arg) {
			if first < 0 {
				first = i
			}
			continue
		}
		if constKind(arg) == token.FLOAT {
			float = true
		}
	}
	order := make([]ast.Expr, 0, len(call.Args))
	switch {
	case first > 0:
		order = append(order, call.Args[first])
		order = append(order, call.Args[:first]...)
		order = append(order, call.Args[first+1:]...)
	case first < 0 && float:
		repl += "[float64]"
		order = call.Args
	default:
		c.addEditNode(id, func(*renderer) string { return repl })
		return
	}
	c.addEditNode(call, func(r *renderer) string {
		args := make([]string, len(order))
		for i, arg := range order {
			args[i] = r.node(arg)
		}
		return repl + "(" + strings.Join(args, ", ") + ")"
	})
}

// constKind returns the kind of literal that dominates a constant expression
// built from literals: FLOAT if any floating-point (or imaginary) literal is
// in it, STRING for strings, CHAR for runes, INT otherwise.
func constKind(e ast.Expr) token.Token {
	kind := token.INT
	ast.Inspect(e, func(n ast.Node) bool {
		if bl, ok := n.(*ast.BasicLit); ok {
			switch bl.Kind {
			case token.FLOAT, token.IMAG:
				kind = token.FLOAT
			case token.STRING:
				if kind != token.FLOAT {
					kind = token.STRING
				}
			case token.CHAR:
				if kind == token.INT {
					kind = token.CHAR
				}
			}
		}
		return true
	})
	return kind
}
