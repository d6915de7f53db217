package cell

import (
	"go/ast"
	"go/token"

	"github.com/gokernel/gokernel/kernel/engine/pkgsyms/names"
)

// Range over coro's sequences. pkg/coro's iterator functions and its
// generators' All and Seq methods return coro.Seq (iter.Seq[any]), so
//
//	for v := range gen.All() { … }
//	for v := range coro.Count(1) { … }
//
// are rewritten as ranges over a func whose yield takes an any (see
// rewrite_rangefunc.go). The rewriter has no type checker; it knows the
// range expression is one of coro's sequences when it is
//
//   - a call of one of coroSeqFuncs (coro.Count(1), coro.Zip(a, b), ...);
//   - a call of All() or Seq() on a coro.NewGenerator/NamedGenerator call,
//     on a coro.Range call, on a call of a function of the session whose
//     result is a *coro.Generator (`fib(5).All()`), or on a name the cell
//     assigns one of those calls to (a name declared in a cell of its own with another value is
//     not told apart: the analysis ignores scopes);
//   - a call of All() or Seq() on a global of an earlier cell whose value
//     has such a method (Options.SeqMethod asks the session).

// coroSeqFuncs are coro's functions that return a coro.Seq.
var coroSeqFuncs = map[string]bool{
	names.CoroProduct: true, names.CoroProductRepeat: true, names.CoroPermutations: true,
	names.CoroCombinations: true, names.CoroCombinationsWithReplacement: true, names.CoroToSeq: true,
	names.CoroCount: true, names.CoroCycle: true, names.CoroRepeat: true, names.CoroAccumulate: true,
	names.CoroChain: true, names.CoroChainFromIterable: true, names.CoroCompress: true,
	names.CoroDropWhile: true, names.CoroTakeWhile: true, names.CoroFilter: true,
	names.CoroFilterFalse: true, names.CoroGroupBy: true, names.CoroISlice: true, names.CoroMap: true,
	names.CoroStarMap: true, names.CoroZip: true, names.CoroZipLongest: true, names.CoroPairwise: true,
}

// coroSeqMakers are coro's functions whose result has All/Seq methods
// returning a coro.Seq.
var coroSeqMakers = map[string]bool{names.CoroNewGenerator: true, names.CoroNamedGenerator: true,
	names.CoroRange: true}

// coroSeqMethods are the methods of those results that return a coro.Seq.
var coroSeqMethods = map[string]bool{names.CoroGenerator_All: true, names.CoroGenerator_Seq: true}

// RangeObj's Seq has the same name as Generator's (a rename of it fails to
// compile here).
const _ = names.CoroRangeObj_Seq

// coroCall reports whether x is a call of one of fns of package coro.
func (w *rfWalker) coroCall(x ast.Expr, fns map[string]bool) bool {
	call, ok := unparen(x).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == names.Coro && !w.names[names.Coro] && fns[sel.Sel.Name]
}

// coroMade collects the names the cell assigns a coroSeqMakers call to.
func (w *rfWalker) coroMade() map[string]bool {
	if w.made != nil {
		return w.made
	}
	w.made = map[string]bool{}
	for _, it := range w.c.items {
		var nodes []ast.Node
		if it.decl != nil {
			nodes = append(nodes, it.decl)
		}
		for _, s := range it.stmts {
			nodes = append(nodes, s)
		}
		for _, n := range nodes {
			ast.Inspect(n, func(m ast.Node) bool {
				switch m := m.(type) {
				case *ast.AssignStmt:
					if len(m.Lhs) == len(m.Rhs) && (m.Tok == token.DEFINE || m.Tok == token.ASSIGN) {
						for i, r := range m.Rhs {
							if id, ok := m.Lhs[i].(*ast.Ident); ok && (w.coroCall(r, coroSeqMakers) || w.makesGenerator(r)) {
								w.made[id.Name] = true
							}
						}
					}
				case *ast.ValueSpec:
					if len(m.Names) == len(m.Values) {
						for i, v := range m.Values {
							if w.coroCall(v, coroSeqMakers) || w.makesGenerator(v) {
								w.made[m.Names[i].Name] = true
							}
						}
					}
				}
				return true
			})
		}
	}
	return w.made
}

// coroSeq reports whether x is evidently one of coro's sequences.
func (w *rfWalker) coroSeq(x ast.Expr) bool {
	if w.coroCall(x, coroSeqFuncs) {
		return true
	}
	call, ok := unparen(x).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !coroSeqMethods[sel.Sel.Name] {
		return false
	}
	if w.coroCall(sel.X, coroSeqMakers) || w.makesGenerator(sel.X) {
		return true
	}
	id, ok := unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	if w.coroMade()[id.Name] {
		return true
	}
	if w.names[id.Name] || w.c.opts.SeqMethod == nil {
		return false
	}
	return w.c.opts.SeqMethod(id.Name, sel.Sel.Name)
}

// makesGenerator reports whether x is a call of a non-generic function of
// the session whose one result is a *coro.Generator.
func (w *rfWalker) makesGenerator(x ast.Expr) bool {
	call, ok := unparen(x).(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return false
	}
	fd, _ := w.lookup(id.Name)
	if fd == nil || fd.Type.Results.NumFields() != 1 {
		return false
	}
	star, ok := fd.Type.Results.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == names.Coro && sel.Sel.Name == names.CoroGenerator
}
