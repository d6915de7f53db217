package cell

// The statement walk: scopes follow Go's block structure (if/for/switch
// headers, case clauses, range variables), loops are counted per function
// for the loop-variable and defer rewrites.

import (
	"go/ast"
	"go/token"
)

// stmts walks a statement list in the current scope.
func (a *analyzer) stmts(list []ast.Stmt) {
	for _, s := range list {
		a.parallelAssign(s)
		a.stmt(s)
	}
}

func (a *analyzer) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.BlockStmt:
		a.push()
		a.stmts(s.List)
		a.pop()
	case *ast.ExprStmt:
		a.expr(s.X)
	case *ast.SendStmt:
		a.expr(s.Chan)
		a.expr(s.Value)
	case *ast.IncDecStmt:
		a.lhs(s.X)
	case *ast.AssignStmt:
		a.assign(s)
	case *ast.GoStmt:
		a.goStmt(s)
	case *ast.DeferStmt:
		a.deferStmt(s)
	case *ast.ReturnStmt:
		a.exprs(s.Results)
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok {
			a.genDecl(g)
		}
	case *ast.LabeledStmt:
		if r, ok := s.Stmt.(*ast.RangeStmt); ok {
			a.rangeStmt(r, s)
		} else {
			a.stmt(s.Stmt)
		}
	case *ast.IfStmt:
		a.push()
		a.stmt(s.Init)
		a.expr(s.Cond)
		a.stmt(s.Body)
		a.stmt(s.Else)
		a.pop()
	case *ast.SwitchStmt:
		a.push()
		a.stmt(s.Init)
		a.expr(s.Tag)
		for _, cc := range s.Body.List {
			cc := cc.(*ast.CaseClause)
			a.push()
			a.exprs(cc.List)
			a.stmts(cc.Body)
			a.pop()
		}
		a.pop()
	case *ast.TypeSwitchStmt:
		a.typeSwitch(s)
	case *ast.SelectStmt:
		for _, cc := range s.Body.List {
			cc := cc.(*ast.CommClause)
			a.push()
			a.stmt(cc.Comm)
			a.stmts(cc.Body)
			a.pop()
		}
	case *ast.ForStmt:
		a.push()
		a.fn.loops++
		a.fn.header = true
		a.stmt(s.Init)
		a.fn.header = false
		a.expr(s.Cond)
		a.stmt(s.Post)
		a.stmt(s.Body)
		a.fn.loops--
		a.pop()
	case *ast.RangeStmt:
		a.rangeStmt(s, nil)
	}
}

func (a *analyzer) assign(s *ast.AssignStmt) {
	a.exprs(s.Rhs)
	if s.Tok != token.DEFINE {
		for _, l := range s.Lhs {
			a.lhs(l)
		}
		return
	}
	for i, l := range s.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			a.expr(l)
			continue
		}
		if _, exists := a.sc.names[id.Name]; exists {
			a.use(id, true) // := reuses a variable of the same scope
			continue
		}
		isInt := len(s.Lhs) == len(s.Rhs) && a.isIntExpr(s.Rhs[i])
		a.declare(id, declVar, isInt)
	}
}

func (a *analyzer) typeSwitch(s *ast.TypeSwitchStmt) {
	a.push()
	a.stmt(s.Init)
	var bound *ast.Ident
	switch as := s.Assign.(type) {
	case *ast.AssignStmt:
		a.exprs(as.Rhs)
		if len(as.Lhs) == 1 {
			bound, _ = as.Lhs[0].(*ast.Ident)
		}
	case *ast.ExprStmt:
		a.expr(as.X)
	}
	for _, cc := range s.Body.List {
		cc := cc.(*ast.CaseClause)
		a.push()
		for _, t := range cc.List {
			a.typ(t)
		}
		a.declare(bound, declVar, false)
		a.stmts(cc.Body)
		a.pop()
	}
	a.pop()
}

func (a *analyzer) rangeStmt(s *ast.RangeStmt, label *ast.LabeledStmt) {
	rangeInt := s.Value == nil && a.isIntExpr(s.X)
	if !rangeInt && s.Value == nil && mayBeInt(s.X) {
		// Not evidently an integer, nor evidently not one: Parse also
		// renders the chunk as if it were (Chunk.Alt).
		a.c.uncertainRanges++
		rangeInt = a.c.assumeInt
	}
	a.expr(s.X)
	a.push()
	a.fn.loops++
	if s.Tok == token.DEFINE {
		a.fn.header = true
		if id, ok := s.Key.(*ast.Ident); ok {
			a.declare(id, declVar, rangeInt)
		}
		if id, ok := s.Value.(*ast.Ident); ok {
			a.declare(id, declVar, false)
		}
		a.fn.header = false
	} else {
		a.lhs(s.Key)
		a.lhs(s.Value)
	}
	a.stmt(s.Body)
	a.fn.loops--
	a.pop()
	if rangeInt {
		a.c.rewriteRangeInt(s, label)
	}
}

// genDecl walks a local (or cell-level) var/const/type declaration and
// declares its names in the current scope.
func (a *analyzer) genDecl(g *ast.GenDecl) {
	var lastVals []ast.Expr
	var lastType ast.Expr
	for _, sp := range g.Specs {
		switch sp := sp.(type) {
		case *ast.ValueSpec:
			a.typ(sp.Type)
			a.exprs(sp.Values)
			kind := declVar
			if g.Tok == token.CONST {
				kind = declConst
				if len(sp.Values) > 0 || sp.Type != nil {
					lastVals, lastType = sp.Values, sp.Type
				}
			} else {
				lastVals, lastType = sp.Values, sp.Type
			}
			for i, id := range sp.Names {
				a.declare(id, kind, a.specIsInt(lastType, lastVals, len(sp.Names), i))
			}
		case *ast.TypeSpec:
			a.declare(sp.Name, declType, false)
			a.push()
			a.typeParams(sp.TypeParams)
			a.typ(sp.Type)
			a.pop()
		}
	}
}

// specIsInt decides whether the i-th name of a value spec has an integer type.
func (a *analyzer) specIsInt(typ ast.Expr, vals []ast.Expr, n, i int) bool {
	if typ != nil {
		id, ok := typ.(*ast.Ident)
		return ok && intTypes[id.Name] && a.universe(id.Name)
	}
	return len(vals) == n && i < len(vals) && a.isIntExpr(vals[i])
}
