package cell

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"
	"strings"
)

// Wrappers that let go/parser read one top-level piece of a cell: a
// declaration as a file, a statement as a function body.
const (
	declPrefix = "package p;"
	stmtPrefix = "package p;func _(){"
	stmtSuffix = "\n}"
)

// item is a parsed top-level piece of the cell.
type item struct {
	span
	index int        // position among the cell's items, in source order
	decl  ast.Decl   // itemImport, itemDecl
	stmts []ast.Stmt // itemStmt
	role  role       // assigned by classifyRoles
	plan  *varPlan   // roleVar: how to render it
}

// role says what an item becomes in the chunk list.
type role int

const (
	roleStmt   role = iota // part of a Stmts run
	roleImport             // an Import chunk
	rolePure               // a hoisted type/const/func/method Decl chunk
	roleVar                // a var Decl chunk (var declaration or top-level :=)
	roleMain               // func main: renamed, called at the end
	roleExpr               // the trailing expression
	roleSkip               // a package clause
)

// parseItems parses the pieces of the cell: each declaration on its own, and
// each region of consecutive statement pieces together as a function body
// (the splitter also cuts at the semicolons of for/if/switch headers, which
// the parser puts back together). It records the offset mapping of every
// token.File and collects syntax errors with cell positions.
func (c *cellParse) parseItems(spans []span) {
	for i := 0; i < len(spans); i++ {
		sp := spans[i]
		switch sp.kind {
		case itemPackage:
			c.addItem(&item{span: sp, role: roleSkip})
		case itemImport, itemDecl:
			text := c.src[sp.start:sp.end]
			f, err := parser.ParseFile(c.fset, "", declPrefix+text+"\n", parser.SkipObjectResolution)
			c.noteFile(f, sp.start-len(declPrefix))
			c.addParseErrors(err, sp, len(declPrefix))
			it := &item{span: sp}
			if f != nil && len(f.Decls) == 1 {
				it.decl = f.Decls[0]
			} else if err == nil {
				c.errs = append(c.errs, c.errorAt(sp.start, "expected one declaration"))
			}
			c.addItem(it)
		default:
			j := i
			for j+1 < len(spans) && spans[j+1].kind == itemStmt {
				j++
			}
			region := span{kind: itemStmt, start: sp.start, end: spans[j].end}
			i = j
			c.parseStmts(region)
		}
	}
}

// parseStmts parses a region of statements and adds one item per statement.
func (c *cellParse) parseStmts(region span) {
	text := c.src[region.start:region.end]
	f, err := parser.ParseFile(c.fset, "", stmtPrefix+text+stmtSuffix, parser.SkipObjectResolution)
	c.noteFile(f, region.start-len(stmtPrefix))
	c.addParseErrors(err, region, len(stmtPrefix))
	if err != nil || f == nil || len(f.Decls) != 1 {
		return
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return
	}
	for _, s := range fd.Body.List {
		if _, empty := s.(*ast.EmptyStmt); empty {
			continue
		}
		c.addItem(&item{
			span:  span{kind: itemStmt, start: c.off(s.Pos()), end: c.off(s.End())},
			stmts: []ast.Stmt{s},
		})
	}
}

// addItem appends it to the cell's items in source order.
func (c *cellParse) addItem(it *item) {
	it.index = len(c.items)
	c.items = append(c.items, it)
}

// noteFile remembers how offsets in f map to offsets in the cell.
func (c *cellParse) noteFile(f *ast.File, delta int) {
	if f == nil {
		return
	}
	if tf := c.fset.File(f.Package); tf != nil {
		c.deltas[tf] = delta
	}
}

// off returns the cell offset of a position inside a parsed item.
func (c *cellParse) off(p token.Pos) int {
	tf := c.fset.File(p)
	if tf == nil {
		return 0
	}
	o := tf.Offset(p) + c.deltas[tf]
	return max(0, min(o, len(c.src)))
}

// addParseErrors converts the parser's errors for one piece into cell errors.
// Positions inside the generated wrapper are moved to the piece's start or
// end, or to the end of the cell for the last piece (where Go would report
// "found 'EOF'").
func (c *cellParse) addParseErrors(err error, sp span, prefix int) {
	end := sp.end
	if strings.TrimSpace(c.src[sp.end:]) == "" {
		end = len(c.src)
	}
	if err == nil {
		return
	}
	var list scanner.ErrorList
	if !errors.As(err, &list) {
		c.errs = append(c.errs, c.errorAt(sp.start, "%v", err))
		return
	}
	for i, e := range list {
		o := e.Pos.Offset - prefix + sp.start
		msg := e.Msg
		if o > sp.end {
			if i > 0 {
				// An error in the generated wrapper after a real one is
				// noise (typically "expected ';', found 'EOF'").
				continue
			}
			if end == len(c.src) {
				// What the parser found there is the wrapper's brace; in
				// the cell it is the end of the text.
				msg = strings.Replace(msg, "found '}'", "found 'EOF'", 1)
			}
			o = end
		}
		o = max(sp.start, o)
		c.errs = append(c.errs, c.errorAt(o, "%s", msg))
	}
}

// sortErrors orders errors by position, drops duplicates and keeps at most
// maxErrors.
func sortErrors(list []ErrorItem) []ErrorItem {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Line != list[j].Line {
			return list[i].Line < list[j].Line
		}
		return list[i].Col < list[j].Col
	})
	var out []ErrorItem
	for _, e := range list {
		if len(out) > 0 && e == out[len(out)-1] {
			continue
		}
		out = append(out, e)
	}
	if len(out) > maxErrors {
		out = out[:maxErrors]
	}
	return out
}
