package cell

import "go/ast"

// Rewrite: recover() becomes _gkRecover(recover()) (see the Prelude).
// recover is still called directly by the deferred function, so it
// recovers exactly when Go's would; the Prelude's function then gives the
// value Go would: yaegi hands interpreted code the reflect.Value it
// panicked with (so `r.(error)` and `r.(string)` fail), and its runtime
// errors are reflect's strings ("reflect: slice index out of range")
// rather than runtime.Error values. `defer recover()` (which recovers
// nothing in Go) and a recover declared by the cell are left alone.
func (c *cellParse) rewriteRecover(a *analyzer, call *ast.CallExpr) {
	if a.goDefer[call] || len(call.Args) != 0 {
		return
	}
	c.addEditNode(call, func(*renderer) string { return "_gkRecover(recover())" })
}
