package cell

import "go/ast"

// Rewrite: the builtins print and println become calls of the Prelude's
// _gkPrint and _gkPrintln, which format their arguments as Go's runtime
// does (yaegi uses fmt's %v: a nil slice printed as [] instead of
// [0/0]0x0, a nil interface as <nil> instead of (0x0,0x0), and spaces
// between print's arguments), unless the name is declared in the cell or
// locally. Their output goes to stdout, as yaegi's does (Go's goes to
// stderr).
func (c *cellParse) rewritePrint(id *ast.Ident) {
	repl := "_gkPrint"
	if id.Name == "println" {
		repl = "_gkPrintln"
	}
	c.addEditNode(id, func(*renderer) string { return repl })
}
