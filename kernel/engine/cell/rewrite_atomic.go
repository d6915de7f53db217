package cell

import "go/ast"

// Rewrite: sync/atomic's generic type atomic.Pointer[T], which yaegi
// cannot take from the compiled package, becomes the Prelude's
// _gkAtomicPointer[T] (the same methods: Load, Store, Swap,
// CompareAndSwap, under a mutex rather than lock-free). The package name
// must be atomic (its default) and not declared by the cell.
func (c *cellParse) atomicTypes(n ast.Node, declared map[string]bool) {
	if declared["atomic"] {
		return
	}
	ast.Inspect(n, func(m ast.Node) bool {
		sel, ok := m.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == "atomic" && sel.Sel.Name == "Pointer" {
			c.addEditNode(sel, func(*renderer) string { return "_gkAtomicPointer" })
			return false
		}
		return true
	})
}
