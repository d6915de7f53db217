package cell

// Rewrite: defer.
//
// yaegi evaluates a deferred call's arguments when the call runs, not at the
// defer statement, and a loop shares its variables' slots across iterations:
// `for i := 0; i < 3; i++ { defer fmt.Print(i) }` prints 333, Go prints 210.
//
//   - In the cell's top-level code (not inside any function), Go would run
//     the call when main returns; here it runs when the cell ends, LIFO with
//     the cell's other top-level defers: `defer f(x)` becomes
//     `_gkPushDefer(<binding>)` and the session evaluates RunDefers after the
//     cell. A `defer func() {...}()` pushes the literal itself.
//   - Inside a loop of a function, or for a call with a spread argument
//     `f(xs...)` (yaegi's defer ignores the "..."):
//     `_gkD1 := <binding>; defer _gkD1()` (see bind.go). A
//     `defer func() {...}()` without arguments is left alone unless it
//     captures loop variables; then the wrapped literal is deferred the
//     same way.
//   - Elsewhere in a function: the non-constant arguments are copied into
//     fresh variables first, `_gkA1 := x; defer f(_gkA1)`, so the deferred
//     function itself is still called directly by defer and recover() in it
//     works.
//
// Known limits: recover() in a function deferred inside a loop, or reached
// through a binding, returns nil (Go's rule that recover must be called by
// the deferred function itself; yaegi applies it to the wrapper); a single
// argument that is a multi-valued call, `defer f(g())`, fails to compile.

import (
	"fmt"
	"go/ast"
	"strings"
)

func (a *analyzer) deferStmt(s *ast.DeferStmt) {
	call := s.Call
	lit, plain := isPlainFuncLit(call.Fun)
	if lit != nil {
		a.deferred[lit] = true
	}
	a.goDefer[call] = true
	top, inLoop := a.fn.top, a.fn.loops > 0
	spread := call.Ellipsis.IsValid() // yaegi's defer ignores the "..."
	var bind func(r *renderer) string
	if top || spread || (inLoop && lit == nil) || (inLoop && len(call.Args) > 0) {
		bind = a.binding(call)
	}
	var copyArg []bool
	if !top && !inLoop {
		copyArg = make([]bool, len(call.Args))
		for i, arg := range call.Args {
			copyArg[i] = !a.isConstExpr(arg)
		}
	}
	a.expr(call)
	c := a.c
	switch {
	case top && lit != nil && plain && len(call.Args) == 0:
		c.addEditNode(s, func(r *renderer) string {
			return "_gkPushDefer(" + r.node(lit) + ")"
		})
	case top:
		c.addEditNode(s, func(r *renderer) string {
			return "_gkPushDefer(" + bind(r) + ")"
		})
	case lit != nil && len(call.Args) == 0:
		if !a.wrapped[lit] {
			return
		}
		d := fmt.Sprintf("_gkD%d", c.next())
		c.addEditNode(s, func(r *renderer) string {
			return d + " := " + r.node(lit) + "; defer " + d + "()"
		})
	case inLoop || spread:
		d := fmt.Sprintf("_gkD%d", c.next())
		c.addEditNode(s, func(r *renderer) string {
			return d + " := " + bind(r) + "; defer " + d + "()"
		})
	default:
		a.copyDeferArgs(s, copyArg)
	}
}

// copyDeferArgs rewrites `defer f(x, y, 1)` outside loops into
// `_gkA1 := x; _gkA2 := y; defer f(_gkA1, _gkA2, 1)`: one define per
// argument, in order, since yaegi's `a, b := s, t` leaves a slice a empty.
func (a *analyzer) copyDeferArgs(s *ast.DeferStmt, copyArg []bool) {
	c := a.c
	names := make([]string, len(copyArg))
	need := false
	for i, cp := range copyArg {
		if cp {
			names[i] = fmt.Sprintf("_gkA%d", c.next())
			need = true
		}
	}
	if !need {
		return
	}
	call := s.Call
	c.addEditNode(s, func(r *renderer) string {
		var defs, args []string
		for i, arg := range call.Args {
			if names[i] == "" {
				args = append(args, r.node(arg))
				continue
			}
			defs, args = append(defs, names[i]+" := "+r.node(arg)+"; "), append(args, names[i])
		}
		return strings.Join(defs, "") + "defer " + r.node(call.Fun) + "(" + strings.Join(args, ", ") + ")"
	})
}
