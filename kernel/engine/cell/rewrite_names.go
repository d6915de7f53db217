package cell

// Rewrite: names for functions handed to pkg/coro and pkg/mt. A function
// defined in a cell reaches compiled code without its name (yaegi wraps it in
// a reflect-made func), so coro would print a task as <Greenlet "func(5)">
// and mt would name a thread "Thread-1". When the first argument of one of
// the calls below is the name of a function (declared in the cell, or by an
// earlier cell when Options.IsFunc says so), the argument is wrapped with
// that name: coro.Spawn(f, 5) becomes coro.Spawn(coro.Named("f", f), 5) and
// mt.NewThread(f) becomes mt.NewThread(mt.Func("f", f)). Both packages accept
// these wrappers wherever they take a callable.

import (
	"go/ast"
	"strconv"
)

// namedTargets lists, per package, the calls whose first argument is the
// callable whose name the package shows, and the package's wrapper.
var namedTargets = map[string]struct {
	wrap  string
	funcs map[string]bool
}{
	"coro": {"coro.Named", map[string]bool{"Spawn": true, "NewGreenlet": true, "Run": true,
		"CreateTask": true, "EnsureFuture": true}},
	"mt": {"mt.Func", map[string]bool{"NewThread": true, "Go": true, "NewProcess": true}},
}

func (c *cellParse) rewriteNamedTarget(a *analyzer, call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || !a.universe(pkg.Name) {
		return
	}
	t, ok := namedTargets[pkg.Name]
	if !ok || !t.funcs[sel.Sel.Name] {
		return
	}
	fn, ok := call.Args[0].(*ast.Ident)
	if !ok || !a.isFunc(fn.Name) {
		return
	}
	name := fn.Name
	c.addEditNode(fn, func(*renderer) string {
		return t.wrap + "(" + strconv.Quote(name) + ", " + name + ")"
	})
}

// isFunc reports whether name is a function: a func declared by the cell, or
// an earlier cell's function (Options.IsFunc) not shadowed here.
func (a *analyzer) isFunc(name string) bool {
	if d := a.sc.lookup(name); d != nil {
		return d.kind == declFunc
	}
	return a.c.opts.IsFunc != nil && a.c.opts.IsFunc(name)
}
