package engine

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"slices"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// declLog is the Session's declarations in evaluation order: what a new
// interpreter must evaluate to reach the same definitions. A declaration
// that declares again all the names of an earlier one takes its place (see
// record); everything else is appended.
type declLog struct {
	entries []*entry
}

// entry is one logged declaration. Its source may hold several top-level
// declarations (the rewriter groups a cell's funcs, types and consts so
// that they may refer to each other): parts, one per declaration.
type entry struct {
	Decl
	parts  []part
	idents map[string]bool // identifiers Src mentions
}

// part is one top-level declaration of an entry.
type part struct {
	names []string // methods as "T.M"
	kind  string   // "import", "func", "type", "var" or "const"
	src   string   // its text in the entry's Src, with the directives before it
	code  string   // its tokens without comments: equal code, equal definition
}

func newEntry(d Decl) *entry {
	e := &entry{Decl: d, idents: map[string]bool{}}
	scanCode(d.Src, e.idents)
	e.parts = splitParts(d)
	return e
}

// splitParts cuts a declaration's source into its top-level declarations.
// A source that does not parse is one part.
func splitParts(d Decl) []part {
	whole := []part{{names: d.Names, kind: d.Kind, src: d.Src, code: scanCode(d.Src, nil)}}
	if d.Kind == "import" {
		return whole
	}
	const prefix = "package main\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", prefix+d.Src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) == 0 {
		return whole
	}
	var parts []part
	start := 0
	for i, decl := range f.Decls {
		end := fset.File(decl.End()).Offset(decl.End()) - len(prefix)
		if i == len(f.Decls)-1 {
			end = len(d.Src)
		}
		src := d.Src[start:end]
		names, kind := declared(decl)
		parts = append(parts, part{names: names, kind: kind, src: src, code: scanCode(src, nil)})
		start = end
	}
	return parts
}

// declared returns the names (cell.DeclNames) and kind of a top-level
// declaration: "func", or its token ("var", "const", "type").
func declared(d ast.Decl) ([]string, string) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return cell.DeclNames(d), "func"
	case *ast.GenDecl:
		return cell.DeclNames(d), strings.ToLower(d.Tok.String())
	}
	return nil, ""
}

// partOf returns the part of e declaring name.
func (e *entry) partOf(name string) *part {
	for i := range e.parts {
		if slices.Contains(e.parts[i].names, name) {
			return &e.parts[i]
		}
	}
	return nil
}

// hasMethod reports whether e declares a method.
func (e *entry) hasMethod() bool {
	for _, p := range e.parts {
		for _, n := range p.names {
			if strings.Contains(n, ".") {
				return true
			}
		}
	}
	return false
}

// scanCode returns src's tokens separated by spaces, comments (and so line
// directives) left out, and adds its identifiers to idents if not nil.
func scanCode(src string, idents map[string]bool) string {
	fset := token.NewFileSet()
	f := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(f, []byte(src), nil, 0)
	var b strings.Builder
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		if tok == token.IDENT && idents != nil {
			idents[lit] = true
		}
		if lit == "" {
			lit = tok.String()
		}
		b.WriteString(lit)
		b.WriteByte(' ')
	}
	return b.String()
}

// lookup returns the latest entry declaring name as kind ("" for any kind)
// and the part that does.
func (l *declLog) lookup(kind, name string) (*entry, *part) {
	for i := len(l.entries) - 1; i >= 0; i-- {
		e := l.entries[i]
		if e.Kind == "import" {
			continue
		}
		if p := e.partOf(name); p != nil && (kind == "" || p.kind == kind) {
			return e, p
		}
	}
	return nil, nil
}

// referenced reports whether an entry that does not declare name mentions
// it: compiled code that yaegi binds to a name's definition at compile
// time. It over-approximates (a local variable of the same name counts).
func (l *declLog) referenced(name string) bool {
	for _, e := range l.entries {
		if e.idents[name] && e.partOf(name) == nil {
			return true
		}
	}
	return false
}

// record adds d and returns its entry. The parts of earlier entries that
// declare only names d declares again are superseded: an entry left with no
// part is replaced by d (the first such) or removed; an entry left with
// some parts keeps them. If d replaced nothing it goes at the end. Imports,
// init funcs and blank names are always appended and supersede nothing.
func (l *declLog) record(d Decl) *entry {
	e := newEntry(d)
	names := replacing(d)
	if len(names) == 0 {
		l.entries = append(l.entries, e)
		return e
	}
	kept := make([]*entry, 0, len(l.entries)+1)
	placed := false
	for _, old := range l.entries {
		rest := old.without(names)
		switch {
		case rest == old:
			kept = append(kept, old)
		case rest != nil:
			kept = append(kept, rest)
		case !placed:
			kept = append(kept, e)
			placed = true
		}
	}
	if !placed {
		kept = append(kept, e)
	}
	l.entries = kept
	return e
}

// without returns e less its parts all of whose names are in names: e
// itself if no part goes, nil if all do.
func (e *entry) without(names []string) *entry {
	if e.Kind == "import" {
		return e
	}
	var keep []part
	for _, p := range e.parts {
		if !covers(names, p.names) {
			keep = append(keep, p)
		}
	}
	switch len(keep) {
	case len(e.parts):
		return e
	case 0:
		return nil
	}
	d := Decl{Kind: keep[0].kind}
	var src strings.Builder
	for _, p := range keep {
		d.Names = append(d.Names, p.names...)
		src.WriteString(p.src)
	}
	d.Src = src.String()
	return newEntry(d)
}

// replacing returns the names through which d supersedes earlier
// declarations: none for imports; never init or the blank name.
func replacing(d Decl) []string {
	if d.Kind == "import" {
		return nil
	}
	var names []string
	for _, n := range d.Names {
		if n != "_" && n != "init" {
			names = append(names, n)
		}
	}
	return names
}

// covers reports whether every name of old is in names.
func covers(names, old []string) bool {
	for _, n := range old {
		if !slices.Contains(names, n) {
			return false
		}
	}
	return len(old) > 0
}

// clone returns a copy of l that record can change independently.
func (l *declLog) clone() *declLog {
	return &declLog{entries: slices.Clone(l.entries)}
}

// drop removes the given entries.
func (l *declLog) drop(gone map[*entry]error) {
	l.entries = slices.DeleteFunc(l.entries, func(e *entry) bool {
		_, ok := gone[e]
		return ok
	})
}

// decls returns the logged declarations in order.
func (l *declLog) decls() []Decl {
	ds := make([]Decl, len(l.entries))
	for i, e := range l.entries {
		ds[i] = e.Decl
	}
	return ds
}
