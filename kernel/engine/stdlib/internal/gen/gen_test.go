package main

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestAlias(t *testing.T) {
	cases := map[string]string{
		"fmt":           "fmt",
		"math/rand/v2":  "math_rand_v2",
		"html/template": "html_template",
		"go/constant":   "go_constant",
	}
	for in, want := range cases {
		if got := alias(in); got != want {
			t.Errorf("alias(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMinorVersion(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"go1.26.8", "go1.26", true},
		{"go1.26", "go1.26", true},
		{"go1.27rc1", "go1.27", true},
		{"devel go1.27-abcdef", "", false},
	}
	for _, c := range cases {
		got, err := minorVersion(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("minorVersion(%q) = %q, %v; want %q, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestImportable(t *testing.T) {
	cases := map[string]bool{
		"fmt":                          true,
		"net/http/httptest":            true,
		"internal/abi":                 false,
		"crypto/internal/fips140/aes":  false,
		"vendor/golang.org/x/net/idna": false,
		"cmd/go":                       false,
	}
	for path, want := range cases {
		if got := importable(path); got != want {
			t.Errorf("importable(%q) = %v, want %v", path, got, want)
		}
	}
}

// sample type-checks testdata/sample.go as package "example.com/sample".
func sample(t *testing.T) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join("testdata", "sample.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("example.com/sample", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

func TestExtract(t *testing.T) {
	tab, err := extract(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	exprs := map[string]string{}
	for _, e := range tab.entries {
		exprs[e.key] = e.expr
	}
	const p = "example_com_sample."
	want := map[string]string{
		"Small":    "reflect.ValueOf(go_constant.MakeInt64(" + p + "Small))",
		"Huge":     "reflect.ValueOf(go_constant.MakeUint64(" + p + "Huge))",
		"Bigger":   `reflect.ValueOf(go_constant.MakeFromLiteral("1180591620717411303424", go_token.INT, 0))`,
		"Negative": "reflect.ValueOf(go_constant.MakeInt64(" + p + "Negative))",
		"Ratio":    `reflect.ValueOf(go_constant.MakeFromLiteral("1.5", go_token.FLOAT, 0))`,
		"Name":     "reflect.ValueOf(go_constant.MakeString(" + p + "Name))",
		"Yes":      "reflect.ValueOf(" + p + "Yes)",
		"Letter":   "reflect.ValueOf(go_constant.MakeInt64(" + p + "Letter))",
		"Typed":    "reflect.ValueOf(" + p + "Typed)",
		"Mode":     "reflect.ValueOf((*" + p + "Mode)(nil))",
		"Var":      "reflect.ValueOf(&" + p + "Var).Elem()",
		"Func":     "reflect.ValueOf(" + p + "Func)",
		"IntBox":   "reflect.ValueOf((*" + p + "IntBox)(nil))",
		"Shower":   "reflect.ValueOf((*" + p + "Shower)(nil))",
		"_Shower":  "reflect.ValueOf((*_example_com_sample_Shower)(nil))",
		"Reader":   "reflect.ValueOf((*" + p + "Reader)(nil))",
		"Leaky":    "reflect.ValueOf((*" + p + "Leaky)(nil))",
		"Empty":    "reflect.ValueOf((*" + p + "Empty)(nil))",
	}
	for key, w := range want {
		if got := exprs[key]; got != w {
			t.Errorf("%s: %s\nwant %s", key, got, w)
		}
	}
	if len(exprs) != len(want) {
		t.Errorf("entries %v, want the %d above", exprs, len(want))
	}
	if got := strings.Join(tab.skipped, " "); got != "Box Generic Number" {
		t.Errorf("skipped %q", got)
	}
	if len(tab.noWrap) != 1 || !strings.HasPrefix(tab.noWrap[0], "Leaky (method Get uses example.com/sample.secret") {
		t.Errorf("noWrap %q", tab.noWrap)
	}
	for _, imp := range []string{"example.com/sample", "reflect", "go/constant", "go/token", "unsafe"} {
		if !tab.imports[imp] {
			t.Errorf("import %s missing from %v", imp, tab.imports)
		}
	}

	if len(tab.wrappers) != 1 {
		t.Fatalf("wrappers %+v, want Shower only", tab.wrappers)
	}
	var methods []string
	for _, m := range tab.wrappers[0].methods {
		methods = append(methods, m.name+m.params+" "+m.results+" "+m.args)
	}
	wantMethods := []string{
		"Addr() (unsafe.Pointer) ()",
		"Show(a0 string, a1 ...any) (int, error) (a0, a1...)",
		"String() (string) ()",
	}
	if !slices.Equal(methods, wantMethods) {
		t.Errorf("methods\n%q\nwant\n%q", methods, wantMethods)
	}
}

// TestRender checks that the rendered files are valid, marked generated Go
// that declares what the package code expects.
func TestRender(t *testing.T) {
	tab, err := extract(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	table, err := renderTable(tab, "go1.99", "linux && amd64")
	if err != nil {
		t.Fatal(err)
	}
	unavailable, err := renderUnavailable(tab.path, "go1.99", "!(linux && amd64)")
	if err != nil {
		t.Fatal(err)
	}
	index, err := renderIndex([]indexEntry{{path: tab.path, name: tab.name, perPlatform: true}}, "go1.99")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		src   []byte
		decls []string // top-level names the file must declare
	}{
		{"table", table, []string{"load_example_com_sample", "avail_example_com_sample", "_example_com_sample_Shower"}},
		{"unavailable", unavailable, []string{"load_example_com_sample", "avail_example_com_sample"}},
		{"index", index, []string{"index", "goVersion"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := parser.ParseFile(token.NewFileSet(), c.name+".go", c.src, parser.ParseComments)
			if err != nil {
				t.Fatalf("%v\n%s", err, c.src)
			}
			if !ast.IsGenerated(f) || !strings.HasPrefix(string(c.src), marker) {
				t.Error("not marked as generated")
			}
			for _, name := range c.decls {
				if f.Scope.Lookup(name) == nil {
					t.Errorf("does not declare %s", name)
				}
			}
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "init" {
					t.Error("has an init function")
				}
			}
		})
	}
	if !strings.Contains(string(table), "//go:build linux && amd64\n") {
		t.Error("table lacks its build constraint")
	}
	if !strings.Contains(string(table), "if w.WString == nil {") {
		t.Error("String wrapper lacks its nil check")
	}
}

// TestWriteFiles checks that stale generated files go and others stay.
func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("z_old.go", marker+"from the go1.1 standard library. DO NOT EDIT.\n")
	write("zmine.go", "package stdlib // hand-written, starts with z\n")
	if err := writeFiles(dir, map[string][]byte{"z_new.go": []byte(marker)}); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"z_new.go", "zmine.go"}; !slices.Equal(names, want) {
		t.Errorf("files %v, want %v", names, want)
	}
}
