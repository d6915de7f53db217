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
// loop variables).

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
	c.addEditNode(s, func(r *renderer) string {
		if bind == nil {
			return "_gkGo(" + pos + ", " + r.node(lit) + ")"
		}
		return "_gkGo(" + pos + ", " + bind(r) + ")"
	})
}
