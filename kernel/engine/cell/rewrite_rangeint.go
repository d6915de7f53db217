package cell

// Rewrite: range over an integer (Go 1.22), which yaegi v0.16.1 rejects with
// "nil type".
//
//	for i := range n { body }
//
// becomes
//
//	{ _gkN1 := n; for _gkI1 := _gkN1 - _gkN1; _gkI1 < _gkN1; _gkI1++ { i := _gkI1; { body } } }
//
// n is evaluated once; `_gkN1 - _gkN1` gives the counter n's type (int for an
// untyped constant); i is a fresh copy per iteration, so changing it in the
// body does not change the iteration count, and the extra block keeps a body
// that redeclares i (`i := i`) valid. A label moves onto the generated for.
//
// Whether n is an integer is decided syntactically (see isIntExpr). A range
// whose type the rewriter cannot see (`for i := range q.Len()`, or over a var
// assigned from a call) is left alone in Chunk.Src and rewritten in
// Chunk.Alt, which the engine compiles when Src does not compile; ranges
// that cannot be over an integer (a key and a value, a literal, make(...))
// are always left alone.

import (
	"fmt"
	"go/ast"
	"go/token"
)

// isIntExpr reports whether e evidently has an integer type: an integer or
// rune literal, len/cap, a conversion to an integer type, a variable,
// parameter or constant declared with one of these, an earlier cell's global
// for which Options.IsInt says so, or arithmetic on such operands.
func (a *analyzer) isIntExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == token.INT || e.Kind == token.CHAR
	case *ast.Ident:
		if d := a.sc.lookup(e.Name); d != nil {
			return d.isInt && (d.kind == declVar || d.kind == declConst)
		}
		if e.Name == "iota" {
			return true
		}
		return a.c.opts.IsInt != nil && a.c.opts.IsInt(e.Name)
	case *ast.ParenExpr:
		return a.isIntExpr(e.X)
	case *ast.UnaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.XOR:
			return a.isIntExpr(e.X)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.SHL, token.SHR:
			return a.isIntExpr(e.X)
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM,
			token.AND, token.OR, token.XOR, token.AND_NOT:
			return a.isIntExpr(e.X) && a.isIntExpr(e.Y)
		}
	case *ast.CallExpr:
		id, ok := e.Fun.(*ast.Ident)
		if !ok || len(e.Args) != 1 || !a.universe(id.Name) {
			return false
		}
		return id.Name == "len" || id.Name == "cap" || intTypes[id.Name]
	}
	return false
}

// mayBeInt reports whether the ranged expression e might have an integer
// type as far as its syntax tells.
func mayBeInt(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.CompositeLit, *ast.FuncLit, *ast.SliceExpr:
		return false
	case *ast.BasicLit:
		return e.Kind != token.STRING
	case *ast.ParenExpr:
		return mayBeInt(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && e.Op != token.AND
	case *ast.CallExpr:
		switch fn := e.Fun.(type) {
		case *ast.Ident:
			return fn.Name != "make" && fn.Name != "append" && fn.Name != "new"
		case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType:
			return false
		}
	}
	return true
}

// rewriteRangeInt records the edits for `for k := range n` (see the file
// comment). label is the statement labelling the loop, if any.
func (c *cellParse) rewriteRangeInt(s *ast.RangeStmt, label *ast.LabeledStmt) {
	k := c.next()
	n, i := fmt.Sprintf("_gkN%d", k), fmt.Sprintf("_gkI%d", k)
	start := c.off(s.For)
	if label != nil {
		start = c.off(label.Pos())
	}
	c.addEdit(start, c.off(s.Body.Lbrace)+1, func(r *renderer) string {
		t := "{ " + n + " := " + r.node(s.X) + "; "
		if label != nil {
			t += r.code(c.off(label.Label.Pos()), c.off(label.Colon)+1) + " "
		}
		t += fmt.Sprintf("for %s := %s - %s; %s < %s; %s++ {", i, n, n, i, n, i)
		if key, ok := s.Key.(*ast.Ident); ok && key.Name != "_" {
			op := " = "
			if s.Tok == token.DEFINE {
				op = " := "
			}
			t += " " + r.node(key) + op + i + ";"
		} else if s.Key != nil && s.Tok == token.ASSIGN {
			t += " " + r.node(s.Key) + " = " + i + ";"
		}
		return t + " {"
	})
	c.insert(c.off(s.End()), " } }")
}
