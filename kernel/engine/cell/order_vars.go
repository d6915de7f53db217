package cell

import (
	"go/ast"
	"go/token"
)

// sortVarRuns puts each run of consecutive `var` declarations (no statement
// and no top-level := between them) in Go's package initialisation order:
// a var comes after the vars its initializer refers to, directly or through
// the cell's funcs, consts, types and their methods; otherwise source order
// is kept. So a cell
// holding a whole program initialises `var c = b; var a, b = f()` as `go
// run` does. A var that refers to itself or a cycle keeps its place (the
// interpreter reports it). Units other than such vars stay where they are.
func (c *cellParse) sortVarRuns(seq []unit) []unit {
	for i := 0; i < len(seq); {
		j := i
		for j < len(seq) && isVarDecl(seq[j]) {
			j++
		}
		if j-i > 1 {
			c.sortVars(seq[i:j])
		}
		i = max(j, i+1)
	}
	return seq
}

// isVarDecl reports whether u is a single `var` declaration item.
func isVarDecl(u unit) bool {
	if u.kind != unitVar || len(u.items) != 1 {
		return false
	}
	d, ok := u.items[0].decl.(*ast.GenDecl)
	return ok && d.Tok == token.VAR
}

// sortVars orders run (var units) by dependency, ties in source order.
func (c *cellParse) sortVars(run []unit) {
	in := map[*item]int{}
	for k, u := range run {
		in[u.items[0]] = k
	}
	// A type brings its methods (a value of it may be converted to an
	// interface, whose methods may read vars).
	methodsOf := map[string][]*item{}
	for _, it := range c.items {
		if fd, ok := it.decl.(*ast.FuncDecl); ok && fd.Recv != nil && it.role == rolePure {
			if r := recvTypeName(fd); r != "" {
				methodsOf[r] = append(methodsOf[r], it)
			}
		}
	}
	// needs[k]: the vars of run that var k's initializer reaches.
	needs := make([]map[int]bool, len(run))
	for k, u := range run {
		needs[k] = map[int]bool{}
		seen := map[*item]bool{u.items[0]: true}
		stack := []*item{u.items[0]}
		for len(stack) > 0 {
			it := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			next := make([]*item, 0, len(c.deps[it]))
			for d := range c.deps[it] {
				next = append(next, d)
			}
			for _, name := range typeNames(it.decl) {
				next = append(next, methodsOf[name]...)
			}
			for _, d := range next {
				if seen[d] {
					continue
				}
				seen[d] = true
				if v, ok := in[d]; ok {
					needs[k][v] = true
				} else if d.role == rolePure {
					stack = append(stack, d) // through funcs, methods, consts
				}
			}
		}
	}
	for k := range run {
		if needs[k][k] {
			return // a cycle through a func: leave the run as written
		}
	}
	out := make([]unit, 0, len(run))
	done := make([]bool, len(run))
	for len(out) < len(run) {
		progress := false
		for k := range run {
			if done[k] {
				continue
			}
			ready := true
			for v := range needs[k] {
				if !done[v] {
					ready = false
					break
				}
			}
			if ready {
				done[k] = true
				out = append(out, run[k])
				progress = true
				break // restart: the earliest ready var goes first
			}
		}
		if !progress {
			return // a cycle: leave the run as written
		}
	}
	copy(run, out)
}
