package cell

import (
	"fmt"
	"go/ast"
	"strings"
)

// Range over the sequences of the generic standard library:
//
//	for i, v := range slices.All(s) { body }
//
// The element types depend on s, which the rewriter cannot type, so the
// yield function's parameters cannot be written out. Instead the sequence
// goes to the Prelude's generic _gkSeqDrive1/_gkSeqDrive2, which infer them
// from the sequence (the kernel's slices and maps return plain func types,
// which yaegi infers from), store each element in variables declared from
// _gkSeqZero1/2 and call the body, a closure without parameters, that
// copies them into the loop's own variables (one per iteration, as in Go):
//
//	{ _gkRS3 := slices.All(s); var _gkRE3_0, _gkRE3_1 = _gkSeqZero2(_gkRS3)
//	  _gkSeqDrive2(_gkRS3, &_gkRE3_0, &_gkRE3_1, func() bool { i, v := _gkRE3_0, _gkRE3_1; _, _ = i, v; body; return true }) }
//
// break, continue, return, labels and defer in body are rewritten as for
// any range over a function (rewrite_rangefunc.go).

// stdSeqFuncs are the standard functions returning a sequence, with its
// arity (1: iter.Seq, 2: iter.Seq2).
var stdSeqFuncs = map[string]map[string]int{
	"slices": {"All": 2, "Backward": 2, "Values": 1, "Chunk": 1},
	"maps":   {"All": 2, "Keys": 1, "Values": 1},
}

// stdSeq returns the arity of x's sequence when x is a call of one of
// stdSeqFuncs, else 0.
func (w *rfWalker) stdSeq(x *ast.CallExpr) int {
	sel, ok := x.Fun.(*ast.SelectorExpr)
	if !ok {
		return 0
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || w.names[pkg.Name] {
		return 0
	}
	return stdSeqFuncs[pkg.Name][sel.Sel.Name]
}

// inferredCall renders the start of the rewritten loop for a sequence seq
// whose yield takes len(params) values, params being the loop's variable
// names ("_" for none): up to the body's first statement.
func inferredCall(n int, seq string, params []string) string {
	k := len(params)
	s := fmt.Sprintf("_gkRS%d", n)
	els := make([]string, k)
	ptrs := make([]string, k)
	for i := range els {
		els[i] = fmt.Sprintf("_gkRE%d_%d", n, i)
		ptrs[i] = "&" + els[i]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s := %s; var %s = _gkSeqZero%d(%s); ", s, seq, strings.Join(els, ", "), k, s)
	fmt.Fprintf(&b, "_gkSeqDrive%d(%s, %s, func() bool { ", k, s, strings.Join(ptrs, ", "))
	var named []string
	for _, p := range params {
		if p != "_" {
			named = append(named, p)
		}
	}
	if len(named) > 0 {
		fmt.Fprintf(&b, "%s := %s; _", strings.Join(params, ", "), strings.Join(els, ", "))
		b.WriteString(strings.Repeat(", _", len(named)-1) + " = " + strings.Join(named, ", ") + "; ")
	}
	return b.String()
}
