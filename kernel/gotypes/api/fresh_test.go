package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOwnPackagesFresh compares the exported package-level names of the
// embedded coro, mt and display with their sources: a name added or removed
// there needs `go generate ./kernel/gotypes/api`.
func TestOwnPackagesFresh(t *testing.T) {
	u := NewUniverse()
	for _, name := range []string{"coro", "mt", "display"} {
		dir := filepath.Join("..", "..", "..", "pkg", name)
		want := exportedNames(t, dir)
		p, err := u.Import("github.com/gokernel/gokernel/pkg/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range p.Scope().Names() {
			if token.IsExported(n) {
				got = append(got, n)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("pkg/%s: the embedded API is stale: run go generate ./kernel/gotypes/api\nembedded: %v\nsource:   %v", name, got, want)
		}
	}
}

// exportedNames returns the sorted exported package-level names declared in
// the non-test Go files of dir (for linux).
func exportedNames(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") ||
			strings.Contains(n, "_windows") || strings.Contains(n, "_darwin") || strings.Contains(n, "_other") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, n), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					seen[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						if sp.Name.IsExported() {
							seen[sp.Name.Name] = true
						}
					case *ast.ValueSpec:
						for _, id := range sp.Names {
							if id.IsExported() {
								seen[id.Name] = true
							}
						}
					}
				}
			}
		}
	}
	var out []string
	for n := range seen {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
