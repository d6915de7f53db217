package cell

// Rewrite: names for functions handed to pkg/coro and pkg/mt. A function
// defined in a cell reaches compiled code without its name (yaegi wraps it in
// a reflect-made func), so coro would print a task as <Greenlet at 0x...: func(5)>
// and mt would name a thread "Thread-1". When the first argument of one of
// the calls below is the name of a function (declared in the cell, or by an
// earlier cell when Options.IsFunc says so), the argument is wrapped with
// that name: coro.Spawn(f, 5) becomes coro.Spawn(coro.Named("f", f), 5)
// (and coro.Async(f, 5) prints as <coroutine object f at 0x...>) and
// mt.NewThread(f) becomes mt.NewThread(mt.Func("f", f)). Both packages accept
// these wrappers wherever they take a callable.
//
// The same goes for the methods of mt's pools (po.ApplyAsync(f, i) becomes
// po.ApplyAsync(mt.Func("f", f), i)) when the receiver is known to be a pool:
// a name the cell assigns from mt.NewPool or mt.NewThreadPool, or an earlier
// cell's var of a pool type (Options.IsPool); and for the Target field of
// mt.ProcessOpts and mt.ThreadOpts literals. A process target needs its name
// most of all: the child process finds the function by it.

import (
	"go/ast"
	"strconv"

	"github.com/gokernel/gokernel/kernel/engine/pkgsyms/names"
)

// The API names below are the generated constants of package names, so
// that renaming one in pkg/coro or pkg/mt fails to compile here.

// namedTargets lists, per package, the calls whose first argument is the
// callable whose name the package shows, and the package's wrapper.
var namedTargets = map[string]struct {
	wrap  string
	funcs map[string]bool
}{
	names.Coro: {names.Coro + "." + names.CoroNamed, map[string]bool{names.CoroSpawn: true,
		names.CoroNewGreenlet: true, names.CoroRun: true, names.CoroCreateTask: true,
		names.CoroEnsureFuture: true, names.CoroAsync: true, names.CoroWaitFor: true}},
	names.Mt: {mtFunc, map[string]bool{names.MtNewThread: true, names.MtGo: true, names.MtNewProcess: true}},
}

// mtFunc is mt's wrapper that names a callable.
const mtFunc = names.Mt + "." + names.MtFunc

// poolMethods are the methods of mt.Pool and mt.ThreadPool taking a
// callable, with the index of that argument.
var poolMethods = map[string]int{names.MtPool_ApplyAsync: 0, names.MtPool_Apply: 0,
	names.MtPool_Map: 0, names.MtPool_MapCtx: 1}

// mt.ThreadPool has the methods of poolMethods too.
var _ = [...]string{names.MtThreadPool_ApplyAsync, names.MtThreadPool_Apply,
	names.MtThreadPool_Map, names.MtThreadPool_MapCtx}

// poolMakers are the mt functions whose first result is a pool.
var poolMakers = map[string]bool{names.MtNewPool: true, names.MtNewThreadPool: true}

// targetLits are the mt option structs whose Target field is a callable.
var targetLits = map[string]bool{names.MtProcessOpts: true, names.MtThreadOpts: true}

// targetField is their field; both have it.
const targetField = names.MtProcessOpts_Target

var _ = names.MtThreadOpts_Target

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
	c.wrapFunc(a, call.Args[0], t.wrap)
}

// rewritePoolMethod names the callable of po.ApplyAsync(f, ...) and the
// other pool methods when po is a pool.
func (c *cellParse) rewritePoolMethod(a *analyzer, call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	k, ok := poolMethods[sel.Sel.Name]
	if !ok || len(call.Args) <= k || !a.universe(names.Mt) {
		return
	}
	recv, ok := sel.X.(*ast.Ident)
	if !ok || !c.isPool(a, recv.Name) {
		return
	}
	c.wrapFunc(a, call.Args[k], mtFunc)
}

// rewriteTargetField names the callable of mt.ProcessOpts{Target: f} and
// mt.ThreadOpts{Target: f}.
func (c *cellParse) rewriteTargetField(a *analyzer, lit *ast.CompositeLit) {
	sel, ok := lit.Type.(*ast.SelectorExpr)
	if !ok || !targetLits[sel.Sel.Name] {
		return
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != names.Mt || !a.universe(names.Mt) {
		return
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == targetField {
				c.wrapFunc(a, kv.Value, mtFunc)
			}
		}
	}
}

// wrapFunc wraps arg with wrap("name", name) when it names a function.
func (c *cellParse) wrapFunc(a *analyzer, arg ast.Expr, wrap string) {
	fn, ok := arg.(*ast.Ident)
	if !ok || !a.isFunc(fn.Name) {
		return
	}
	name := fn.Name
	c.addEditNode(fn, func(*renderer) string {
		return wrap + "(" + strconv.Quote(name) + ", " + name + ")"
	})
}

// isPool reports whether name holds an mt pool: the cell assigns it the
// first result of mt.NewPool or mt.NewThreadPool (anywhere in the cell: the
// check is by name), or it is an earlier cell's pool (Options.IsPool) not
// declared otherwise here.
func (c *cellParse) isPool(a *analyzer, name string) bool {
	if c.pools == nil {
		c.pools = c.poolNames()
	}
	if c.pools[name] {
		return true
	}
	if d := a.sc.lookup(name); d != nil {
		return false
	}
	return c.opts.IsPool != nil && c.opts.IsPool(name)
}

// poolNames collects the names assigned from mt.NewPool/mt.NewThreadPool in
// the cell, by := , = or var.
func (c *cellParse) poolNames() map[string]bool {
	names := map[string]bool{}
	add := func(lhs []ast.Expr, rhs []ast.Expr) {
		if len(rhs) != 1 || len(lhs) == 0 || !isPoolMaker(rhs[0]) {
			return
		}
		if id, ok := lhs[0].(*ast.Ident); ok {
			names[id.Name] = true
		}
	}
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			add(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			add(lhs, n.Values)
		}
		return true
	}
	for _, it := range c.items {
		if it.decl != nil {
			ast.Inspect(it.decl, visit)
		}
		for _, st := range it.stmts {
			ast.Inspect(st, visit)
		}
	}
	return names
}

func isPoolMaker(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == names.Mt && poolMakers[sel.Sel.Name]
}

// isFunc reports whether name is a function: a func declared by the cell, or
// an earlier cell's function (Options.IsFunc) not shadowed here.
func (a *analyzer) isFunc(name string) bool {
	if d := a.sc.lookup(name); d != nil {
		return d.kind == declFunc
	}
	return a.c.opts.IsFunc != nil && a.c.opts.IsFunc(name)
}
