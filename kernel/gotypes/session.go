package gotypes

import (
	"slices"

	"github.com/gokernel/gokernel/kernel/engine/cell"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// Decl is one declaration of the session as the interpreter logged it for
// replay: Kind is "import", "func", "type", "var" or "const"; Src is Go
// source with /*line cell[N]/_.go:L:C*/ directives that point into the
// cell it came from. A var's Src is statements (a var declaration, then
// maybe assignments).
type Decl struct {
	Kind  string
	Names []string
	Src   string
}

// Session is what the checker needs to know of the running session.
type Session interface {
	// Declarations returns the session's declarations in order and a
	// number that changes whenever they change.
	Declarations() (gen uint64, decls []Decl)
	// CellSource returns the text of an executed cell by the name its
	// positions use ("cell[3]").
	CellSource(name string) (string, bool)
}

// sessionFile is the session's declarations as one parsed file, with the
// bodies of functions emptied (only their signatures matter to a cell).
type sessionFile struct {
	gen     uint64
	file    *ast.File
	imports []string // the import declarations' sources
	names   map[string]bool
	// dropped: a declaration was left out (it did not parse as Go), and
	// errs are go/types' errors of the file; either makes the session's
	// types unsure (Precheck).
	dropped bool
	errs    []types.Error
}

// parseSession builds the session file from decls on fset.
func parseSession(fset *token.FileSet, gen uint64, decls []Decl) *sessionFile {
	sf := &sessionFile{gen: gen, names: map[string]bool{}}
	var b strings.Builder
	b.WriteString("package main\n")
	for _, d := range decls {
		if d.Kind == "import" {
			sf.imports = append(sf.imports, d.Src)
			b.WriteString(d.Src)
			b.WriteString("\n")
		}
	}
	for _, d := range decls {
		var src string
		switch d.Kind {
		case "import":
			continue
		case "var":
			src = varDecls(d.Src)
		default:
			src = d.Src
		}
		if src == "" || !parses(src) {
			sf.dropped = true
			continue
		}
		for _, n := range d.Names {
			sf.names[n] = true
		}
		b.WriteString(src)
		b.WriteString("\n")
	}
	f, _ := parser.ParseFile(fset, "session.go", b.String(), parser.SkipObjectResolution)
	if f == nil {
		f = &ast.File{Name: ast.NewIdent("main")}
	}
	keepLast(f)
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			fd.Body = &ast.BlockStmt{Lbrace: fd.Body.Lbrace, Rbrace: fd.Body.Rbrace}
		}
	}
	sf.file = f
	return sf
}

// parses reports whether src parses as top-level declarations.
func parses(src string) bool {
	_, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+src, parser.SkipObjectResolution)
	return err == nil
}

// varDecls returns the var declarations of a var's source (statements),
// as top-level source, dropping the statements that follow them.
func varDecls(src string) string {
	const pre = "package p\nfunc _() {\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", pre+src+"\n}", parser.SkipObjectResolution)
	if err != nil || len(f.Decls) == 0 {
		return ""
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	var b strings.Builder
	last := 0
	for _, st := range body.List {
		ds, ok := st.(*ast.DeclStmt)
		if !ok {
			continue
		}
		start := fset.Position(ds.Pos()).Offset - len(pre)
		end := fset.Position(ds.End()).Offset - len(pre)
		// Keep the line directives before the declaration.
		if i := strings.LastIndex(src[last:start], "/*line "); i >= 0 {
			dir := src[last+i : start]
			if j := strings.Index(dir, "*/"); j >= 0 {
				b.WriteString(dir[:j+2])
			}
		}
		b.WriteString(src[start:end])
		b.WriteString("\n")
		last = end
	}
	return b.String()
}

// keepLast drops from the session file what a later declaration declares
// again, as the interpreter's session does: a func, method or type
// declared again is left out, and a var or const name declared again is
// written _ in the earlier declaration (`srv, err := ...` then
// `dir, err := ...` keep srv).
func keepLast(f *ast.File) {
	seen := map[string]bool{}
	var kept []ast.Decl
	for i := len(f.Decls) - 1; i >= 0; i-- {
		switch d := f.Decls[i].(type) {
		case *ast.FuncDecl:
			k := cell.DeclNames(d)[0]
			if seen[k] {
				continue
			}
			seen[k] = true
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				break
			}
			specs := d.Specs[:0]
			for _, sp := range d.Specs {
				switch sp := sp.(type) {
				case *ast.TypeSpec:
					if seen[sp.Name.Name] {
						continue
					}
					seen[sp.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range sp.Names {
						if n.Name == "_" {
							continue
						}
						if seen[n.Name] {
							n.Name = "_"
						} else {
							seen[n.Name] = true
						}
					}
				}
				specs = append(specs, sp)
			}
			if len(specs) == 0 {
				continue
			}
			d.Specs = specs
		}
		kept = append(kept, f.Decls[i])
	}
	slices.Reverse(kept)
	f.Decls = kept
}
