package nbscript

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"
	"strings"
)

// Wrappers that let go/parser read statements as a function body.
const (
	bodyPrefix = "package p;func _(){\n"
	bodySuffix = "\n}"
)

// mainBuilder assembles the body of func main from the cells' statements.
type mainBuilder struct {
	body     strings.Builder
	declared map[string]bool // names declared so far at main's top level or at package level
	globals  map[string]bool // names declared at package level
	declUses map[string]bool // identifiers the package-level declarations use
	hoisted  []string        // `var x = e` moved to package level
	println  bool            // a trailing expression was wrapped in fmt.Println
}

// edit replaces text[start:end] by repl.
type edit struct {
	start, end int
	repl       string
}

// add appends one cell's run of statements. A `:=` whose names are all
// declared already becomes `=`; when last, a trailing expression that is not
// a call (or whose value the notebook shows) is printed.
func (b *mainBuilder) add(text string, last, hasResult bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", bodyPrefix+text+bodySuffix, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		b.body.WriteString(strings.TrimRight(text, "\n") + "\n")
		return
	}
	tf := fset.File(f.Package)
	off := func(p token.Pos) int { return tf.Offset(p) - len(bodyPrefix) }
	stmts := f.Decls[0].(*ast.FuncDecl).Body.List
	var edits []edit
	for _, s := range stmts {
		as, ok := s.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		fresh, needed := false, false
		var names []string
		for _, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
				names = append(names, id.Name)
				fresh = fresh || !b.declared[id.Name]
				needed = needed || (b.declUses[id.Name] && !b.declared[id.Name])
			}
		}
		if needed && !b.usesLocals(text[off(as.Rhs[0].Pos()):off(as.Rhs[len(as.Rhs)-1].End())]) {
			// A package-level function uses the variable: declare it there,
			// initialised before main runs (its value cannot depend on main).
			var lhsNames []string
			for _, l := range as.Lhs {
				n := text[off(l.Pos()):off(l.End())]
				if b.declared[n] { // declared already: this value is dropped
					n = "_"
				}
				lhsNames = append(lhsNames, n)
			}
			lhs := strings.Join(lhsNames, ", ")
			rhs := text[off(as.Rhs[0].Pos()):off(as.Rhs[len(as.Rhs)-1].End())]
			b.hoisted = append(b.hoisted, "// "+strings.Join(names, ", ")+": a statement of the notebook, declared at package level because functions use it\nvar "+lhs+" = "+rhs)
			edits = append(edits, edit{off(as.Pos()), off(as.End()), "// " + strings.Join(names, ", ") + " is declared at package level"})
			for _, n := range names {
				b.declared[n], b.globals[n] = true, true
			}
			continue
		}
		if !fresh && len(names) > 0 {
			edits = append(edits, edit{off(as.TokPos), off(as.TokPos) + 2, "="})
		}
		for _, n := range names {
			b.declared[n] = true
		}
	}
	if last && len(stmts) > 0 {
		if es, ok := stmts[len(stmts)-1].(*ast.ExprStmt); ok {
			if _, call := es.X.(*ast.CallExpr); !call || hasResult {
				edits = append(edits, edit{off(es.Pos()), off(es.Pos()), "fmt.Println("}, edit{off(es.End()), off(es.End()), ")"})
				b.println = true
			}
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	for _, e := range edits {
		text = text[:e.start] + e.repl + text[e.end:]
	}
	b.body.WriteString(strings.TrimRight(text, "\n") + "\n")
}

// usesLocals reports whether expr text uses a variable declared in main.
func (b *mainBuilder) usesLocals(expr string) bool {
	for id := range identifiers(expr) {
		if b.declared[id] && !b.globals[id] {
			return true
		}
	}
	return false
}

// identifiers returns the identifiers that occur in src.
func identifiers(src string) map[string]bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	ids := map[string]bool{}
	for {
		_, t, lit := s.Scan()
		if t == token.EOF {
			return ids
		}
		if t == token.IDENT {
			ids[lit] = true
		}
	}
}

// declNames returns the names a package-level declaration declares (funcs
// without receivers, types, consts, vars).
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			}
		}
	}
	return names
}

// qualifiers returns the identifiers of src followed by a period: the
// candidate package names it uses.
func qualifiers(src string) map[string]bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	used := map[string]bool{}
	prev, prevLit := token.ILLEGAL, ""
	for {
		_, t, lit := s.Scan()
		if t == token.EOF {
			return used
		}
		if t == token.PERIOD && prev == token.IDENT {
			used[prevLit] = true
		}
		prev, prevLit = t, lit
	}
}

// markUnused adds `_ = x` after each top-level `x := e` of func main whose x
// is never read afterwards, which Go refuses ("declared and not used") and
// the notebook accepted (the cell showed it, or a later cell was left out).
func markUnused(src string) (string, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return src, false
	}
	var mainFn *ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			mainFn = fd
		}
	}
	if mainFn == nil || mainFn.Body == nil {
		return src, false
	}
	assigned := map[*ast.Ident]bool{} // identifiers that are only written
	ast.Inspect(mainFn.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					assigned[id] = true
				}
			}
		}
		return true
	})
	// Where each name is read in main (by name: a nested declaration of the
	// same name counts as a read, which at worst leaves Go's error in place).
	var readAt []*ast.Ident
	ast.Inspect(mainFn.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !assigned[id] {
			readAt = append(readAt, id)
		}
		return true
	})
	readAfter := func(name string, pos token.Pos) bool {
		for _, id := range readAt {
			if id.Name == name && id.Pos() > pos {
				return true
			}
		}
		return false
	}
	var edits []edit
	for _, s := range mainFn.Body.List {
		as, ok := s.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		var unused []string
		for _, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name != "_" && !readAfter(id.Name, as.Pos()) {
				unused = append(unused, id.Name)
			}
		}
		if len(unused) > 0 {
			at := fset.Position(as.End()).Offset
			edits = append(edits, edit{at, at, "\n_ = " + strings.Join(unused, "\n_ = ")})
		}
	}
	if len(edits) == 0 {
		return src, true
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	for _, e := range edits {
		src = src[:e.start] + e.repl + src[e.end:]
	}
	return src, true
}
