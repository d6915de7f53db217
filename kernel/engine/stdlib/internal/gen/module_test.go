package main

import (
	"go/importer"
	"go/token"
	"strings"
	"testing"
)

// TestModulePackages renders the table of one of this module's packages as
// the pkgsyms generation does (-pkg pkgsyms path...).
func TestModulePackages(t *testing.T) {
	savedPkg, savedPaths := outPkg, modulePaths
	defer func() { outPkg, modulePaths = savedPkg, savedPaths }()
	const path = "github.com/gokernel/gokernel/pkg/coro"
	outPkg, modulePaths = "pkgsyms", []string{path}

	pkg, err := importer.ForCompiler(token.NewFileSet(), "source", nil).Import(path)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := extract(pkg)
	if err != nil {
		t.Fatal(err)
	}
	src, err := renderTable(tab, "go1.26", "")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for _, want := range []string{
		marker + "from packages " + path + " (go1.26). DO NOT EDIT.",
		"\npackage pkgsyms\n",
		"reflect.ValueOf(github_com_gokernel_gokernel_pkg_coro.NewGenerator)",
		"type _github_com_gokernel_gokernel_pkg_coro_Iterator struct",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("generated table lacks %q", want)
		}
	}
	idx, err := renderIndex([]indexEntry{{path: path, name: "coro"}}, "go1.26")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(idx), "package pkgsyms") || strings.Contains(string(idx), "standard library") {
		t.Errorf("index:\n%s", idx)
	}
}
