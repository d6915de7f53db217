package main

import (
	"go/importer"
	"go/token"
	"strings"
	"testing"
)

// TestNames renders the names file of pkg/mt: package-level names, methods
// and fields of its types, and the package name.
func TestNames(t *testing.T) {
	pkg, err := importer.ForCompiler(token.NewFileSet(), "source", nil).Import("github.com/gokernel/gokernel/pkg/mt")
	if err != nil {
		t.Fatal(err)
	}
	src, err := renderNames("x/names", "go1.26", nil)
	if err != nil || !strings.Contains(string(src), "\npackage names\n") {
		t.Fatalf("empty names file: %v\n%s", err, src)
	}
	got := map[string]string{}
	for _, kv := range apiNames(pkg) {
		got[kv[0]] = kv[1]
	}
	for c, v := range map[string]string{
		"Mt": "mt", "MtNewPool": "NewPool", "MtPool_ApplyAsync": "ApplyAsync",
		"MtProcessOpts_Target": "Target", "MtHost_ChildCommand": "ChildCommand",
	} {
		if got[c] != v {
			t.Errorf("%s = %q; want %q", c, got[c], v)
		}
	}
	if _, ok := got["MtPool_resolve"]; ok {
		t.Error("an unexported method has a name")
	}
}
