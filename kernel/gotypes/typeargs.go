package gotypes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// inferTypeArgs returns the cell src with the type arguments that go/types
// inferred written out, `Map(xs, f)` → `Map[int, string](xs, f)`, for the
// uses of the generic functions of package main (the session's and the
// cell's) that name none. yaegi v0.16.1 infers a function's type
// arguments from its first argument only and fails on the rest
// (`cannot use type func(int) string as type func(int) int`); with them
// written out it runs the call. Generic functions of other packages are
// left alone: the interpreter does not run compiled generic code, and
// the engine has its own ways to call them.
//
// f, pkg and info are the cell's checked file (Precheck's, without
// errors). ok is false when there is nothing to write out, or when the
// rewritten cell does not check as cleanly as the original (a type
// argument the cell cannot name, say): then the cell runs as it is.
func (c *Checker) inferTypeArgs(name, src string, f *ast.File, pkg *types.Package, info *types.Info) (string, bool) {
	explicit := map[*ast.Ident]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		var x ast.Expr
		switch n := n.(type) {
		case *ast.IndexExpr:
			x = n.X
		case *ast.IndexListExpr:
			x = n.X
		default:
			return true
		}
		switch x := x.(type) {
		case *ast.Ident:
			explicit[x] = true
		case *ast.SelectorExpr:
			explicit[x.Sel] = true
		}
		return true
	})
	// The names the file imports packages by, for type arguments of
	// their types.
	imported := map[string]string{}
	for _, spec := range f.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		imported[path] = specName(spec)
	}
	lines := newLines(src)
	type insert = textInsert
	var ins []insert
	for id, inst := range info.Instances {
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || explicit[id] || fn.Pkg() == nil || fn.Pkg().Path() != "main" || inst.TypeArgs.Len() == 0 {
			continue
		}
		p := c.fset.Position(id.End())
		if !c.inCell(f, name, id.Pos()) {
			continue
		}
		at, ok := lines.offset(p.Line, p.Column)
		if !ok || at < len(id.Name) || src[at-len(id.Name):at] != id.Name {
			continue
		}
		nameable := true
		qual := cellQualifier(imported, &nameable)
		args := make([]string, inst.TypeArgs.Len())
		for i := range args {
			args[i] = types.TypeString(inst.TypeArgs.At(i), qual)
		}
		if !nameable {
			continue
		}
		ins = append(ins, insert{at: at, text: "[" + strings.Join(args, ", ") + "]"})
	}
	for _, tv := range c.typedGenericVars(name, src, f, info, imported, lines) {
		ins = append(ins, insert(tv))
	}
	for _, h := range c.cellValueArgs(name, src, f, info, imported, lines) {
		if !overlaps(h, ins) {
			ins = append(ins, insert(h))
		}
	}
	if len(ins) == 0 {
		return "", false
	}
	slices.SortFunc(ins, func(a, b insert) int { return b.at - a.at })
	out := src
	for _, in := range ins {
		out = out[:in.at] + in.text + out[in.at+in.cut:]
	}
	// The rewrite must parse and check as the cell did.
	pf, ok := buildPrecheck(name, c.header(c.sf, out, true), out)
	if !ok {
		return "", false
	}
	f2, err := parser.ParseFile(c.fset, name+".go", pf.text, parser.SkipObjectResolution)
	if err != nil {
		return "", false
	}
	_, _, errs := c.checkCell(f2)
	for _, e := range errs {
		if !ignored(e.Msg) && !(emptiedBody(e.Msg) && !c.inCell(f2, name, e.Pos)) {
			return "", false
		}
	}
	return out, true
}

// overlaps reports whether e touches the text of any of ins.
func overlaps(e textInsert, ins []textInsert) bool {
	for _, o := range ins {
		if o.at < e.at+e.cut && e.at < o.at+max(o.cut, 1) || o.at == e.at {
			return true
		}
	}
	return false
}

// cellQualifier names a package as the cell imports it (main's types
// unqualified), and sets *nameable to false for a package the cell does
// not import: a type of it cannot be written in the cell.
func cellQualifier(imported map[string]string, nameable *bool) types.Qualifier {
	return func(p *types.Package) string {
		if p == nil || p.Path() == "main" {
			return ""
		}
		n, ok := imported[p.Path()]
		if !ok {
			*nameable = false
		}
		return n
	}
}

// textInsert puts text at offset at of a cell, in place of the cut bytes
// there.
type textInsert struct {
	at, cut int
	text    string
}

// typedGenericVars returns the edits that give a type to the cell's
// top-level vars whose value calls a generic function: `ks :=
// slices.Sorted(maps.Keys(m))` → `var ks []string = slices.Sorted(…)`,
// `var n = Sum(1, 2)` → `var n int = Sum(1, 2)`, `next, stop :=
// iter.Pull(s)` → `var next func() (int, bool); var stop func(); next,
// stop = iter.Pull(s)` (on the same line). yaegi v0.16.1 panics on a
// package-level var whose value is a generic call and whose type it must
// infer; declared with its type, the var runs. Only vars whose types the
// cell can name are edited.
func (c *Checker) typedGenericVars(name, src string, f *ast.File, info *types.Info, imported map[string]string, lines lines) []textInsert {
	offset := func(pos token.Pos) (int, bool) {
		p := c.fset.Position(pos)
		return lines.offset(p.Line, p.Column)
	}
	var out []textInsert
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
	specs:
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if vs.Type != nil || len(vs.Values) != 1 || !c.inCell(f, name, vs.Names[0].Pos()) || !callsGeneric(vs.Values[0], info) {
				continue
			}
			first, last := vs.Names[0], vs.Names[len(vs.Names)-1]
			start, ok1 := offset(first.Pos())
			end, ok2 := offset(last.End())
			value, ok3 := offset(vs.Values[0].Pos())
			if !ok1 || !ok2 || !ok3 || start > end || end > value {
				continue
			}
			nameable := true
			var decls []string // var x T, for the names this declaration declares
			for _, id := range vs.Names {
				v, ok := info.Defs[id].(*types.Var)
				if id.Name == "_" || !ok {
					continue // _, or a name declared before (the check file's _)
				}
				at, ok := offset(id.Pos())
				if !ok || !strings.HasPrefix(src[at:], id.Name) {
					continue specs
				}
				decls = append(decls, "var "+id.Name+" "+types.TypeString(v.Type(), cellQualifier(imported, &nameable)))
			}
			if !nameable || len(decls) == 0 {
				continue
			}
			switch op := strings.TrimSpace(src[end:value]); {
			case op == ":=" && len(vs.Names) == 1: // x := e
				out = append(out, textInsert{at: start, cut: value - start, text: decls[0] + " = "})
			case op == ":=": // a, b := e: declared first, then assigned
				out = append(out, textInsert{at: start, cut: value - start,
					text: strings.Join(decls, "; ") + "; " + src[start:end] + " = "})
			case op == "=" && len(vs.Names) == 1 && len(decls) == 1: // var x = e
				out = append(out, textInsert{at: end, text: strings.TrimPrefix(decls[0], "var "+first.Name)})
			}
		}
	}
	return out
}

// callsGeneric reports whether x calls an instance of a generic function.
func callsGeneric(x ast.Expr, info *types.Info) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fn := call.Fun
		switch f := fn.(type) {
		case *ast.IndexExpr:
			fn = f.X
		case *ast.IndexListExpr:
			fn = f.X
		}
		var id *ast.Ident
		switch f := fn.(type) {
		case *ast.Ident:
			id = f
		case *ast.SelectorExpr:
			id = f.Sel
		}
		if id != nil {
			if _, ok := info.Instances[id]; ok {
				found = true
			}
		}
		return !found
	})
	return found
}

// lines maps 1-based lines and byte columns of a text to offsets.
type lines []int // offsets of line starts

func newLines(src string) lines {
	l := lines{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			l = append(l, i+1)
		}
	}
	return l
}

func (l lines) offset(line, col int) (int, bool) {
	if line < 1 || line > len(l) || col < 1 {
		return 0, false
	}
	return l[line-1] + col - 1, true
}
