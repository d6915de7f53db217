package cell

// Rewrite: per-iteration loop variables (Go 1.22) for closures.
//
// yaegi keeps one slot for the variables a for statement's init or a range
// clause declares, shared by all iterations, so a function literal created in
// the loop that outlives the iteration (stored, started with go, deferred)
// sees the last iteration's values. A literal that reads variables of an
// enclosing loop of its function is created in a fresh call frame, where the
// loop's own variables are copied:
//
//	func() { use(i, x) }
//
// becomes (i declared by the loop, x in its body)
//
//	func() func() { i := i; return func() { use(i, x) } }()
//
// Variables declared in a loop body are not copied: yaegi already makes them
// fresh in every iteration, and a copy would break Go's semantics for them —
// the literal would see a snapshot taken when it was created (not later
// assignments of the body), and a sync.WaitGroup, sync.Mutex,
// strings.Builder or any value used through pointer methods would be a
// different value in the literal than in the body (Wait never returns,
// Unlock of an unlocked mutex, lost writes). The fresh frame is still made
// for them: a yaegi closure writes to the frame it was created in when a
// call of it returns, so a literal created in the loop's own frame and run
// by a goroutine would race with the loop creating the next one.
//
// Not rewritten: literals called in place (they run within the iteration),
// variables the literal assigns or takes the address of (a copy would hide
// the write; these keep yaegi's shared slot), and literals called by defer
// that call recover() (yaegi's recover only works in a literal deferred
// directly).

import (
	"go/ast"
	"sort"
	"strings"
)

// rewriteLoopVars wraps lit when it reads loop variables (see above). fc
// is lit's analyzed body.
func (c *cellParse) rewriteLoopVars(a *analyzer, lit *ast.FuncLit, fc *funcCtx) {
	if a.iife[lit] || len(fc.captures) == 0 || (fc.recover && a.deferred[lit]) {
		return
	}
	var names []string // copied: the loop's own variables
	read := false
	for name, d := range fc.captures {
		if fc.writes[d] {
			continue
		}
		read = true
		if d.loopVar {
			names = append(names, name)
		}
	}
	if !read {
		return
	}
	sort.Strings(names)
	a.wrapped[lit] = true
	var copies strings.Builder
	for _, n := range names {
		copies.WriteString(n + " := " + n + "; ")
	}
	typ := lit.Type
	c.addEdit(c.off(lit.Pos()), c.off(lit.Pos()), func(r *renderer) string {
		return "func() " + r.plain(typ) + " { " + copies.String() + "return "
	})
	c.insert(c.off(lit.End()), " }()")
}
