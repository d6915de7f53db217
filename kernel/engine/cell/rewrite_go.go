package cell

// Rewrite: go statements.
//
// A panic in a goroutine started by a cell kills yaegi's host process, and
// yaegi may read the arguments late. `go f(x)` becomes
//
//	_gkGo("cell[N]:L:C", <binding>)
//
// (see bind.go): f and x are evaluated at the statement, and the Prelude's
// _gkGo runs the call in a new goroutine under a recover that prints
// "panic: <value>" and "goroutine started at cell[N]:L:C" to os.Stderr. A
// `go func() {...}()` passes the literal itself (wrapped when it captures
// loop variables). A call of a named function (`go worker(2)`,
// `go w.run()`) becomes _gkGoNamed("cell[N]:L:C", "worker", <binding>)
// instead, so that the goroutine's lane on a timeline is named after it.

import (
	"go/ast"
	"strconv"
)

func (a *analyzer) goStmt(s *ast.GoStmt) {
	call := s.Call
	lit, plain := isPlainFuncLit(call.Fun)
	a.goDefer[call] = true
	var bind func(r *renderer) string
	if lit == nil || !plain || len(call.Args) > 0 {
		bind = a.binding(call)
	}
	a.expr(call)
	c := a.c
	line, col := c.lines.pos(c.off(s.Pos()))
	pos := strconv.Quote(c.name + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col))
	start := "_gkGo(" + pos + ", "
	if name := goName(call.Fun); name != "" {
		start = "_gkGoNamed(" + pos + ", " + strconv.Quote(name) + ", "
	}
	c.addEditNode(s, func(r *renderer) string {
		if bind == nil {
			return start + r.node(lit) + ")"
		}
		return start + bind(r) + ")"
	})
}

// goName is the name of the function a go statement calls, as written
// ("worker", "w.run", "pkg.F"), or "" for a function literal or another
// expression.
func goName(fun ast.Expr) string {
	switch f := unparen(fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x := goName(f.X); x != "" {
			return x + "." + f.Sel.Name
		}
		return f.Sel.Name
	case *ast.IndexExpr:
		return goName(f.X)
	case *ast.IndexListExpr:
		return goName(f.X)
	}
	return ""
}
