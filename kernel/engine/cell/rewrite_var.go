package cell

// Rewrite: top-level variables.
//
// A top-level `x := e` or `var x = e` must become a global of the session, so
// it is a Decl chunk, evaluated in yaegi's statement mode (a leading ";"):
//
//	x := e            ->  ;var x = e
//	var x T = e       ->  ;var x T; x = e
//	a, ok := m[k]     ->  ;var a, ok = m[k], false; a, ok = m[k]
//	v, ok := x.(T)    ->  ;var v T; var ok bool; v, ok = x.(T)
//	m := min(x, 1)    ->  ;var m = x; m = _gkMin(m, 1)
//
// Why: in file mode yaegi rejects a global whose value mentions a global of an
// earlier Eval ("variable definition loop"); global comma-ok forms panic
// ("nil type"); and a generic call (the Prelude's _gkMin too) as a global's
// value panics ("nil reflect type") or, with a declared type, silently yields
// a zero value. An assignment after the declaration is compiled like a
// function body, where all of these work. Map-index comma-ok evaluates m[k]
// twice (harmless unless m or k call functions).
//
// When the value mentions a name that the declaration redeclares
// (`data, err := f(data)`), yaegi would resolve it to the new, zero variable,
// so the values go to temporaries in a first chunk and the names are declared
// from them in a second: `;var _gkT3_1 = f(data)` then `;var data = _gkT3_1`.
// Several names from one call (`srv, err := f()`) go through temporaries too
// (`;var _gkT3_1, _gkT3_2 = f()` then `;var srv, err = _gkT3_1, _gkT3_2`):
// a function reading a global declared straight from a multi-value call
// reads the called function instead of its result.
//
// Not supported: `v, ok := <-ch` at top level (no way to name the element
// type without a type checker); Parse reports an error that says what to
// write instead. A generic call as a global's value (other than min/max)
// panics in yaegi; declaring the type, `var x T = f(...)`, works.

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

type specForm int

const (
	formPlain    specForm = iota // var names = vals
	formTyped                    // var names T; names = vals
	formMapOK                    // var a, ok = m[k], false; a, ok = m[k]
	formAssertOK                 // var v T; var ok bool; v, ok = x.(T)
	formProbe                    // var x = probe; x = vals
)

// varSpec is one `names [typ] = vals` of a top-level variable declaration.
type varSpec struct {
	names     []*ast.Ident
	typ       ast.Expr
	vals      []ast.Expr
	form      specForm
	probeText string        // formProbe: a constant of the right type, or
	call      *ast.CallExpr // formProbe: the min/max call,
	probeArg  int           // its first non-constant argument,
	fn        string        // and the Prelude function ("" for a generic
	probeEnd  string        // standard function: probeText+arg+probeEnd)
}

// varPlan says how a roleVar item is rendered.
type varPlan struct {
	specs []varSpec
	temps []string // non-nil: values go to these names first ("_" for blanks)
}

// planVar decides the rendering of a top-level var item. It runs during the
// walk, in the cell scope.
func (c *cellParse) planVar(a *analyzer, it *item) {
	p := &varPlan{}
	if g, ok := it.decl.(*ast.GenDecl); ok {
		for _, sp := range g.Specs {
			if vs, ok := sp.(*ast.ValueSpec); ok {
				p.specs = append(p.specs, varSpec{names: vs.Names, typ: vs.Type, vals: vs.Values})
			}
		}
	} else {
		as := it.stmts[0].(*ast.AssignStmt)
		sp := varSpec{vals: as.Rhs}
		for _, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				c.errs = append(c.errs, c.errorAt(c.off(l.Pos()), "non-name on left side of :="))
				return
			}
			sp.names = append(sp.names, id)
		}
		p.specs = append(p.specs, sp)
	}
	for i := range p.specs {
		c.planSpec(a, &p.specs[i])
	}
	if len(p.specs) == 1 && (mentions(p.specs[0].vals, p.specs[0].names) || tuple(p.specs[0])) {
		for _, n := range p.specs[0].names {
			t := "_"
			if n.Name != "_" {
				t = fmt.Sprintf("_gkT%s_%d", c.num, c.next())
			}
			p.temps = append(p.temps, t)
		}
	}
	it.plan = p
}

func (c *cellParse) planSpec(a *analyzer, sp *varSpec) {
	switch {
	case sp.typ != nil:
		sp.form = formTyped
	case len(sp.names) == 2 && len(sp.vals) == 1:
		switch v := unparen(sp.vals[0]).(type) {
		case *ast.IndexExpr:
			sp.form = formMapOK
		case *ast.TypeAssertExpr:
			if v.Type != nil {
				sp.form = formAssertOK
			}
		case *ast.UnaryExpr:
			if v.Op == token.ARROW {
				c.errs = append(c.errs, c.errorAt(c.off(v.Pos()),
					"a top-level comma-ok receive is not supported by the interpreter; declare the variables first (var %s T; var %s bool), then assign (%s, %s = <-ch)",
					sp.names[0].Name, sp.names[1].Name, sp.names[0].Name, sp.names[1].Name))
			}
		}
	case len(sp.names) == 1 && len(sp.vals) == 1:
		call, ok := unparen(sp.vals[0]).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 || call.Ellipsis.IsValid() {
			return
		}
		if c.planGenericStd(a, sp, call) {
			return
		}
		id, ok := call.Fun.(*ast.Ident)
		if !ok || (id.Name != "min" && id.Name != "max") || !a.universe(id.Name) {
			return
		}
		for i, arg := range call.Args {
			if !a.isConstExpr(arg) {
				sp.form, sp.probeArg, sp.call, sp.fn = formProbe, i, call, builtinRepl[id.Name]
				return
			}
		}
		sp.form = formProbe
		switch constKind(call) {
		case token.FLOAT:
			sp.probeText = "float64(0)"
		case token.STRING:
			sp.probeText = `""`
		case token.CHAR:
			sp.probeText = "rune(0)"
		default:
			sp.probeText = "0"
		}
	}
}

// tuple reports whether sp declares several names from one multi-value
// call (`srv, err := f()`), which yaegi gets wrong for functions: a function
// that reads such a global reads the called function instead of its result
// (`reflect: Method index out of range`, a nil dereference). Globals declared
// from temporaries (`var srv, err = _gkT1, _gkT2`) read correctly.
func tuple(sp varSpec) bool {
	return sp.form == formPlain && len(sp.names) > 1 && len(sp.vals) == 1
}

// mentions reports whether any of vals refers to one of names (selector
// field names aside).
func mentions(vals []ast.Expr, names []*ast.Ident) bool {
	set := map[string]bool{}
	for _, n := range names {
		if n.Name != "_" {
			set[n.Name] = true
		}
	}
	found := false
	for _, v := range vals {
		ast.Inspect(v, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				ast.Inspect(n.X, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && set[id.Name] {
						found = true
					}
					return !found
				})
				return false
			case *ast.Ident:
				if set[n.Name] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// varChunks renders a roleVar item as one Decl chunk, or two when the values
// go through temporaries.
func (c *cellParse) varChunks(r *renderer, it *item) []Chunk {
	p := it.plan
	line, _ := c.lines.pos(it.start)
	chunk := func(src string, names []string) Chunk {
		return Chunk{Kind: Decl, Src: src, Names: names, Tok: token.VAR, Line: line}
	}
	if p.temps != nil {
		sp := p.specs[0]
		first := c.specText(r, sp, func(i int) string { return p.temps[i] })
		var lhs, rhs, tnames, names []string
		for i, n := range sp.names {
			if n.Name == "_" {
				continue
			}
			lhs, rhs = append(lhs, r.node(n)), append(rhs, p.temps[i])
			tnames, names = append(tnames, p.temps[i]), append(names, n.Name)
		}
		if len(lhs) == 0 { // var _, _ = f(): the call is all there is
			return []Chunk{chunk(r.directive(it.start)+";"+first, nil)}
		}
		return []Chunk{
			chunk(r.directive(it.start)+";"+first, tnames),
			chunk(r.directive(it.start)+";var "+strings.Join(lhs, ", ")+" = "+strings.Join(rhs, ", "), names),
		}
	}
	var texts, names []string
	for _, sp := range p.specs {
		texts = append(texts, c.specText(r, sp, func(i int) string { return r.node(sp.names[i]) }))
		for _, n := range sp.names {
			if n.Name != "_" {
				names = append(names, n.Name)
			}
		}
	}
	ch := chunk(r.directive(it.start)+";"+strings.Join(texts, "; "), names)
	ch.Indexed = indexed(r, p, r.directive(it.start)+";")
	return []Chunk{ch}
}

// indexed is the Indexed rendering of a plain single-spec var whose values
// are all `v[i]` with v a name, or nil.
func indexed(r *renderer, p *varPlan, prefix string) *Indexed {
	if len(p.specs) != 1 {
		return nil
	}
	sp := p.specs[0]
	if sp.form != formPlain || sp.typ != nil || len(sp.names) != len(sp.vals) {
		return nil
	}
	x := &Indexed{Prefix: prefix}
	var lhs, rhs []string
	for i, v := range sp.vals {
		ix, ok := unparen(v).(*ast.IndexExpr)
		if !ok {
			return nil
		}
		op, ok := unparen(ix.X).(*ast.Ident)
		if !ok {
			return nil
		}
		x.Names = append(x.Names, sp.names[i].Name)
		x.Operands = append(x.Operands, op.Name)
		lhs, rhs = append(lhs, r.node(sp.names[i])), append(rhs, r.node(v))
	}
	x.Assign = strings.Join(lhs, ", ") + " = " + strings.Join(rhs, ", ")
	return x
}

// specText renders one spec in statement mode; name(i) gives the text of the
// i-th declared name.
func (c *cellParse) specText(r *renderer, sp varSpec, name func(i int) string) string {
	nameList := func() string {
		ns := make([]string, len(sp.names))
		for i := range sp.names {
			ns[i] = name(i)
		}
		return strings.Join(ns, ", ")
	}
	// declared lists the names a `var names T` declares: yaegi rejects a
	// blank name without a value ("cannot use _ as value"), and a blank
	// needs no declaration to be assigned to.
	declared := func() string {
		var ns []string
		for i, n := range sp.names {
			if n.Name != "_" {
				ns = append(ns, name(i))
			}
		}
		return strings.Join(ns, ", ")
	}
	valList := func() string {
		vs := make([]string, len(sp.vals))
		for i, v := range sp.vals {
			vs[i] = r.node(v)
		}
		return strings.Join(vs, ", ")
	}
	switch sp.form {
	case formTyped:
		if len(sp.vals) > 0 && allBlank(sp.names) {
			// var _ I = v, the interface check: the value is never read,
			// so the generic-call issue of the typed form cannot arise.
			return "var " + nameList() + " " + r.node(sp.typ) + " = " + valList()
		}
		t := "var " + declared() + " " + r.node(sp.typ)
		if len(sp.vals) > 0 {
			t += "; " + nameList() + " = " + valList()
		}
		return t
	case formMapOK:
		v := valList()
		return "var " + nameList() + " = " + v + ", false; " + nameList() + " = " + v
	case formAssertOK:
		ta := unparen(sp.vals[0]).(*ast.TypeAssertExpr)
		t := ""
		if sp.names[0].Name != "_" {
			t = "var " + name(0) + " " + r.node(ta.Type) + "; "
		}
		if sp.names[1].Name != "_" {
			t += "var " + name(1) + " bool; "
		}
		return t + nameList() + " = " + valList()
	case formProbe:
		if sp.call == nil {
			return "var " + nameList() + " = " + sp.probeText + "; " + nameList() + " = " + valList()
		}
		if sp.fn == "" { // a generic standard function (rewrite_var_std.go)
			return "var " + nameList() + " = " + sp.probeText + r.node(sp.call.Args[sp.probeArg]) + sp.probeEnd + "; " +
				nameList() + " = " + valList()
		}
		// var m = x; m = _gkMin(m, 1): the first non-constant argument gives
		// the type and is evaluated once, first, as in the call.
		args := []string{nameList()}
		for i, arg := range sp.call.Args {
			if i != sp.probeArg {
				args = append(args, r.node(arg))
			}
		}
		return "var " + nameList() + " = " + r.node(sp.call.Args[sp.probeArg]) + "; " +
			nameList() + " = " + sp.fn + "(" + strings.Join(args, ", ") + ")"
	}
	if len(sp.vals) == 0 {
		return "var " + nameList()
	}
	if hoist := parallelLits(sp.vals, len(sp.names)); hoist != nil {
		// yaegi zeroes the other values next to a composite literal (see
		// rewrite_parallel.go): the literal goes through a variable.
		var pre string
		vs := make([]string, len(sp.vals))
		for i, v := range sp.vals {
			vs[i] = r.node(v)
			if hoist[i] {
				t := fmt.Sprintf("_gkL%s_%d", c.num, c.next())
				pre += "var " + t + " = " + vs[i] + "; "
				vs[i] = t
			}
		}
		return pre + "var " + nameList() + " = " + strings.Join(vs, ", ")
	}
	return "var " + nameList() + " = " + valList()
}

// allBlank reports whether every name is _.
func allBlank(names []*ast.Ident) bool {
	for _, n := range names {
		if n.Name != "_" {
			return false
		}
	}
	return true
}
