package cell

// Rewrite: range over functions (Go 1.23), which yaegi v0.16.1 does not
// know.
//
//	for k, v := range seq { body }
//
// becomes a call of seq with the body as the yield function:
//
//	{ seq(func(k K, v V) bool { body; return true }) }
//
// where in body (outside nested function literals) a continue of this loop
// is `return true`, a break of it `return false`, and a return of the
// enclosing function stores its values, sets a flag and returns false; after
// the call the flag makes the function return them. Loops nested in one
// another share the outermost loop's flag. A `for k, v = range` assigns the
// yield's arguments to k and v first.
//
// The rewriter has no type checker: it rewrites a range whose expression is
// evidently a function of the yield shape (func(yield func(…) bool)) — a
// function literal, a function of the cell or of an earlier one
// (Options.FuncDecl), or a call of such a non-generic function whose result
// is a yield-shaped function, iter.Seq[T] or iter.Seq2[K, V], or one of
// pkg/coro's sequences (rewrite_rangefunc_coro.go) — and then knows the
// element types from that signature.
// iter.Seq[T] and iter.Seq2[K, V] (generic types yaegi cannot use) are
// written as the function types they stand for everywhere in the cell.
//
// A defer in such a body appends the call (its arguments evaluated at the
// defer) to a list that one defer, placed where the outermost loop starts,
// runs LIFO when the function returns; recover() in those calls returns nil.
//
// Not supported (a compile error says so): goto in such a body; return and
// defer in one that is in a cell's top-level code.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// rfLoop is one rewritten range statement.
type rfLoop struct {
	label  string
	parent *rfLoop // the rewritten loop whose body holds this one
	root   *rfLoop // the outermost rewritten loop of the same function
	exits  []rfExit
	// root only:
	flag     string   // set by a return (2) or an exit of an outer loop
	rv       []string // the enclosing function's results
	returns  bool     // some body returns
	flagUsed bool     // some body sets flag
	defers   string   // the list of deferred calls, if some body defers
	outer    []rfExit // break/continue of labels enclosing the root
}

// rfExit is a break or continue from a nested body of a loop further out:
// the body sets flag to code and returns false, and each loop in between
// passes it on.
type rfExit struct {
	code  int
	tok   token.Token
	label string
}

// rfCtx is where the walk is.
type rfCtx struct {
	ftype *ast.FuncType   // enclosing function, nil in top-level code
	loop  *rfLoop         // innermost rewritten loop whose body this is
	brk   int             // for/switch/select statements open inside that body
	cont  int             // for/range statements open inside that body
	inner map[string]bool // labels declared inside that body
	outer map[string]bool // labels enclosing the outermost rewritten loop
}

type rfWalker struct {
	c       *cellParse
	funcs   map[string]*ast.FuncDecl // the cell's non-generic functions
	earlier map[string]*ast.FuncDecl // earlier cells' (nil: not one)
	names   map[string]bool          // every name the cell declares at top level
	made    map[string]bool          // see coroMade (rewrite_rangefunc_coro.go)
}

// elemType renders one element type.
type elemType func(r *renderer) string

// lookup returns the non-generic function name of this cell or, if the cell
// does not declare the name, of an earlier cell; foreign says which.
func (w *rfWalker) lookup(name string) (fd *ast.FuncDecl, foreign bool) {
	if fd := w.funcs[name]; fd != nil {
		return fd, false
	}
	if w.names[name] || w.c.opts.FuncDecl == nil {
		return nil, false
	}
	if fd, ok := w.earlier[name]; ok {
		return fd, true
	}
	w.earlier[name] = nil
	src := w.c.opts.FuncDecl(name)
	if src == "" {
		return nil, false
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", declPrefix+src, parser.SkipObjectResolution)
	if err != nil {
		return nil, false
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name && fd.Type.TypeParams == nil {
			w.earlier[name] = fd
			return fd, true
		}
	}
	return nil, false
}

// rangeFuncs finds and rewrites the cell's ranges over functions and its
// iter.Seq/iter.Seq2 types.
func (c *cellParse) rangeFuncs() {
	w := &rfWalker{c: c, funcs: map[string]*ast.FuncDecl{}, earlier: map[string]*ast.FuncDecl{}, names: map[string]bool{}}
	for _, it := range c.items {
		if fd, ok := it.decl.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Type.TypeParams == nil {
			w.funcs[fd.Name.Name] = fd
		}
		switch {
		case it.decl != nil:
			for _, n := range DeclNames(it.decl) {
				w.names[n] = true
			}
		case it.role == roleVar:
			for _, l := range it.stmts[0].(*ast.AssignStmt).Lhs {
				if id, ok := l.(*ast.Ident); ok {
					w.names[id.Name] = true
				}
			}
		}
	}
	for _, it := range c.items {
		switch {
		case it.decl != nil:
			c.iterTypes(it.decl)
			c.atomicTypes(it.decl, w.names) // rewrite_atomic.go
			if fd, ok := it.decl.(*ast.FuncDecl); ok && fd.Body != nil {
				w.walk(fd.Body, rfCtx{ftype: fd.Type})
			} else {
				w.walk(it.decl, rfCtx{})
			}
		default:
			for _, s := range it.stmts {
				c.iterTypes(s)
				c.atomicTypes(s, w.names)
				w.walk(s, rfCtx{})
			}
		}
	}
}

// iterTypes rewrites iter.Seq[T] to func(func(T) bool) and iter.Seq2[K, V]
// to func(func(K, V) bool) inside n.
func (c *cellParse) iterTypes(n ast.Node) {
	ast.Inspect(n, func(m ast.Node) bool {
		var x ast.Expr
		var args []ast.Expr
		switch e := m.(type) {
		case *ast.IndexExpr:
			x, args = e.X, []ast.Expr{e.Index}
		case *ast.IndexListExpr:
			x, args = e.X, e.Indices
		default:
			return true
		}
		if n := iterSeq(x); n == 0 || n != len(args) {
			return true
		}
		c.addEditNode(m, func(r *renderer) string {
			ts := make([]string, len(args))
			for i, a := range args {
				ts[i] = r.node(a)
			}
			return "func(func(" + strings.Join(ts, ", ") + ") bool)"
		})
		return false
	})
}

// iterSeq is 1 for iter.Seq, 2 for iter.Seq2, else 0.
func iterSeq(x ast.Expr) int {
	sel, ok := x.(*ast.SelectorExpr)
	if !ok {
		return 0
	}
	if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "iter" {
		return 0
	}
	switch sel.Sel.Name {
	case "Seq":
		return 1
	case "Seq2":
		return 2
	}
	return 0
}

// yieldTypes returns the element types of a function type of the yield
// shape, func(yield func(…) bool) with no results.
func yieldTypes(ft *ast.FuncType) ([]ast.Expr, bool) {
	if ft == nil || ft.Results.NumFields() != 0 || ft.Params.NumFields() != 1 {
		return nil, false
	}
	y, ok := ft.Params.List[0].Type.(*ast.FuncType)
	if !ok || y.Results.NumFields() != 1 || y.Params.NumFields() > 2 {
		return nil, false
	}
	if b, ok := y.Results.List[0].Type.(*ast.Ident); !ok || b.Name != "bool" {
		return nil, false
	}
	var ts []ast.Expr
	for _, f := range y.Params.List {
		for range max(len(f.Names), 1) {
			ts = append(ts, f.Type)
		}
	}
	return ts, true
}

// seqTypes returns the element types of a sequence type: a yield-shaped
// function type, iter.Seq[T] or iter.Seq2[K, V].
func seqTypes(t ast.Expr) ([]ast.Expr, bool) {
	switch t := unparen(t).(type) {
	case *ast.FuncType:
		return yieldTypes(t)
	case *ast.IndexExpr:
		if iterSeq(t.X) == 1 {
			return []ast.Expr{t.Index}, true
		}
	case *ast.IndexListExpr:
		if iterSeq(t.X) == len(t.Indices) && len(t.Indices) == 2 {
			return t.Indices, true
		}
	}
	return nil, false
}

// elemTypes reports whether x is evidently a function to range over, and
// its element types.
func (w *rfWalker) elemTypes(x ast.Expr) ([]elemType, bool) {
	var ts []ast.Expr
	ok, foreign := false, false
	switch x := unparen(x).(type) {
	case *ast.FuncLit:
		ts, ok = yieldTypes(x.Type)
	case *ast.Ident:
		var fd *ast.FuncDecl
		if fd, foreign = w.lookup(x.Name); fd != nil {
			ts, ok = yieldTypes(fd.Type)
		}
	case *ast.CallExpr:
		if w.coroSeq(x) { // rewrite_rangefunc_coro.go
			return []elemType{func(*renderer) string { return "any" }}, true
		}
		if n := w.stdSeq(x); n > 0 { // rewrite_rangefunc_std.go
			return make([]elemType, n), true
		}
		id, isID := x.Fun.(*ast.Ident)
		if !isID {
			return nil, false
		}
		var fd *ast.FuncDecl
		fd, foreign = w.lookup(id.Name)
		if fd == nil || fd.Type.Results.NumFields() != 1 {
			return nil, false
		}
		ts, ok = seqTypes(fd.Type.Results.List[0].Type)
	}
	if !ok {
		return nil, false
	}
	out := make([]elemType, len(ts))
	for i, t := range ts {
		if foreign {
			text := types.ExprString(t)
			out[i] = func(*renderer) string { return text }
		} else {
			out[i] = func(r *renderer) string { return r.node(t) }
		}
	}
	return out, true
}

// walk visits n in ctx, rewriting the ranges over functions it finds.
func (w *rfWalker) walk(n ast.Node, ctx rfCtx) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(m ast.Node) bool {
		if m == nil {
			return true
		}
		switch m := m.(type) {
		case *ast.FuncLit:
			w.walk(m.Body, rfCtx{ftype: m.Type})
			return false
		case *ast.LabeledStmt:
			if rs, ok := m.Stmt.(*ast.RangeStmt); ok {
				if ts, ok := w.elemTypes(rs.X); ok {
					w.rangeFunc(rs, m, ts, ctx)
					return false
				}
			}
			if ctx.loop != nil {
				ctx.inner = copyAdd(ctx.inner, m.Label.Name)
			} else {
				ctx.outer = copyAdd(ctx.outer, m.Label.Name)
			}
			w.walk(m.Stmt, ctx)
			return false
		case *ast.RangeStmt:
			if ts, ok := w.elemTypes(m.X); ok {
				w.rangeFunc(m, nil, ts, ctx)
				return false
			}
			w.walk(m.X, ctx)
			inner := ctx
			inner.brk, inner.cont = ctx.brk+1, ctx.cont+1
			w.walk(m.Body, inner)
			return false
		case *ast.ForStmt:
			w.walk(m.Init, ctx)
			w.walk(m.Cond, ctx)
			w.walk(m.Post, ctx)
			inner := ctx
			inner.brk, inner.cont = ctx.brk+1, ctx.cont+1
			w.walk(m.Body, inner)
			return false
		case *ast.SwitchStmt:
			w.walk(m.Init, ctx)
			w.walk(m.Tag, ctx)
			w.walk(m.Body, breakable(ctx))
			return false
		case *ast.TypeSwitchStmt:
			w.walk(m.Init, ctx)
			w.walk(m.Assign, ctx)
			w.walk(m.Body, breakable(ctx))
			return false
		case *ast.SelectStmt:
			w.walk(m.Body, breakable(ctx))
			return false
		case *ast.BranchStmt:
			if ctx.loop != nil {
				w.branch(m, ctx)
			}
		case *ast.ReturnStmt:
			if ctx.loop != nil {
				w.ret(m, ctx)
				for _, r := range m.Results {
					w.walk(r, rfCtx{ftype: ctx.ftype})
				}
				return false
			}
		case *ast.DeferStmt:
			if ctx.loop != nil {
				w.deferStmt(m, ctx)
			}
		}
		return true
	})
}

// breakable is ctx inside a switch or select: a plain break is its own.
func breakable(ctx rfCtx) rfCtx {
	ctx.brk++
	return ctx
}

func copyAdd(m map[string]bool, k string) map[string]bool {
	out := map[string]bool{k: true}
	for l := range m {
		out[l] = true
	}
	return out
}

// branch rewrites a break or continue of the innermost rewritten loop.
func (w *rfWalker) branch(b *ast.BranchStmt, ctx rfCtx) {
	c := w.c
	loop := ctx.loop
	switch b.Tok {
	case token.GOTO:
		c.errs = append(c.errs, c.errorAt(c.off(b.Pos()),
			"goto inside the body of a range over a function is not supported by the interpreter's rewrite"))
		return
	case token.FALLTHROUGH:
		return
	}
	mine := false
	if b.Label != nil {
		name := b.Label.Name
		switch {
		case ctx.inner[name]:
			return
		case name == loop.label:
			mine = true
		default:
			var target *rfLoop
			for p := loop.parent; p != nil; p = p.parent {
				if p.label == name {
					target = p
					break
				}
			}
			if target == nil && !ctx.outer[name] {
				return // not a label here: the compiler says so
			}
			e := rfExit{code: 2 + c.next(), tok: b.Tok, label: name}
			if target != nil {
				target.exits = append(target.exits, e)
			} else {
				loop.root.outer = append(loop.root.outer, e)
			}
			loop.root.flagUsed = true
			flag := loop.root.flag
			c.addEditNode(b, func(*renderer) string {
				return fmt.Sprintf("{ %s = %d; return false }", flag, e.code)
			})
			return
		}
	} else {
		mine = (b.Tok == token.BREAK && ctx.brk == 0) || (b.Tok == token.CONTINUE && ctx.cont == 0)
	}
	if !mine {
		return
	}
	text := "return true"
	if b.Tok == token.BREAK {
		text = "return false"
	}
	c.addEditNode(b, func(*renderer) string { return text })
}

// ret rewrites a return of the enclosing function from a loop body.
func (w *rfWalker) ret(s *ast.ReturnStmt, ctx rfCtx) {
	c := w.c
	root := ctx.loop.root
	if ctx.ftype == nil {
		c.errs = append(c.errs, c.errorAt(c.off(s.Pos()),
			"return inside the body of a range over a function in a cell's top-level code is not supported"))
		return
	}
	root.returns, root.flagUsed = true, true
	c.addEditNode(s, func(r *renderer) string {
		t := "{ "
		if len(s.Results) > 0 {
			vs := make([]string, len(s.Results))
			for i, e := range s.Results {
				vs[i] = r.node(e)
			}
			t += strings.Join(root.rv, ", ") + " = " + strings.Join(vs, ", ") + "; "
		}
		return t + root.flag + " = 2; return false }"
	})
}

// rangeFunc rewrites rs (labelled by lab, if not nil), whose yield takes
// values of types ts.
func (w *rfWalker) rangeFunc(rs *ast.RangeStmt, lab *ast.LabeledStmt, ts []elemType, ctx rfCtx) {
	c := w.c
	n := c.next()
	loop := &rfLoop{}
	if lab != nil {
		loop.label = lab.Label.Name
	}
	if ctx.loop != nil {
		loop.parent, loop.root = ctx.loop, ctx.loop.root
	} else {
		loop.root = loop
		loop.flag = fmt.Sprintf("_gkRF%d", n)
		if ctx.ftype != nil && ctx.ftype.Results != nil {
			for _, f := range ctx.ftype.Results.List {
				for range max(len(f.Names), 1) {
					loop.rv = append(loop.rv, fmt.Sprintf("_gkRV%d_%d", n, len(loop.rv)))
				}
			}
		}
	}
	vars := []ast.Expr{rs.Key, rs.Value}
	if rs.Value == nil {
		vars = vars[:1]
	}
	if rs.Key == nil {
		vars = nil
	}
	if len(vars) > len(ts) {
		c.errs = append(c.errs, c.errorAt(c.off(rs.Pos()),
			"range over %s permits only %d iteration variables", c.src[c.off(rs.X.Pos()):c.off(rs.X.End())], len(ts)))
		return
	}
	w.walk(rs.X, ctx)
	w.walk(rs.Body, rfCtx{ftype: ctx.ftype, loop: loop, outer: ctx.outer})
	var node ast.Node = rs
	if lab != nil {
		node = lab
	}
	c.addEditNode(node, func(r *renderer) string {
		params := make([]string, len(ts))
		var lhs, rhs []string
		for i, t := range ts {
			name := "_"
			if i < len(vars) {
				if id, ok := vars[i].(*ast.Ident); ok && rs.Tok == token.DEFINE {
					name = id.Name
				} else if !(ok && id.Name == "_") {
					name = fmt.Sprintf("_gkRK%d_%d", n, i)
					lhs, rhs = append(lhs, r.node(vars[i])), append(rhs, name)
				}
			}
			if t == nil { // inferred: see rewrite_rangefunc_std.go
				params[i] = name
			} else {
				params[i] = name + " " + t(r)
			}
		}
		var b strings.Builder
		b.WriteString("{ ")
		root := loop.root
		if root == loop && root.defers != "" {
			// The bodies' deferred calls run when the function returns,
			// LIFO, at the place of the loop among its other defers.
			fmt.Fprintf(&b, "var %s []func(); defer func() { for i := len(%s) - 1; i >= 0; i-- { %s[i]() } }(); ",
				root.defers, root.defers, root.defers)
		}
		if root == loop && root.flagUsed {
			b.WriteString(root.flag + " := 0; _ = " + root.flag + "; ")
		}
		if root == loop && root.returns && ctx.ftype.Results != nil {
			i := 0
			for _, f := range ctx.ftype.Results.List {
				for range max(len(f.Names), 1) {
					b.WriteString("var " + root.rv[i] + " " + r.node(f.Type) + "; ")
					i++
				}
			}
		}
		if len(ts) > 0 && ts[0] == nil {
			b.WriteString(inferredCall(n, r.node(rs.X), params))
		} else {
			b.WriteString(r.node(rs.X) + "(func(" + strings.Join(params, ", ") + ") bool { ")
		}
		if len(lhs) > 0 {
			b.WriteString(strings.Join(lhs, ", ") + " = " + strings.Join(rhs, ", ") + "; ")
		}
		b.WriteString(r.code(c.off(rs.Body.Lbrace)+1, c.off(rs.Body.Rbrace)))
		b.WriteString("\nreturn true })")
		switch {
		case root == loop:
			if root.returns {
				b.WriteString("; if " + root.flag + " == 2 { return " + strings.Join(root.rv, ", ") + " }")
			}
			for _, e := range root.outer {
				fmt.Fprintf(&b, "; if %s == %d { %s = 0; %s %s }", root.flag, e.code, root.flag, e.tok, e.label)
			}
		case root.flagUsed:
			// In the parent's body: an exit of the parent ends its
			// body; anything else ends it too and goes on outwards.
			fmt.Fprintf(&b, "; if %s != 0 { ", root.flag)
			for _, e := range loop.parent.exits {
				ret := "false"
				if e.tok == token.CONTINUE {
					ret = "true"
				}
				fmt.Fprintf(&b, "if %s == %d { %s = 0; return %s }; ", root.flag, e.code, root.flag, ret)
			}
			b.WriteString("return false }")
		}
		b.WriteString(" }")
		return b.String()
	})
}

// deferStmt rewrites a defer in a loop body: the call, its arguments
// evaluated now, is appended to the root loop's list, which a defer placed
// before the loop runs when the function returns.
func (w *rfWalker) deferStmt(d *ast.DeferStmt, ctx rfCtx) {
	c := w.c
	if ctx.ftype == nil {
		c.errs = append(c.errs, c.errorAt(c.off(d.Pos()),
			"defer inside the body of a range over a function in a cell's top-level code is not supported"))
		return
	}
	root := ctx.loop.root
	if root.defers == "" {
		root.defers = fmt.Sprintf("_gkDL%d", c.next())
	}
	list := root.defers
	call := d.Call
	names := make([]string, len(call.Args))
	for i := range call.Args {
		names[i] = fmt.Sprintf("_gkDA%d", c.next())
	}
	// The analyzer's own rewrite of this defer (a loop's) gives way.
	c.dropEdits(c.off(d.Pos()), c.off(d.End()))
	c.addEditNode(d, func(r *renderer) string {
		if lit, ok := call.Fun.(*ast.FuncLit); ok && len(call.Args) == 0 {
			return list + " = append(" + list + ", " + r.node(lit) + ")"
		}
		var b strings.Builder
		args := make([]string, len(call.Args))
		for i, a := range call.Args {
			fmt.Fprintf(&b, "%s := %s; ", names[i], r.node(a))
			args[i] = names[i]
		}
		spread := ""
		if call.Ellipsis.IsValid() {
			spread = "..."
		}
		fmt.Fprintf(&b, "%s = append(%s, func() { %s(%s%s) })", list, list, r.node(call.Fun), strings.Join(args, ", "), spread)
		return b.String()
	})
}
