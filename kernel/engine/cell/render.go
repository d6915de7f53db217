package cell

import (
	"fmt"
	"go/ast"
	"sort"
	"strings"
)

// An edit replaces the cell bytes [start, end) by generated text; start ==
// end makes an insertion. Edits nest: the text of an edit is built by its
// build function, which renders the sub-ranges of user code it reuses
// (r.code), so that edits inside those sub-ranges apply too. Edits never
// overlap partially.
type edit struct {
	start, end int
	seq        int
	build      func(r *renderer) string
}

// addEdit records an edit over the cell bytes [start, end).
func (c *cellParse) addEdit(start, end int, build func(r *renderer) string) {
	c.edits = append(c.edits, &edit{start: start, end: end, seq: len(c.edits), build: build})
}

// addEditNode records an edit that replaces node n.
func (c *cellParse) addEditNode(n ast.Node, build func(r *renderer) string) {
	c.addEdit(c.off(n.Pos()), c.off(n.End()), build)
}

// dropEdits forgets the edits recorded so far that replace exactly the cell
// bytes [start, end) (a later rewrite of the same node takes over).
func (c *cellParse) dropEdits(start, end int) {
	kept := c.edits[:0]
	for _, e := range c.edits {
		if e.start != start || e.end != end {
			kept = append(kept, e)
		}
	}
	c.edits = kept
}

// insert records an insertion of fixed text at off.
func (c *cellParse) insert(off int, text string) {
	c.addEdit(off, off, func(*renderer) string { return text })
}

// renderer turns cell ranges plus edits into Go source with line directives.
type renderer struct {
	c     *cellParse
	edits []*edit // sorted by start, insertions first, then longer first
}

func (c *cellParse) renderer() *renderer {
	es := append([]*edit(nil), c.edits...)
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.start != b.start {
			return a.start < b.start
		}
		az, bz := a.start == a.end, b.start == b.end
		if az != bz {
			return az
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return a.seq < b.seq
	})
	return &renderer{c: c, edits: es}
}

// directive returns a /*line*/ comment that gives the next byte the cell
// position of off, in the file "cell[N]/_.go" (see fileSuffix).
// Block-comment directives work anywhere on a line, which matters because
// yaegi prefixes sources with "package main;" on line 1.
func (r *renderer) directive(off int) string {
	line, col := r.c.lines.pos(off)
	return fmt.Sprintf("/*line %s%s:%d:%d*/", r.c.name, fileSuffix, line, col)
}

// code renders the cell bytes [start, end) with their edits, preceded by a
// directive so that positions inside are the cell's.
func (r *renderer) code(start, end int) string {
	return r.directive(start) + r.render(start, end)
}

// node renders node n (see code).
func (r *renderer) node(n ast.Node) string {
	return r.code(r.c.off(n.Pos()), r.c.off(n.End()))
}

// plain returns node n's original text without edits or directives.
func (r *renderer) plain(n ast.Node) string {
	return r.c.src[r.c.off(n.Pos()):r.c.off(n.End())]
}

// render applies the outermost edits inside [start, end]: replacements lying
// within the range and insertions at start..end (insertions at an offset come
// before a replacement starting there). After each edit a directive restores
// the position of the following original text.
func (r *renderer) render(start, end int) string {
	var b strings.Builder
	cur := start
	i := sort.Search(len(r.edits), func(i int) bool { return r.edits[i].start >= start })
	for _, e := range r.edits[i:] {
		if e.start > end {
			break
		}
		if e.start < cur || e.end > end {
			continue
		}
		b.WriteString(r.c.src[cur:e.start])
		b.WriteString(e.build(r))
		cur = e.end
		if cur < end {
			b.WriteString(r.directive(cur))
		}
	}
	b.WriteString(r.c.src[cur:end])
	return b.String()
}
