package cell

// Order of the chunks.
//
// Imports come first. Types, consts, funcs and methods ("pure" declarations)
// have no side effects and Go lets package-level code refer to them before
// they are declared, so they are hoisted, in dependency order (ties in source
// order): yaegi compiles each Eval on its own and needs what a declaration
// refers to to exist already. Mutually recursive declarations share one
// chunk. A declaration that uses a type of the cell depends on that type's
// methods too (other than its own receiver type's), so that a *T returned
// as an interface, or checked by `var _ I = (*T)(nil)`, has its method set
// when it is compiled; so does a method that uses its receiver as a value.
// A pure declaration that refers to a var of the same cell comes right
// after that var's chunk. Vars and statements keep their source order, which
// is the order of their side effects; consecutive statements form one Stmts
// run. The renamed func main and then the trailing expression close the cell.

import (
	"go/ast"
	"go/token"

	"github.com/gokernel/gokernel/internal/astx"
)

// unitKind is what a unit of the ordered cell becomes.
type unitKind int

const (
	unitImport unitKind = iota
	unitPure
	unitVar
	unitRun
	unitMain
	unitExpr
)

// unit is one or more items that become one chunk (two for some vars).
type unit struct {
	kind  unitKind
	items []*item
}

// order returns the cell's units in evaluation order.
func (c *cellParse) order() []unit {
	var imports, seq, tail []unit
	var pures []*item
	varUnit := map[*item]int{} // var item -> index in seq
	for _, it := range c.items {
		switch it.role {
		case roleImport:
			imports = append(imports, unit{unitImport, []*item{it}})
		case rolePure:
			pures = append(pures, it)
		case roleVar:
			varUnit[it] = len(seq)
			seq = append(seq, unit{unitVar, []*item{it}})
		case roleStmt:
			if n := len(seq); n > 0 && seq[n-1].kind == unitRun {
				seq[n-1].items = append(seq[n-1].items, it)
			} else {
				seq = append(seq, unit{unitRun, []*item{it}})
			}
		case roleMain:
			tail = append([]unit{{unitMain, []*item{it}}}, tail...)
		case roleExpr:
			tail = append(tail, unit{unitExpr, []*item{it}})
		}
	}
	seq = c.sortVarRuns(seq)
	for k, u := range seq {
		if u.kind == unitVar {
			varUnit[u.items[0]] = k
		}
	}
	sccs := c.pureSCCs(pures)
	slots := make([]int, len(sccs)) // index in seq after which an SCC goes, -1 = first
	for i, s := range sccs {
		slots[i] = -1
		for _, it := range s.items {
			for dep := range c.deps[it] {
				if k, ok := varUnit[dep]; ok && k > slots[i] {
					slots[i] = k
				}
			}
		}
		for _, d := range s.deps {
			slots[i] = max(slots[i], slots[d])
		}
	}
	bySlot := map[int][]int{}
	for i := range sccs {
		bySlot[slots[i]] = append(bySlot[slots[i]], i)
	}
	out := append([]unit(nil), imports...)
	emit := func(slot int) {
		for _, i := range bySlot[slot] {
			out = append(out, unit{unitPure, sccs[i].items})
		}
	}
	emit(-1)
	for k, u := range seq {
		out = append(out, u)
		emit(k)
	}
	return append(out, tail...)
}

// scc is a strongly connected component of pure declarations; deps are
// indexes of earlier SCCs it depends on.
type scc struct {
	items []*item
	deps  []int
}

// pureSCCs groups the pure items into strongly connected components of their
// reference graph and returns them in dependency order, ties broken by
// source order (DepOrder). References are resolved names (cell scope) plus, for
// selectors, methods of that name declared in the cell.
func (c *cellParse) pureSCCs(pures []*item) []scc {
	isPure := map[*item]bool{}
	methods := map[string][]*item{}   // by method name
	methodsOf := map[string][]*item{} // by receiver type name
	for _, it := range pures {
		isPure[it] = true
		if fd, ok := it.decl.(*ast.FuncDecl); ok && fd.Recv != nil {
			methods[fd.Name.Name] = append(methods[fd.Name.Name], it)
			if r := recvTypeName(fd); r != "" {
				methodsOf[r] = append(methodsOf[r], it)
			}
		}
	}
	edges := map[*item][]*item{}
	for _, it := range pures {
		seen := map[*item]bool{it: true}
		add := func(d *item) {
			if isPure[d] && !seen[d] {
				seen[d] = true
				edges[it] = append(edges[it], d)
			}
		}
		own := ""
		if fd, ok := it.decl.(*ast.FuncDecl); ok && fd.Recv != nil {
			own = recvTypeName(fd)
		}
		for d := range c.deps[it] {
			add(d)
			// Using a type may need its method set (a *T returned as an
			// interface, a T in a var _ I = T{} check): its methods come
			// first. A method's own receiver type is left out, so that
			// the methods of one type stay separate chunks.
			for _, name := range typeNames(d.decl) {
				if name != own {
					for _, m := range methodsOf[name] {
						add(m)
					}
				}
			}
		}
		// A method that uses its receiver as a value (`return f` as an
		// interface) needs the other methods of its type first.
		if own != "" && usesRecvAsValue(it.decl.(*ast.FuncDecl)) {
			for _, m := range methodsOf[own] {
				add(m)
			}
		}
		ast.Inspect(it.decl, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				for _, m := range methods[sel.Sel.Name] {
					add(m)
				}
			}
			return true
		})
	}
	pos := make(map[*item]int, len(pures)) // pures are in source order
	for i, it := range pures {
		pos[it] = i
	}
	comps := DepOrder(len(pures), func(i int) []int {
		var ds []int
		for _, d := range edges[pures[i]] {
			ds = append(ds, pos[d])
		}
		return ds
	})
	out := make([]scc, len(comps))
	for k, comp := range comps {
		items := make([]*item, len(comp.Nodes))
		for j, i := range comp.Nodes {
			items[j] = pures[i]
		}
		out[k] = scc{items: items, deps: comp.Deps}
	}
	return out
}

// recvTypeName is the name of a method's receiver type (T for T, *T, T[P]).
func recvTypeName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	return astx.RecvTypeName(fd.Recv.List[0].Type)
}

// typeNames lists the types a declaration declares.
func typeNames(d ast.Decl) []string {
	gd, ok := d.(*ast.GenDecl)
	if !ok || gd.Tok != token.TYPE {
		return nil
	}
	var names []string
	for _, sp := range gd.Specs {
		if ts, ok := sp.(*ast.TypeSpec); ok {
			names = append(names, ts.Name.Name)
		}
	}
	return names
}

// usesRecvAsValue reports whether a method's body mentions its receiver
// other than to select a field or method of it (r.x, r.M()).
func usesRecvAsValue(fd *ast.FuncDecl) bool {
	if fd.Body == nil || len(fd.Recv.List) == 0 || len(fd.Recv.List[0].Names) == 0 {
		return false
	}
	recv := fd.Recv.List[0].Names[0].Name
	if recv == "_" {
		return false
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && id.Name == recv {
				return false
			}
		case *ast.Ident:
			if n.Name == recv {
				found = true
			}
		}
		return !found
	})
	return found
}
