package gotypes

import (
	"go/ast"
	"go/parser"
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
	if len(info.Instances) == 0 {
		return "", false
	}
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
	type insert struct {
		at   int
		text string
	}
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
		qual := func(p *types.Package) string {
			if p == nil || p.Path() == "main" {
				return ""
			}
			n, ok := imported[p.Path()]
			if !ok {
				nameable = false
			}
			return n
		}
		args := make([]string, inst.TypeArgs.Len())
		for i := range args {
			args[i] = types.TypeString(inst.TypeArgs.At(i), qual)
		}
		if !nameable {
			continue
		}
		ins = append(ins, insert{at, "[" + strings.Join(args, ", ") + "]"})
	}
	if len(ins) == 0 {
		return "", false
	}
	slices.SortFunc(ins, func(a, b insert) int { return b.at - a.at })
	out := src
	for _, in := range ins {
		out = out[:in.at] + in.text + out[in.at:]
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
