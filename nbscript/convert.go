package nbscript

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Options carries what Convert cannot read from the notebook.
type Options struct {
	// Name is the notebook's file name, for the program's header comment.
	Name string
	// Preload maps the names of the packages that cells use without an
	// import line to their import paths (the kernel's preloaded packages).
	Preload map[string]string
}

// stmtPart is a run of one cell's statements bound for func main.
type stmtPart struct {
	cell int    // index in cells
	text string // the statements (or comments)
	last bool   // the cell's last piece: its trailing expression is the cell's value
	code bool   // statements to analyse (not a comment block)
}

// Convert returns the Go program for the code cells of a notebook (see the
// package documentation). On a program that go/format cannot parse, it
// returns the unformatted program and an error saying why.
func Convert(cells []Cell, opts Options) ([]byte, error) {
	var imports []importSpec
	var decls []string
	var mainParts []stmtPart
	later := laterIdentifiers(cells)
	for i, c := range cells {
		label := fmt.Sprintf("cell %d", i+1)
		if c.ID != "" {
			label += " (" + c.ID + ")"
		}
		if c.tagged("skip-execution") {
			mainParts = append(mainParts, stmtPart{cell: i, text: commentAll(c.Source,
				label+" is tagged skip-execution: the notebook runs it only by hand (often unbounded), so it is left out")})
			continue
		}
		src, notGo := commentMagics(c.Source)
		if notGo {
			mainParts = append(mainParts, stmtPart{cell: i, text: "// " + label + "\n" + src})
			continue
		}
		pieces := splitCell(src)
		first := true
		for j, p := range pieces {
			switch p.kind {
			case kindImport:
				imports = append(imports, parseImports(p.text)...)
			case kindDecl:
				decls = append(decls, "// "+label+"\n"+strings.Trim(p.text, "\n"))
			case kindStmts:
				text := p.text
				if first {
					text = "// " + label + "\n" + strings.TrimLeft(text, "\n")
					first = false
				}
				if c.tagged("raises-exception") {
					mainParts = append(mainParts, failingCell(i, text, label, later[i])...)
					continue
				}
				mainParts = append(mainParts, stmtPart{cell: i, text: text, last: j == len(pieces)-1, code: true})
			case kindSkip:
				mainParts = append(mainParts, stmtPart{cell: i, text: p.text})
			}
		}
	}

	globals := declaredNames(decls)
	declared := map[string]bool{}
	for n := range globals {
		declared[n] = true
	}
	b := &mainBuilder{declared: declared, globals: globals, declUses: freeNames(decls)}
	for _, p := range mainParts {
		if !p.code {
			b.body.WriteString(strings.TrimRight(p.text, "\n") + "\n")
			continue
		}
		b.add(p.text, p.last, cells[p.cell].HasResult)
	}
	body := b.body.String()
	if usesProcesses.MatchString(body + strings.Join(decls, "\n")) {
		body = processMain(decls) + body
	}
	declText := strings.Join(append(b.hoisted, decls...), "\n\n")
	if b.println {
		imports = append(imports, importSpec{path: "fmt"})
	}
	program := func(body string) string {
		var out strings.Builder
		name := opts.Name
		if name == "" {
			name = "a gokernel notebook"
		}
		fmt.Fprintf(&out, "// Program converted from %s by `jupyter nbconvert --to script` (gokernel script).\n", name)
		out.WriteString("// Declarations of the cells come first, their statements run in main in cell order.\n")
		out.WriteString("// It imports github.com/gokernel/gokernel/pkg/...: build it in a module that requires gokernel.\n\n")
		out.WriteString("package main\n\n")
		out.WriteString(importBlock(imports, opts.Preload, declText+"\n"+body, globals))
		if declText != "" {
			out.WriteString(declText + "\n\n")
		}
		out.WriteString("func main() {\n" + body + "}\n")
		return out.String()
	}
	src := program(body)
	if fixed, ok := markUnused(src); ok {
		src = fixed
	}
	formatted, err := format.Source([]byte(src))
	if err != nil {
		return []byte(src), fmt.Errorf("nbscript: the program does not parse as Go: %w", err)
	}
	return formatted, nil
}

// declaredNames returns the names the package-level declarations declare.
func declaredNames(decls []string) map[string]bool {
	names := map[string]bool{}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+strings.Join(decls, "\n"), parser.SkipObjectResolution)
	if err != nil || f == nil {
		return names
	}
	for _, d := range f.Decls {
		for _, n := range declNames(d) {
			names[n] = true
		}
	}
	return names
}

// usesProcesses matches code that starts mt processes or process pools.
var usesProcesses = regexp.MustCompile(`\bmt\.\w*(Process|Pool)`)

// processMain returns the statement that a compiled program using mt
// processes needs first in main: mt.Main with every package-level function
// that has no type parameters, so that a child process (the program
// re-executed) finds its target by name and exits when done.
func processMain(decls []string) string {
	var funcs []string
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+strings.Join(decls, "\n"), parser.SkipObjectResolution)
	if err == nil {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Type.TypeParams == nil && fd.Name.Name != "init" {
				funcs = append(funcs, fd.Name.Name)
			}
		}
	}
	return "// A child process re-runs this program: mt.Main runs its target there and exits.\nmt.Main(" + strings.Join(funcs, ", ") + ")\n"
}

// freeNames returns the names the package-level declarations use without
// declaring them (locals and parameters aside).
func freeNames(decls []string) map[string]bool {
	names := map[string]bool{}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+strings.Join(decls, "\n"), 0)
	if err != nil || f == nil {
		return identifiers(strings.Join(decls, "\n")) // over-approximates
	}
	for _, id := range f.Unresolved {
		names[id.Name] = true
	}
	return names
}

// importSpec is one import: an optional name and a path.
type importSpec struct{ name, path string }

// parseImports returns the specs of an import declaration.
func parseImports(text string) []importSpec {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+text, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var specs []importSpec
	for _, s := range f.Imports {
		path, _ := strconv.Unquote(s.Path.Value)
		spec := importSpec{path: path}
		if s.Name != nil {
			spec.name = s.Name.Name
		}
		specs = append(specs, spec)
	}
	return specs
}

// localName is the name under which an import is used.
func (s importSpec) localName() string {
	if s.name != "" {
		return s.name
	}
	elems := strings.Split(s.path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = elems[len(elems)-2] // math/rand/v2
	}
	last, _, _ = strings.Cut(last, ".") // gopkg.in/yaml.v3
	return strings.ReplaceAll(strings.TrimPrefix(last, "go-"), "-", "_")
}

// importBlock merges the imports, adds the preloaded packages code uses
// without importing them, and drops the imports code does not use.
func importBlock(specs []importSpec, preload map[string]string, code string, globals map[string]bool) string {
	used := qualifiers(code)
	seen := map[importSpec]bool{}
	names := map[string]bool{}
	var keep []importSpec
	for _, s := range specs {
		n := s.localName()
		if seen[s] || (s.name != "_" && s.name != "." && !used[n]) {
			continue
		}
		seen[s], names[n] = true, true
		keep = append(keep, s)
	}
	for name, path := range preload {
		if used[name] && !names[name] && !globals[name] {
			keep = append(keep, importSpec{path: path})
			names[name] = true
		}
	}
	if len(keep) == 0 {
		return ""
	}
	sort.Slice(keep, func(i, j int) bool { return keep[i].path < keep[j].path })
	var b bytes.Buffer
	b.WriteString("import (\n")
	for _, s := range keep {
		if s.name != "" {
			b.WriteString("\t" + s.name + " ")
		} else {
			b.WriteString("\t")
		}
		b.WriteString(strconv.Quote(s.path) + "\n")
	}
	b.WriteString(")\n\n")
	return b.String()
}

// laterIdentifiers returns, for each cell, the identifiers that the cells
// after it use (skip-execution cells aside).
func laterIdentifiers(cells []Cell) []map[string]bool {
	later := make([]map[string]bool, len(cells))
	acc := map[string]bool{}
	for i := len(cells) - 1; i >= 0; i-- {
		later[i] = maps.Clone(acc)
		if !cells[i].tagged("skip-execution") {
			maps.Copy(acc, identifiers(cells[i].Source))
		}
	}
	return later
}

// failingCell returns the parts for the statements of a cell tagged
// raises-exception: commented out with a note, except the `x := e` whose
// variables later cells use (those cells would not compile without them).
func failingCell(cell int, text, label string, later map[string]bool) []stmtPart {
	note := label + " is tagged raises-exception: it fails on purpose in the notebook, so its statements are left out"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", bodyPrefix+text+bodySuffix, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return []stmtPart{{cell: cell, text: commentAll(strings.Trim(text, "\n"), note)}}
	}
	tf := fset.File(f.Package)
	off := func(p token.Pos) int { return tf.Offset(p) - len(bodyPrefix) }
	var parts []stmtPart
	start := 0 // text before start is in parts already
	for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		keep := false
		for _, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && later[id.Name] {
				keep = true
			}
		}
		if !keep {
			continue
		}
		if before := strings.Trim(text[start:off(as.Pos())], "\n\t "); before != "" {
			parts = append(parts, stmtPart{cell: cell, text: commentAll(before, note)})
		}
		parts = append(parts, stmtPart{cell: cell, text: "// " + label + ": kept, later cells use it\n" + text[off(as.Pos()):off(as.End())], code: true})
		start = off(as.End())
	}
	if rest := strings.Trim(text[start:], "\n\t "); rest != "" {
		parts = append(parts, stmtPart{cell: cell, text: commentAll(rest, note)})
	}
	return parts
}
