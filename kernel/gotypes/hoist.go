package gotypes

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// cellValueArgs returns the edits that hand a compiled function the values
// of the cell's types it is given as call results: `coro.List(NewFib(9))`
// → `func() (coro.PyList, error) { _gkA0 := NewFib(9); return
// coro.List(_gkA0) }()`. yaegi v0.16.1 passes a call's result of an
// interpreted type to a compiled interface parameter without the type's
// methods (coro sees a bare struct, fmt ignores a String method), but a
// variable's value with them. The arguments are evaluated in their order,
// as before. Only calls of package-level functions of compiled packages
// with no `...` spread are edited, never the call of a go or defer
// statement (its arguments would be evaluated in the new goroutine or at
// return), and only where the call's results can be named.
func (c *Checker) cellValueArgs(name, src string, f *ast.File, info *types.Info, imported map[string]string, lines lines) []textInsert {
	skip := map[*ast.CallExpr]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			skip[n.Call] = true
		case *ast.DeferStmt:
			skip[n.Call] = true
		}
		return true
	})
	offset := func(pos token.Pos) (int, bool) {
		p := c.fset.Position(pos)
		return lines.offset(p.Line, p.Column)
	}
	var out []textInsert
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		call, ok := node.(*ast.CallExpr)
		if !ok || skip[call] || call.Ellipsis.IsValid() || !c.inCell(f, name, call.Pos()) {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		fn, ok := info.Uses[sel.Sel].(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg().Path() == "main" {
			return true
		}
		sig, ok := fn.Type().(*types.Signature)
		if !ok || sig.Recv() != nil || sig.TypeParams().Len() > 0 {
			return true
		}
		if _, isPkg := info.Uses[identOf(sel.X)].(*types.PkgName); !isPkg {
			return true
		}
		needed := false
		for i, a := range call.Args {
			if cellTypedResult(a, info) && interfaceParam(sig, i) {
				needed = true
			}
		}
		if !needed {
			return true
		}
		nameable := true
		qual := cellQualifier(imported, &nameable)
		var results []string
		for i := 0; i < sig.Results().Len(); i++ {
			results = append(results, types.TypeString(sig.Results().At(i).Type(), qual))
		}
		start, ok1 := offset(call.Pos())
		end, ok2 := offset(call.End())
		funStart, ok3 := offset(call.Fun.Pos())
		funEnd, ok4 := offset(call.Fun.End())
		if !nameable || !ok1 || !ok2 || !ok3 || !ok4 || end > len(src) || !strings.HasPrefix(src[start:], src[funStart:funEnd]) {
			return true
		}
		var b strings.Builder
		b.WriteString("func() ")
		switch len(results) {
		case 0:
		case 1:
			b.WriteString(results[0] + " ")
		default:
			b.WriteString("(" + strings.Join(results, ", ") + ") ")
		}
		b.WriteString("{ ")
		var args []string
		for _, a := range call.Args {
			as, ok1 := offset(a.Pos())
			ae, ok2 := offset(a.End())
			if !ok1 || !ok2 || ae > len(src) || as > ae {
				return true
			}
			v := "_gkA" + strconv.Itoa(n)
			n++
			b.WriteString(v + " := " + src[as:ae] + "; ")
			args = append(args, v)
		}
		if len(results) > 0 {
			b.WriteString("return ")
		}
		b.WriteString(src[funStart:funEnd] + "(" + strings.Join(args, ", ") + ") }()")
		out = append(out, textInsert{at: start, cut: end - start, text: b.String()})
		return false // the arguments are copied as they are: no edit inside
	})
	return out
}

// cellTypedResult reports whether x is a call (not a conversion) whose
// value is of a type declared in the cells (or a pointer to one) with
// methods.
func cellTypedResult(x ast.Expr, info *types.Info) bool {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return false
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return false
	}
	t := info.TypeOf(call)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "main" {
		return false
	}
	return types.NewMethodSet(types.NewPointer(named)).Len() > 0
}

// interfaceParam reports whether argument i of a call of sig goes to a
// parameter of interface type.
func interfaceParam(sig *types.Signature, i int) bool {
	ps := sig.Params()
	if ps.Len() == 0 {
		return false
	}
	var t types.Type
	switch {
	case i < ps.Len()-1 || !sig.Variadic() && i < ps.Len():
		t = ps.At(i).Type()
	case sig.Variadic():
		t = ps.At(ps.Len() - 1).Type().(*types.Slice).Elem()
	default:
		return false
	}
	return types.IsInterface(t)
}

func identOf(x ast.Expr) *ast.Ident {
	id, _ := x.(*ast.Ident)
	return id
}
