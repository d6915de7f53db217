package cell

import "go/ast"

// analyze declares the cell-level names, then walks every item in source
// order, collecting dependencies and edits.
func (c *cellParse) analyze() {
	a := newAnalyzer(c)
	declareCell := func(id *ast.Ident, kind declKind, isInt bool, it *item) {
		if id != nil && id.Name != "_" {
			a.sc.names[id.Name] = &decl{kind: kind, isInt: isInt, item: it}
		}
	}
	// Types, funcs and consts first: they are visible everywhere.
	for _, it := range c.items {
		if it.role != rolePure {
			continue
		}
		switch d := it.decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name != "init" {
				declareCell(d.Name, declFunc, false, it)
			}
		case *ast.GenDecl:
			var lastVals []ast.Expr
			var lastType ast.Expr
			for _, sp := range d.Specs {
				switch sp := sp.(type) {
				case *ast.TypeSpec:
					declareCell(sp.Name, declType, false, it)
				case *ast.ValueSpec:
					if len(sp.Values) > 0 || sp.Type != nil {
						lastVals, lastType = sp.Values, sp.Type
					}
					for i, n := range sp.Names {
						declareCell(n, declConst, a.specIsInt(lastType, lastVals, len(sp.Names), i), it)
					}
				}
			}
		}
	}
	// Then vars, in order, so that each sees the integer-ness of earlier ones.
	for _, it := range c.items {
		if it.role != roleVar {
			continue
		}
		if g, ok := it.decl.(*ast.GenDecl); ok {
			for _, sp := range g.Specs {
				if vs, ok := sp.(*ast.ValueSpec); ok {
					for i, n := range vs.Names {
						declareCell(n, declVar, a.specIsInt(vs.Type, vs.Values, len(vs.Names), i), it)
					}
				}
			}
			continue
		}
		as := it.stmts[0].(*ast.AssignStmt)
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				declareCell(id, declVar, len(as.Lhs) == len(as.Rhs) && a.isIntExpr(as.Rhs[i]), it)
			}
		}
	}
	cellScope := a.sc
	for _, it := range c.items {
		a.cur, a.fn, a.sc = it, a.top, cellScope
		switch it.role {
		case rolePure, roleMain:
			a.cellDecl(it)
		case roleVar:
			if g, ok := it.decl.(*ast.GenDecl); ok {
				a.cellValues(g)
			} else {
				a.exprs(it.stmts[0].(*ast.AssignStmt).Rhs)
			}
			c.planVar(a, it)
		case roleStmt, roleExpr:
			a.stmts(it.stmts)
		}
	}
	c.deps = a.deps
}

// cellDecl walks a cell-level func, method, type or const declaration
// without declaring its names again.
func (a *analyzer) cellDecl(it *item) {
	switch d := it.decl.(type) {
	case *ast.FuncDecl:
		if it.role == roleMain {
			a.c.renameMain(d)
		}
		a.funcDecl(d)
	case *ast.GenDecl:
		a.cellValues(d)
	}
}

// cellValues walks the types and values of a cell-level GenDecl.
func (a *analyzer) cellValues(g *ast.GenDecl) {
	for _, sp := range g.Specs {
		switch sp := sp.(type) {
		case *ast.ValueSpec:
			a.typ(sp.Type)
			a.exprs(sp.Values)
		case *ast.TypeSpec:
			a.push()
			a.typeParams(sp.TypeParams)
			a.typ(sp.Type)
			a.pop()
		}
	}
}
