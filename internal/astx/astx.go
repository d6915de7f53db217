// Package astx holds the go/ast helpers that more than one package of the
// module needs (the cell rewriter, the ctx-forms rule).
package astx

import "go/ast"

// RecvTypeName returns T for method receivers T, *T, (T), T[K] and *T[K]
// ("" for anything else).
func RecvTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}
