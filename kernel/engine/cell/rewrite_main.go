package cell

// Rewrite: func main.
//
// yaegi treats a `func main` declared in a REPL session as the program's entry
// point and runs it again after every later Eval. A cell's func main is
// renamed _gkMainN and becomes a Stmts chunk (Src declares it, Call calls it)
// placed after the cell's other chunks and before its trailing expression:
// Go runs main after the package's declarations.

import (
	"fmt"
	"go/ast"
)

// mainName is the generated name of the cell's func main.
func (c *cellParse) mainName() string { return fmt.Sprintf("_gkMain%s", c.num) }

// renameMain records the edit that renames func main.
func (c *cellParse) renameMain(fd *ast.FuncDecl) {
	name := c.mainName()
	c.addEditNode(fd.Name, func(*renderer) string { return name })
}
