package cell

import "go/ast"

// analyzer walks the cell's syntax trees with a lexical scope, records the
// dependencies between cell-level items and asks the rewrite_*.go functions
// for edits where yaegi needs them.
type analyzer struct {
	c    *cellParse
	sc   *scope
	fn   *funcCtx
	top  *funcCtx // the cell's top-level code
	cur  *item    // item being walked
	deps map[*item]map[*item]bool

	iife     map[*ast.FuncLit]bool  // literal called in place (not by go/defer)
	deferred map[*ast.FuncLit]bool  // literal called by a defer statement
	wrapped  map[*ast.FuncLit]bool  // literal that got a loop-variable wrapper
	goDefer  map[*ast.CallExpr]bool // call of a go or defer statement
}

func newAnalyzer(c *cellParse) *analyzer {
	top := &funcCtx{top: true}
	return &analyzer{
		c: c, sc: newScope(nil), fn: top, top: top,
		deps:     map[*item]map[*item]bool{},
		iife:     map[*ast.FuncLit]bool{},
		deferred: map[*ast.FuncLit]bool{},
		wrapped:  map[*ast.FuncLit]bool{},
		goDefer:  map[*ast.CallExpr]bool{},
	}
}

func (a *analyzer) push() { a.sc = newScope(a.sc) }
func (a *analyzer) pop()  { a.sc = a.sc.parent }

// declare adds name to the current scope (blank names are ignored).
func (a *analyzer) declare(id *ast.Ident, kind declKind, isInt bool) {
	if id == nil || id.Name == "_" {
		return
	}
	a.sc.names[id.Name] = &decl{kind: kind, isInt: isInt, fn: a.fn,
		inLoop: a.fn.loops > 0, loopVar: a.fn.header}
}

// universe reports whether name is not declared in the cell or locally, so a
// use of it means a predeclared identifier (or an earlier cell's global).
func (a *analyzer) universe(name string) bool { return a.sc.lookup(name) == nil }

// use records a reference to id: a dependency on a cell-level item, or a
// capture of a loop's variable by a function literal.
func (a *analyzer) use(id *ast.Ident, write bool) {
	d := a.sc.lookup(id.Name)
	if d == nil {
		return
	}
	if d.item != nil && a.cur != nil && d.item != a.cur {
		m := a.deps[a.cur]
		if m == nil {
			m = map[*item]bool{}
			a.deps[a.cur] = m
		}
		m[d.item] = true
	}
	if d.kind != declVar || !d.inLoop || d.fn == a.fn {
		return
	}
	// The outermost literal between d's function and here that is not
	// called in place must copy d: literals called in place run within the
	// iteration, and literals inside the copying one see its copy.
	var chain []*funcCtx // innermost first
	for f := a.fn; f != nil && f != d.fn; f = f.parent {
		chain = append(chain, f)
	}
	var lit *funcCtx
	for i := len(chain) - 1; i >= 0; i-- {
		if chain[i].lit != nil && !a.iife[chain[i].lit] {
			lit = chain[i]
			break
		}
	}
	if lit == nil {
		return
	}
	if lit.captures == nil {
		lit.captures = map[string]*decl{}
		lit.writes = map[*decl]bool{}
	}
	lit.captures[id.Name] = d
	if write {
		lit.writes[d] = true
	}
}

// typeParams declares type parameters in the current scope.
func (a *analyzer) typeParams(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		for _, n := range f.Names {
			a.declare(n, declType, false)
		}
	}
	for _, f := range fl.List {
		a.typ(f.Type)
	}
}

// params declares parameters or results in the current scope.
func (a *analyzer) params(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		a.typ(f.Type)
		isInt := false
		if id, ok := f.Type.(*ast.Ident); ok {
			isInt = intTypes[id.Name] && a.universe(id.Name)
		}
		for _, n := range f.Names {
			a.declare(n, declVar, isInt)
		}
	}
}

func (a *analyzer) funcLit(lit *ast.FuncLit) {
	fc := &funcCtx{parent: a.fn, lit: lit}
	a.fn = fc
	a.push()
	a.params(lit.Type.Params)
	a.params(lit.Type.Results)
	if lit.Body != nil {
		a.stmts(lit.Body.List)
	}
	a.pop()
	a.fn = fc.parent
	a.c.rewriteLoopVars(a, lit, fc)
}

// funcDecl walks a cell-level func or method declaration.
func (a *analyzer) funcDecl(fd *ast.FuncDecl) {
	fc := &funcCtx{parent: nil}
	saved := a.fn
	a.fn = fc
	a.push()
	a.params(fd.Recv)
	if fd.Recv != nil {
		for _, f := range fd.Recv.List {
			a.recvTypeParams(f.Type)
		}
	}
	a.typeParams(fd.Type.TypeParams)
	a.params(fd.Type.Params)
	a.params(fd.Type.Results)
	if fd.Body != nil {
		a.stmts(fd.Body.List)
	}
	a.pop()
	a.fn = saved
}

// recvTypeParams declares the type parameters named in a generic receiver
// such as `(p *Pair[K, V])`.
func (a *analyzer) recvTypeParams(t ast.Expr) {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	var idx []ast.Expr
	switch x := t.(type) {
	case *ast.IndexExpr:
		idx = []ast.Expr{x.Index}
	case *ast.IndexListExpr:
		idx = x.Indices
	}
	for _, e := range idx {
		if id, ok := e.(*ast.Ident); ok {
			a.declare(id, declType, false)
		}
	}
}

// call walks a call and asks for the builtin rewrites.
func (a *analyzer) call(e *ast.CallExpr) {
	if lit, ok := unparen(e.Fun).(*ast.FuncLit); ok && !a.goDefer[e] {
		a.iife[lit] = true
	}
	if id, ok := e.Fun.(*ast.Ident); ok && a.universe(id.Name) {
		switch id.Name {
		case "recover":
			a.fn.recover = true
			a.c.rewriteRecover(a, e)
		case "min", "max", "clear":
			a.c.rewriteBuiltin(a, e, id)
		case "print", "println":
			a.c.rewritePrint(id)
		}
	}
	a.c.rewriteNamedTarget(a, e)
	a.c.rewritePoolMethod(a, e)
	a.expr(e.Fun)
	a.exprs(e.Args)
}
