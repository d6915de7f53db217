package cell

import "go/ast"

// Rewrite: a top-level variable whose value is a call of a generic function
// of the standard library (the engine's interpreted slices, maps and cmp).
// yaegi panics on a generic call as a global's value ("nil reflect type",
// see rewrite_var.go), so the variable is declared from a probe of the
// result's type and then assigned in statement mode:
//
//	i := slices.Index(s, v)   ->  ;var i = 0; i = slices.Index(s, v)
//	ok := maps.Equal(a, b)    ->  ;var ok = false; ok = maps.Equal(a, b)
//	t := slices.Clone(s)      ->  ;var t = s; t = slices.Clone(s)
//	m := slices.Max(s)        ->  ;var m = s[0]; m = slices.Max(s)
//
// The probe names the argument again, so it is used only when that
// argument is a name or a selector of names (no call evaluated twice). A
// result whose type the syntax does not give (slices.Collect, Sorted,
// maps.Keys, ...) is left as it is: declare the variable with its type
// (`var ks []string = slices.Sorted(maps.Keys(m))`).

// stdResult says how a generic standard function's result is typed: a
// constant probe ("0", "false"), or like its argument 0 (same), or like an
// element of it (elem).
type stdResult struct {
	probe string
	same  bool
	elem  bool
}

var (
	stdInt  = stdResult{probe: "0"}
	stdBool = stdResult{probe: "false"}
	stdSame = stdResult{same: true}
	stdElem = stdResult{elem: true}
)

// stdGeneric lists, per package, the generic functions whose single result
// the rewriter can type.
var stdGeneric = map[string]map[string]stdResult{
	"slices": {
		"Index": stdInt, "IndexFunc": stdInt, "Compare": stdInt, "CompareFunc": stdInt,
		"Contains": stdBool, "ContainsFunc": stdBool, "Equal": stdBool, "EqualFunc": stdBool,
		"IsSorted": stdBool, "IsSortedFunc": stdBool,
		"Clone": stdSame, "Compact": stdSame, "CompactFunc": stdSame, "Delete": stdSame,
		"DeleteFunc": stdSame, "Insert": stdSame, "Replace": stdSame, "Clip": stdSame,
		"Grow": stdSame, "Concat": stdSame, "Repeat": stdSame,
		"Max": stdElem, "Min": stdElem, "MaxFunc": stdElem, "MinFunc": stdElem,
	},
	"maps": {"Clone": stdSame, "Equal": stdBool, "EqualFunc": stdBool},
	"cmp":  {"Compare": stdInt, "Less": stdBool, "Or": stdSame},
}

// planGenericStd plans sp (one name, value call) when call is one of
// stdGeneric's, and reports whether it did.
func (c *cellParse) planGenericStd(a *analyzer, sp *varSpec, call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || !a.universe(pkg.Name) {
		return false
	}
	res, ok := stdGeneric[pkg.Name][sel.Sel.Name]
	if !ok {
		return false
	}
	if res.probe != "" {
		sp.form, sp.probeText = formProbe, res.probe
		return true
	}
	if len(call.Args) == 0 || !plainOperand(call.Args[0]) {
		return false
	}
	sp.form, sp.call, sp.probeArg = formProbe, call, 0
	sp.probeText, sp.probeEnd = "", ""
	if res.elem {
		sp.probeEnd = "[0]"
	}
	return true
}

// plainOperand reports whether x is a name or a selector of names, which
// can be evaluated twice.
func plainOperand(x ast.Expr) bool {
	switch x := unparen(x).(type) {
	case *ast.Ident:
		return x.Name != "_"
	case *ast.SelectorExpr:
		return plainOperand(x.X)
	}
	return false
}
