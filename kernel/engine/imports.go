package engine

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
)

// importKey identifies one import spec: yaegi rejects importing the same
// path under the same name twice ("fmt/_.go redeclared in this block"), so
// the engine drops specs whose key the interpreter has seen.
type importKey struct {
	name string // as written: "" for the default name, "_", ".", or an alias
	path string
}

// importSpec is one spec of an import declaration with its cell position.
type importSpec struct {
	key importKey
	pos token.Position // adjusted by the source's //line directives
}

// parseImports returns the specs of an import chunk's source.
func parseImports(src string) ([]importSpec, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package main\n"+src, parser.ImportsOnly)
	if err != nil {
		return nil, err
	}
	var specs []importSpec
	for _, is := range f.Imports {
		path, err := strconv.Unquote(is.Path.Value)
		if err != nil {
			return nil, err
		}
		k := importKey{path: path}
		if is.Name != nil {
			k.name = is.Name.Name
		}
		specs = append(specs, importSpec{key: k, pos: fset.Position(startOf(is))})
	}
	return specs, nil
}

func startOf(is *ast.ImportSpec) token.Pos {
	if is.Name != nil {
		return is.Name.Pos()
	}
	return is.Path.Pos()
}

// importSource renders specs as import declarations, each after a //line
// directive giving its cell position.
func importSource(specs []importSpec) string {
	var b strings.Builder
	for _, s := range specs {
		if s.pos.Filename != "" {
			fmt.Fprintf(&b, "\n//line %s:%d:%d\n", s.pos.Filename, s.pos.Line, s.pos.Column)
		} else {
			b.WriteString("\n")
		}
		b.WriteString("import ")
		if s.key.name != "" {
			b.WriteString(s.key.name + " ")
		}
		b.WriteString(strconv.Quote(s.key.path))
	}
	return b.String()
}

// newImports filters an import chunk down to the specs the machine has not
// imported. It returns the source to evaluate ("" when nothing is left),
// the keys it imports and their paths. The first import of a generic
// standard package compiles the kernel's versions of them (loadGeneric).
func (m *machine) newImports(src string) (string, []importKey, []string, error) {
	specs, err := parseImports(src)
	if err != nil {
		return "", nil, nil, err
	}
	var keep []importSpec
	var keys []importKey
	var paths []string
	seen := map[importKey]bool{}
	for _, s := range specs {
		if m.imported[s.key] || seen[s.key] {
			continue
		}
		seen[s.key] = true
		keep = append(keep, s)
		keys = append(keys, s.key)
		paths = append(paths, s.key.path)
	}
	if len(keep) == 0 {
		return "", nil, nil, nil
	}
	if err := m.loadGeneric(paths); err != nil { // generics.go
		return "", nil, nil, err
	}
	if len(keep) == len(specs) {
		return src, keys, paths, nil
	}
	return importSource(keep), keys, paths, nil
}
