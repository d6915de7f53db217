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
	"container/heap"
	"go/ast"
	"go/token"
	"sort"
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
// source order. References are resolved names (cell scope) plus, for
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
		sort.Slice(edges[it], func(i, j int) bool { return edges[it][i].index < edges[it][j].index })
	}
	comps := tarjan(pures, edges)
	// Order components: repeatedly take the ready one that starts earliest.
	compOf := map[*item]int{}
	for i, comp := range comps {
		for _, it := range comp {
			compOf[it] = i
		}
	}
	compDeps := make([]map[int]bool, len(comps))
	for i, comp := range comps {
		compDeps[i] = map[int]bool{}
		for _, it := range comp {
			for _, d := range edges[it] {
				if j := compOf[d]; j != i {
					compDeps[i][j] = true
				}
			}
		}
	}
	// Kahn's algorithm; among the ready components the earliest in source
	// order goes first.
	pending := make([]int, len(comps)) // unfinished dependencies
	users := make([][]int, len(comps))
	ready := &compHeap{}
	for i := range comps {
		pending[i] = len(compDeps[i])
		for j := range compDeps[i] {
			users[j] = append(users[j], i)
		}
		if pending[i] == 0 {
			heap.Push(ready, compRef{i, comps[i][0].index})
		}
	}
	newIndex := make([]int, len(comps))
	var out []scc
	for ready.Len() > 0 {
		best := heap.Pop(ready).(compRef).comp
		newIndex[best] = len(out)
		var deps []int
		for j := range compDeps[best] {
			deps = append(deps, newIndex[j])
		}
		sort.Ints(deps)
		out = append(out, scc{items: comps[best], deps: deps})
		for _, u := range users[best] {
			if pending[u]--; pending[u] == 0 {
				heap.Push(ready, compRef{u, comps[u][0].index})
			}
		}
	}
	return out
}

// compRef is a component waiting in compHeap, ordered by its first item.
type compRef struct{ comp, index int }

type compHeap []compRef

func (h compHeap) Len() int           { return len(h) }
func (h compHeap) Less(i, j int) bool { return h[i].index < h[j].index }
func (h compHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *compHeap) Push(x any)        { *h = append(*h, x.(compRef)) }
func (h *compHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// tarjan returns the strongly connected components of the graph, each sorted
// by source order.
func tarjan(nodes []*item, edges map[*item][]*item) [][]*item {
	index := map[*item]int{}
	low := map[*item]int{}
	onStack := map[*item]bool{}
	var stack []*item
	var comps [][]*item
	var visit func(v *item)
	visit = func(v *item) {
		index[v] = len(index)
		low[v] = index[v]
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range edges[v] {
			if _, ok := index[w]; !ok {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []*item
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			sort.Slice(comp, func(i, j int) bool { return comp[i].index < comp[j].index })
			comps = append(comps, comp)
		}
	}
	for _, v := range nodes {
		if _, ok := index[v]; !ok {
			visit(v)
		}
	}
	return comps
}

// recvTypeName is the name of a method's receiver type (T for T, *T, T[P]).
func recvTypeName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	return RecvTypeName(fd.Recv.List[0].Type)
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
