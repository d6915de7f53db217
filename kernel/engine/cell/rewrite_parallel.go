package cell

// Rewrite: parallel assignments with a composite literal.
//
// yaegi v0.16.1 zeroes the other values of a parallel assignment that holds
// a composite literal: after `a, b := s, []int{1}` (or `=`, or `var a, b =
// …`) a is an empty slice, in `a, n, c := s, 1, T{}` a and n are zero. The
// literals, and the calls and receives before the last of them (so that
// side effects keep their order), are evaluated into fresh variables first:
// `_gkL1 := []int{1}; a, b := s, _gkL1`. Statements of a block only (not
// the init of an if, for or switch).

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// parallelLits returns, for the values of a parallel assignment, which ones
// go through a temporary; nil when yaegi needs no help.
func parallelLits(vals []ast.Expr, n int) []bool {
	if len(vals) < 2 || len(vals) != n {
		return nil
	}
	last, lits := -1, 0
	for i, v := range vals {
		if _, ok := unparen(v).(*ast.CompositeLit); ok {
			last, lits = i, lits+1
		}
	}
	if last < 0 || lits == len(vals) {
		return nil
	}
	hoist := make([]bool, len(vals))
	for i, v := range vals {
		switch e := unparen(v).(type) {
		case *ast.CompositeLit:
			hoist[i] = true
		case *ast.CallExpr:
			hoist[i] = i < last
		case *ast.UnaryExpr:
			hoist[i] = i < last && e.Op == token.ARROW
		}
	}
	return hoist
}

// parallelAssign records the rewrite of a block statement s when it is such
// an assignment or a one-spec var declaration.
func (a *analyzer) parallelAssign(s ast.Stmt) {
	c := a.c
	var vals []ast.Expr
	var hoist []bool
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE && s.Tok != token.ASSIGN {
			return
		}
		vals, hoist = s.Rhs, parallelLits(s.Rhs, len(s.Lhs))
	case *ast.DeclStmt:
		g, ok := s.Decl.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR || len(g.Specs) != 1 || g.Lparen.IsValid() {
			return
		}
		vs := g.Specs[0].(*ast.ValueSpec)
		vals, hoist = vs.Values, parallelLits(vs.Values, len(vs.Names))
	}
	if hoist == nil {
		return
	}
	names := make([]string, len(vals))
	for i, h := range hoist {
		if h {
			names[i] = fmt.Sprintf("_gkL%d", c.next())
		}
	}
	c.addEditNode(s, func(r *renderer) string {
		var pre strings.Builder
		for i, v := range vals {
			if names[i] != "" {
				pre.WriteString(names[i] + " := " + r.node(v) + "; ")
			}
		}
		var vs []string
		for i, v := range vals {
			if names[i] != "" {
				vs = append(vs, names[i])
			} else {
				vs = append(vs, r.node(v))
			}
		}
		switch s := s.(type) {
		case *ast.AssignStmt:
			var lhs []string
			for _, l := range s.Lhs {
				lhs = append(lhs, r.node(l))
			}
			return pre.String() + strings.Join(lhs, ", ") + " " + s.Tok.String() + " " + strings.Join(vs, ", ")
		default:
			vs0 := s.(*ast.DeclStmt).Decl.(*ast.GenDecl).Specs[0].(*ast.ValueSpec)
			var ns []string
			for _, n := range vs0.Names {
				ns = append(ns, r.node(n))
			}
			t := ""
			if vs0.Type != nil {
				t = " " + r.node(vs0.Type)
			}
			return pre.String() + "var " + strings.Join(ns, ", ") + t + " = " + strings.Join(vs, ", ")
		}
	})
}
