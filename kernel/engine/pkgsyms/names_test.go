package pkgsyms_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
)

// TestNamesMatchTables checks that names/znames.go and the symbol tables
// come from the same generation: every package-level name of each table
// has its constant (CoroSpawn = "Spawn") and every such constant names a
// symbol of the table, so that code using the constants (the rewriter, the
// engine) names only what cells can call.
func TestNamesMatchTables(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "names/znames.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{} // constant name -> value
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			v, _ := strconv.Unquote(vs.Values[0].(*ast.BasicLit).Value)
			consts[vs.Names[0].Name] = v
		}
	}
	syms := pkgsyms.Symbols()
	for _, p := range pkgsyms.Packages() {
		name := path.Base(p)
		prefix := strings.ToUpper(name[:1]) + name[1:]
		if consts[prefix] != name {
			t.Errorf("names lacks %s = %q", prefix, name)
		}
		table := syms[p+"/"+name]
		for sym := range table {
			if strings.HasPrefix(sym, "_") {
				continue // an interface wrapper
			}
			if consts[prefix+sym] != sym {
				t.Errorf("names lacks %s%s: run go generate", prefix, sym)
			}
		}
		for c, v := range consts {
			rest, ok := strings.CutPrefix(c, prefix)
			if !ok || rest == "" || strings.Contains(rest, "_") || prefixOfOther(c, prefix) {
				continue
			}
			if _, ok := table[v]; !ok || rest != v {
				t.Errorf("names has %s = %q, which %s's table lacks: run go generate", c, v, name)
			}
		}
	}
}

// prefixOfOther reports whether c starts with prefix only because it
// belongs to another package whose name starts like this one's.
func prefixOfOther(c, prefix string) bool {
	for _, p := range pkgsyms.Packages() {
		name := path.Base(p)
		other := strings.ToUpper(name[:1]) + name[1:]
		if len(other) > len(prefix) && strings.HasPrefix(other, prefix) && strings.HasPrefix(c, other) {
			return true
		}
	}
	return false
}
