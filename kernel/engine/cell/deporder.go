package cell

import (
	"container/heap"
	"slices"
)

// Component is a strongly connected component of a dependency graph, as
// DepOrder returns it: its nodes, ascending, and the indexes in DepOrder's
// result of the components it depends on, ascending.
type Component struct {
	Nodes []int
	Deps  []int
}

// DepOrder orders the nodes 0..n-1 of a dependency graph, deps(i) being the
// nodes i depends on (self-references and repeats are allowed): mutually
// dependent nodes form one Component, and a component comes after those it
// depends on; among the components ready at a time, the one with the
// smallest node goes first, so an order with no dependencies is the nodes'
// own. The rewriter orders a cell's declarations by it, the engine the
// declarations it replays.
func DepOrder(n int, deps func(i int) []int) []Component {
	edges := make([][]int, n)
	for i := range n {
		for _, j := range deps(i) {
			if j != i && !slices.Contains(edges[i], j) {
				edges[i] = append(edges[i], j)
			}
		}
		slices.Sort(edges[i])
	}
	comps := tarjan(n, edges)
	compOf := make([]int, n)
	for c, nodes := range comps {
		for _, v := range nodes {
			compOf[v] = c
		}
	}
	compDeps := make([]map[int]bool, len(comps))
	for c, nodes := range comps {
		compDeps[c] = map[int]bool{}
		for _, v := range nodes {
			for _, w := range edges[v] {
				if d := compOf[w]; d != c {
					compDeps[c][d] = true
				}
			}
		}
	}
	// Kahn's algorithm; among the ready components the one with the
	// smallest node goes first.
	pending := make([]int, len(comps)) // unfinished dependencies
	users := make([][]int, len(comps))
	ready := &compHeap{}
	for c := range comps {
		pending[c] = len(compDeps[c])
		for d := range compDeps[c] {
			users[d] = append(users[d], c)
		}
		if pending[c] == 0 {
			heap.Push(ready, compRef{c, comps[c][0]})
		}
	}
	newIndex := make([]int, len(comps))
	out := make([]Component, 0, len(comps))
	for ready.Len() > 0 {
		best := heap.Pop(ready).(compRef).comp
		newIndex[best] = len(out)
		var ds []int
		for d := range compDeps[best] {
			ds = append(ds, newIndex[d])
		}
		slices.Sort(ds)
		out = append(out, Component{Nodes: comps[best], Deps: ds})
		for _, u := range users[best] {
			if pending[u]--; pending[u] == 0 {
				heap.Push(ready, compRef{u, comps[u][0]})
			}
		}
	}
	return out
}

// compRef is a component waiting in compHeap, ordered by its first node.
type compRef struct{ comp, first int }

type compHeap []compRef

func (h compHeap) Len() int           { return len(h) }
func (h compHeap) Less(i, j int) bool { return h[i].first < h[j].first }
func (h compHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *compHeap) Push(x any)        { *h = append(*h, x.(compRef)) }
func (h *compHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// tarjan returns the strongly connected components of the graph, each
// sorted ascending.
func tarjan(n int, edges [][]int) [][]int {
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	next := 0
	var stack []int
	var comps [][]int
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range edges[v] {
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			slices.Sort(comp)
			comps = append(comps, comp)
		}
	}
	for v := range n {
		if index[v] < 0 {
			visit(v)
		}
	}
	return comps
}
