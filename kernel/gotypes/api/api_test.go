package api

import (
	"go/types"
	"strings"
	"testing"
)

func TestImportAndDoc(t *testing.T) {
	u := NewUniverse()
	tests := []struct {
		path, member, sig, doc string
	}{
		{"fmt", "Println", "func fmt.Println(a ...any) (n int, err error)", "Println formats"},
		{"time", "Sleep", "func time.Sleep(d time.Duration)", "Sleep pauses"},
		{"github.com/gokernel/gokernel/pkg/mt", "NewPool", "func github.com/gokernel/gokernel/pkg/mt.NewPool(", "NewPool"},
		{"github.com/gokernel/gokernel/pkg/coro", "NewGenerator", "func github.com/gokernel/gokernel/pkg/coro.NewGenerator(", "NewGenerator"},
		{"github.com/gokernel/gokernel/pkg/display", "HTML", "", ""},
	}
	for _, tt := range tests {
		p, err := u.Import(tt.path)
		if err != nil {
			t.Fatalf("Import(%q): %v", tt.path, err)
		}
		obj := p.Scope().Lookup(tt.member)
		if obj == nil {
			t.Errorf("%s has no %s", tt.path, tt.member)
			continue
		}
		if got := types.ObjectString(obj, nil); !strings.HasPrefix(got, tt.sig) {
			t.Errorf("%s.%s = %q, want prefix %q", tt.path, tt.member, got, tt.sig)
		}
		if d := u.Doc(tt.path, tt.member); !strings.HasPrefix(d, tt.doc) {
			t.Errorf("doc of %s.%s = %q, want prefix %q", tt.path, tt.member, d, tt.doc)
		}
	}
	if d := u.Doc("strings", "Builder.WriteString"); !strings.Contains(d, "WriteString appends") {
		t.Errorf("method doc = %q", d)
	}
	if _, err := u.Import("no/such/pkg"); err == nil || !strings.Contains(err.Error(), "no/such/pkg") {
		t.Errorf("Import of an unknown path: err = %v", err)
	}
}

// TestPackagesShareTypes checks that two packages imported apart agree on
// the identity of a type both use.
func TestPackagesShareTypes(t *testing.T) {
	u := NewUniverse()
	bufio, _ := u.Import("bufio")
	io, _ := u.Import("io")
	nr := bufio.Scope().Lookup("NewReader").Type().(*types.Signature)
	if !types.Identical(nr.Params().At(0).Type(), io.Scope().Lookup("Reader").Type()) {
		t.Errorf("bufio.NewReader's parameter is not io.Reader: %v", nr.Params().At(0).Type())
	}
}

func TestPackagesIndex(t *testing.T) {
	ps := Packages()
	if len(ps) < 150 {
		t.Fatalf("only %d packages", len(ps))
	}
	if n, ok := Name("github.com/gokernel/gokernel/pkg/coro"); !ok || n != "coro" {
		t.Errorf("Name(coro) = %q, %v", n, ok)
	}
}

// TestEveryPackageImports imports every package of the index.
func TestEveryPackageImports(t *testing.T) {
	u := NewUniverse()
	for _, p := range Packages() {
		tp, err := u.Import(p.Path)
		if err != nil {
			t.Errorf("%s: %v", p.Path, err)
			continue
		}
		if tp.Name() != p.Name {
			t.Errorf("%s: name %q, index says %q", p.Path, tp.Name(), p.Name)
		}
	}
}
