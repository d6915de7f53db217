package gotypes

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"slices"

	"github.com/gokernel/gokernel/kernel/engine/cell"
	"strings"
)

// Verdict is what checking a cell before it runs found (Precheck).
type Verdict struct {
	// Sure: the checker typed the whole cell and the session with nothing
	// it cannot judge. When Sure is false, Errors is empty and Code is the
	// cell unchanged: the interpreter has the last word.
	Sure bool
	// Errors are Go's messages for the cell, "cell[3]:2:5: message", in
	// the order of their positions, at most MaxErrors of them. A cell with
	// errors must not run.
	Errors []string
	// Code is the cell to run: its text with the type arguments that
	// go/types inferred written out where the interpreter needs them
	// (inferTypeArgs), or the cell as it was.
	Code string
}

// MaxErrors is the most errors a Verdict reports.
const MaxErrors = 10

// Precheck type-checks cell name (its text src, magics already handled)
// with the rules the cell engine applies: imports, declarations and
// statements in any mix; a top-level `x := e` declares a package-level
// var; a cell may declare again what an earlier cell (or itself, with
// :=) declared; a trailing expression is the cell's value; unused
// variables, imports and labels are allowed. Where the engine's rules and
// Go's could differ, or the session's own declarations do not check, the
// verdict is not Sure and the cell runs as it is.
func (c *Checker) Precheck(name, src string) (v Verdict) {
	v.Code = src
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			c.sf, c.pkg = nil, nil
			v = Verdict{Code: src}
		}
	}()
	sf := c.session()
	if sf.dropped || c.pkg == nil {
		return v
	}
	for _, e := range sf.errs {
		if !ignored(e.Msg) && !emptiedBody(e.Msg) {
			return v
		}
	}
	c.checks++
	pf, ok := buildPrecheck(name, c.header(sf, src, true), src)
	if !ok {
		return v
	}
	f, err := parser.ParseFile(c.fset, name+".go", pf.text, parser.SkipObjectResolution)
	if err != nil {
		return v // syntax errors are the cell engine's to report
	}
	pkg, info, errs := c.checkCell(f)
	type found struct {
		line, col int
		msg       string
	}
	var msgs []found
	seen := map[string]bool{}
	for _, e := range errs {
		p := c.fset.Position(e.Pos)
		mine := c.inCell(f, name, e.Pos)
		switch {
		case ignored(e.Msg):
			continue
		case unsure(e.Msg):
			return v
		case !mine && emptiedBody(e.Msg):
			continue
		case !mine:
			return v // the session's declarations do not check with this cell
		}
		m := fmt.Sprintf("%s:%d:%d: %s", name, p.Line, p.Column, e.Msg)
		if !seen[m] {
			seen[m] = true
			msgs = append(msgs, found{p.Line, p.Column, m})
		}
	}
	if c.usedBeforeDeclared(name, f, pkg, info) {
		return v
	}
	v.Sure = true
	if len(msgs) > 0 {
		// go/types checks package-level declarations before function
		// bodies: the cell's order is its lines'.
		slices.SortStableFunc(msgs, func(a, b found) int {
			if a.line != b.line {
				return a.line - b.line
			}
			return a.col - b.col
		})
		for _, m := range msgs[:min(len(msgs), MaxErrors)] {
			v.Errors = append(v.Errors, m.msg)
		}
		return v
	}
	if code, ok := c.inferTypeArgs(name, src, f, pkg, info); ok {
		v.Code = code
	}
	return v
}

// usedBeforeDeclared reports whether a statement or var declaration of
// the cell uses a var the cell declares further down. The file declares the cell's vars at
// package level, where order does not matter; the engine runs them in
// their place among the statements, as a function body would, where
// such a use fails or (a name an earlier cell declared too) sees the
// earlier var, of another type maybe. The file cannot judge the cell then,
// so the verdict is not sure.
func (c *Checker) usedBeforeDeclared(name string, f *ast.File, pkg *types.Package, info *types.Info) bool {
	// What runs in place: the statements and the cell's var declarations.
	type span struct{ from, to token.Pos }
	var inPlace []span
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "_" && d.Body != nil {
				inPlace = append(inPlace, span{d.Body.Lbrace, d.Body.Rbrace})
			}
		case *ast.GenDecl:
			if d.Tok == token.VAR && len(d.Specs) > 0 && c.fset.Position(d.Specs[0].Pos()).Filename == name {
				inPlace = append(inPlace, span{d.Pos(), d.End()})
			}
		}
	}
	before := func(a, b token.Position) bool {
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	}
	for id, obj := range info.Uses {
		v, ok := obj.(*types.Var)
		if !ok || v.Parent() != pkg.Scope() || !slices.ContainsFunc(inPlace, func(s span) bool {
			return s.from <= id.Pos() && id.Pos() < s.to
		}) {
			continue
		}
		decl := c.fset.Position(v.Pos())
		if decl.Filename == name && before(c.fset.Position(id.Pos()), decl) {
			return true
		}
	}
	return false
}

// ignoredErrors are Go's errors for what a notebook cell may do: leave a
// variable, import or label unused, and end with an expression (the
// cell's value; yaegi ignores any other unused expression too).
// (Substring tests, not a regexp: every error of the session's file goes
// through them on each check.)
func ignored(msg string) bool {
	for _, s := range []string{"declared and not used", "imported and not used", "defined and not used"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return strings.HasSuffix(msg, "is not used") ||
		strings.Contains(msg, "imported as ") && strings.HasSuffix(msg, " and not used")
}

// unsureErrors are errors where the cell's file and the engine's rules
// part: names declared twice (the engine lets a cell declare again, and
// which declaration the rest of the file sees is not the engine's),
// initialization cycles (the engine runs vars in order, as statements),
// methods added to an earlier cell's type, packages whose API is not
// embedded; and one value taken from a call with several (`name :=
// mt.Input("name? ")`), which yaegi allows, taking the first.
var unsureErrors = []string{"redeclared", "already declared", "no new variables",
	"initialization cycle", "cannot define new methods on non-local type", "could not import",
	"invalid use of internal package", "is not a package", "undefined: _gk",
	"in single-value context", "assignment mismatch: 1 variable but"}

func unsure(msg string) bool {
	for _, s := range unsureErrors {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// inCell reports whether pos is in the text of cell name, in its file f:
// not in the session's file (whose positions name the cells it came from,
// maybe one of the same name: an execution that does not count) nor in
// the header.
func (c *Checker) inCell(f *ast.File, name string, pos token.Pos) bool {
	return c.fset.File(pos) == c.fset.File(f.Pos()) && c.fset.Position(pos).Filename == name
}

// emptiedBody tells the errors of a session's function whose body the
// session file leaves out.
func emptiedBody(msg string) bool { return msg == "missing return" }

// checkCell checks the cell's file f with the session's declarations, as
// the session's package. A cell that declares names of its own is checked
// in one package with the session's file, less the declarations the cell
// makes again (so that the session's unexported fields and methods, and
// methods added to its types, are the cell's package's own); a var or
// const name the cell declares again is _ in the session's declaration.
func (c *Checker) checkCell(f *ast.File) (*types.Package, *types.Info, []types.Error) {
	if declaresNothing(f) {
		return c.typeCheck(f)
	}
	mine := map[string]bool{}
	for _, d := range f.Decls {
		for _, n := range cell.DeclNames(d) {
			mine[n] = true
		}
	}
	sess := *c.sf.file
	sess.Decls = nil
	for _, d := range c.sf.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if ok {
			if !mine[cell.DeclNames(fd)[0]] {
				sess.Decls = append(sess.Decls, d)
			}
			continue
		}
		gd := d.(*ast.GenDecl)
		kept := *gd
		kept.Specs = nil
		for _, sp := range gd.Specs {
			switch sp := sp.(type) {
			case *ast.TypeSpec:
				if !mine[sp.Name.Name] {
					kept.Specs = append(kept.Specs, sp)
				}
			case *ast.ValueSpec:
				// Names the cell declares again are _ here.
				vs := *sp
				vs.Names = make([]*ast.Ident, len(sp.Names))
				for i, n := range sp.Names {
					vs.Names[i] = n
					if mine[n.Name] {
						vs.Names[i] = &ast.Ident{NamePos: n.NamePos, Name: "_"}
					}
				}
				kept.Specs = append(kept.Specs, &vs)
			default:
				kept.Specs = append(kept.Specs, sp)
			}
		}
		if len(kept.Specs) > 0 || gd.Tok == token.IMPORT {
			sess.Decls = append(sess.Decls, &kept)
		}
	}
	var errs []types.Error
	info := newInfo()
	conf := c.config(func(e types.Error) { errs = append(errs, e) })
	pkg, _ := conf.Check("main", c.fset, []*ast.File{&sess, f}, info)
	return pkg, info, errs
}

// precheckFile is a cell written as a Go file by the engine's rules.
type precheckFile struct {
	text string
}

// buildPrecheck writes the file that Precheck checks: header, then the
// cell's imports, then its declarations at package level (a top-level
// `a, b := e` as `var a, b = e`, with the names an earlier `:=` of the
// cell declared written as _, as Go's := only assigns them), then the
// rest of the cell, in order, as the body of func _(). Every piece starts
// with a line directive naming its place in the cell. ok is false when
// the cell has a package clause in the middle or anything the split
// cannot place.
func buildPrecheck(name, header, src string) (*precheckFile, bool) {
	pieces := splitPieces(src)
	var b strings.Builder
	b.WriteString(header)
	body := []byte(src)
	blank := func(p piece) {
		for i := p.start; i < p.end; i++ {
			if body[i] != '\n' {
				body[i] = ' '
			}
		}
	}
	declared := map[string]bool{}
	for _, imp := range []bool{true, false} {
		for _, p := range pieces {
			switch {
			case p.kind == pieceImport && imp:
				b.WriteString(lineDirective(name, src, p.start))
				b.WriteString(src[p.start:p.end])
				b.WriteString("\n")
				blank(p)
			case p.kind == piecePackage && imp:
				blank(p)
			case p.kind == pieceDecl && !imp:
				b.WriteString(lineDirective(name, src, p.start))
				b.WriteString(src[p.start:p.end])
				b.WriteString("\n")
				blank(p)
				for _, n := range declNamesOf(src[p.start:p.end]) {
					declared[n] = true
				}
			case p.kind == pieceDefine && !imp:
				text, ok := defineAsVar(src[p.start:p.end], p.define-p.start, declared)
				if !ok {
					return nil, false
				}
				b.WriteString("var ")
				b.WriteString(lineDirective(name, src, p.start))
				b.WriteString(text)
				b.WriteString("\n")
				blank(p)
			}
		}
	}
	b.WriteString("func _() {\n")
	b.WriteString(lineDirective(name, src, 0))
	b.Write(body)
	b.WriteString("\n}\n")
	return &precheckFile{text: b.String()}, true
}

// declNamesOf returns the names a declaration's source declares at
// package level (methods not included).
func declNamesOf(src string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
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
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		}
	}
	return names
}

// defineAsVar turns `a, b := e` (at is the offset of :=) into `a, b = e`
// for a var declaration, replacing the names declared already by _ (of
// the same length, padded, so columns keep). It records the names it
// declares. ok is false when the left side is not a list of names.
func defineAsVar(text string, at int, declared map[string]bool) (string, bool) {
	lhs := text[:at]
	out := []byte(text)
	out[at], out[at+1] = '=', ' '
	var fresh []string
	off := 0
	for _, part := range strings.Split(lhs, ",") {
		n := strings.TrimSpace(part)
		if !token.IsIdentifier(n) && n != "_" {
			return "", false
		}
		if n != "_" && declared[n] {
			i := off + strings.Index(part, n)
			out[i] = '_'
			for j := i + 1; j < i+len(n); j++ {
				out[j] = ' '
			}
		} else if n != "_" {
			fresh = append(fresh, n)
		}
		off += len(part) + 1
	}
	for _, n := range fresh {
		declared[n] = true
	}
	return string(out), true
}

// pieceKind says where a top-level piece of a cell goes in its file.
type pieceKind int

const (
	pieceStmt    pieceKind = iota // a statement: the body of func _
	pieceImport                   // an import declaration
	pieceDecl                     // a func, method, type, const or var declaration
	pieceDefine                   // a top-level `a, b := e`: a var declaration
	piecePackage                  // a package clause, which the engine ignores
)

// piece is a top-level piece of a cell: from its first token to the end of
// its last, cut at the semicolons (explicit or automatic) outside brackets,
// as the cell engine cuts it.
type piece struct {
	kind       pieceKind
	start, end int
	define     int // pieceDefine: offset of :=
}

// splitPieces cuts a cell into its top-level pieces, as the engine cuts it
// (cell.Pieces), and tells a top-level `a, b := e` from other statements.
func splitPieces(src string) []piece {
	var out []piece
	for _, cp := range cell.Pieces(src) {
		p := piece{start: cp.Start, end: cp.End}
		switch cp.Kind {
		case cell.PieceImport:
			p.kind = pieceImport
		case cell.PieceDecl:
			p.kind = pieceDecl
		case cell.PiecePackage:
			p.kind = piecePackage
		default:
			if at, ok := defineAt(src[cp.Start:cp.End]); ok {
				p.kind, p.define = pieceDefine, cp.Start+at
			}
		}
		out = append(out, p)
	}
	return out
}

// defineAt returns the offset of := in a statement of the form
// `a, b := e` (names and commas, then :=).
func defineAt(stmt string) (int, bool) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(stmt))
	var s scanner.Scanner
	s.Init(file, []byte(stmt), nil, 0)
	for {
		pos, tok, _ := s.Scan()
		switch tok {
		case token.IDENT, token.COMMA:
			continue
		case token.DEFINE:
			return file.Offset(pos), true
		}
		return 0, false
	}
}
