package cell

// Binding a call: the shared machinery of the go and defer rewrites.
//
// Go evaluates the function value and the arguments of `go f(x)` and
// `defer f(x)` at the statement; yaegi reads the argument variables when the
// call finally runs, and a loop body shares one slot per variable across
// iterations. A binding evaluates everything now, into a fresh frame, and
// returns a closure that makes the call later:
//
//	func() func() { _gkF, _gkA0 := f, x; return func() { _gkF(_gkA0) } }()
//
// Constant arguments (literals, nil, true, false, cell constants) stay in
// the call, keeping their untyped-constant conversions. Builtins (close,
// delete, panic, print, println, copy, recover) are not values and stay in
// the call too. A method call on a variable declared inside the loop copies
// the receiver (`_gkR := v` ... `_gkR.M(...)`): yaegi's method values do not
// copy value receivers. Other method values (`_gkF := mu.Unlock`) bind the
// receiver as Go does.

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// stmtBuiltins are the builtins allowed as go/defer calls.
var stmtBuiltins = map[string]bool{
	"close": true, "delete": true, "panic": true, "print": true,
	"println": true, "copy": true, "recover": true,
}

// binding returns a builder for the binding text of call (see above). It must
// be called during the walk, in the call's scope.
func (a *analyzer) binding(call *ast.CallExpr) func(r *renderer) string {
	fun := unparen(call.Fun)
	mode := "copy" // _gkF := fun
	if id, ok := fun.(*ast.Ident); ok && stmtBuiltins[id.Name] && a.universe(id.Name) {
		mode = "inline"
	} else if sel, ok := fun.(*ast.SelectorExpr); ok && a.loopVarRoot(sel.X) {
		mode = "recv"
	}
	isConst := make([]bool, len(call.Args))
	for i, arg := range call.Args {
		isConst[i] = a.isConstExpr(arg)
	}
	return func(r *renderer) string {
		var names, vals, args []string
		var callee string
		switch mode {
		case "inline":
			callee = r.node(fun)
		case "recv":
			sel := fun.(*ast.SelectorExpr)
			names, vals = append(names, "_gkR"), append(vals, r.node(sel.X))
			callee = "_gkR." + sel.Sel.Name
		default:
			names, vals = append(names, "_gkF"), append(vals, r.node(fun))
			callee = "_gkF"
		}
		for i, arg := range call.Args {
			if isConst[i] {
				args = append(args, r.node(arg))
				continue
			}
			n := fmt.Sprintf("_gkA%d", i)
			names, vals, args = append(names, n), append(vals, r.node(arg)), append(args, n)
		}
		var b strings.Builder
		b.WriteString("func() func() { ")
		if len(names) > 0 {
			b.WriteString(strings.Join(names, ", ") + " := " + strings.Join(vals, ", ") + "; ")
		}
		b.WriteString("return func() { " + callee + "(" + strings.Join(args, ", "))
		if call.Ellipsis.IsValid() {
			b.WriteString("...")
		}
		b.WriteString(") } }()")
		return b.String()
	}
}

// loopVarRoot reports whether e (x, x.f, x[i], ...) is rooted at a variable
// declared inside a loop of the current function.
func (a *analyzer) loopVarRoot(e ast.Expr) bool {
	for {
		switch x := unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
			continue
		case *ast.IndexExpr:
			e = x.X
			continue
		case *ast.Ident:
			d := a.sc.lookup(x.Name)
			return d != nil && d.kind == declVar && d.inLoop && d.fn == a.fn
		}
		return false
	}
}

// isConstExpr reports whether e is evidently a constant expression.
func (a *analyzer) isConstExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		if d := a.sc.lookup(e.Name); d != nil {
			return d.kind == declConst
		}
		switch e.Name {
		case "nil", "true", "false", "iota":
			return true
		}
	case *ast.ParenExpr:
		return a.isConstExpr(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && e.Op != token.AND && a.isConstExpr(e.X)
	case *ast.BinaryExpr:
		return a.isConstExpr(e.X) && a.isConstExpr(e.Y)
	}
	return false
}

// isPlainFuncLit reports whether e is a function literal of type func().
func isPlainFuncLit(e ast.Expr) (*ast.FuncLit, bool) {
	lit, ok := unparen(e).(*ast.FuncLit)
	if !ok {
		return nil, false
	}
	t := lit.Type
	plain := (t.Params == nil || len(t.Params.List) == 0) && (t.Results == nil || len(t.Results.List) == 0)
	return lit, plain
}
