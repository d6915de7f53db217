package stdlib

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestLazyBuild checks, in a fresh process, that no table exists before the
// first call, that Load builds only what it is asked for, that Symbols
// builds every table once, and what that costs.
func TestLazyBuild(t *testing.T) {
	out, code := runChild(t, "lazy")
	if code != 0 {
		t.Fatalf("child exit code %d: %s", code, out)
	}
	var r lazyReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("child output %q: %v", out, err)
	}
	t.Logf("first Symbols(): %d packages, %d symbols, %.1f ms, %d bytes in %d allocations, RSS %d -> %d kB",
		r.Available, r.Symbols, float64(r.FirstNanos)/1e6, r.FirstBytes, r.FirstMallocs, r.RSSBefore>>10, r.RSSAfter>>10)
	if r.BuiltAtStart != 0 {
		t.Errorf("%d tables built before any call, want 0", r.BuiltAtStart)
	}
	if r.BuiltAfterLoad != 1 {
		t.Errorf("Load(\"fmt\") left %d tables built, want 1", r.BuiltAfterLoad)
	}
	if r.BuiltAfterAll != r.Available {
		t.Errorf("Symbols() left %d tables built, want %d", r.BuiltAfterAll, r.Available)
	}
	// A map entry holds a 16-byte string header and a 24-byte reflect.Value,
	// so building the tables must allocate at least 40 bytes per symbol:
	// if it allocates less, the work was done before the call.
	if min := uint64(40 * r.Symbols); r.FirstBytes < min {
		t.Errorf("first Symbols() allocated %d bytes, want >= %d for %d symbols", r.FirstBytes, min, r.Symbols)
	}
	// The second call allocates only the outer map and MapTypes.
	if r.AgainBytes*10 > r.FirstBytes {
		t.Errorf("second Symbols() allocated %d bytes, want < 10%% of the first (%d): tables not cached",
			r.AgainBytes, r.FirstBytes)
	}
}

// TestGeneratedCode parses the package's own files and checks that nothing
// can run at program start: no init function, and no package-level variable
// whose value needs a call, a map or a closure. It also checks that the
// generated files say so.
func TestGeneratedCode(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	generated := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "z") {
			generated++
			if !ast.IsGenerated(f) {
				t.Errorf("%s: no \"Code generated ... DO NOT EDIT.\" line", name)
			}
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Name.Name == "init" && d.Recv == nil {
					t.Errorf("%s: func init at %v", name, fset.Position(d.Pos()))
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, spec := range d.Specs {
					for _, value := range spec.(*ast.ValueSpec).Values {
						checkStatic(t, fset, value)
					}
				}
			}
		}
	}
	if generated < len(index) {
		t.Errorf("%d generated files, want at least one per package (%d)", generated, len(index))
	}
}

// checkStatic reports parts of the initial value of a package-level variable
// that make it run code at program start: calls (conversions too, to keep it
// simple), closures and map literals.
func checkStatic(t *testing.T, fset *token.FileSet, value ast.Expr) {
	t.Helper()
	ast.Inspect(value, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			t.Errorf("package-level variable needs code at start: %v", fset.Position(n.Pos()))
		case *ast.MapType:
			t.Errorf("package-level map at %v", fset.Position(n.Pos()))
		}
		return true
	})
}

// TestGoVersion fails when the toolchain is not the Go release the tables
// were generated from: run `go generate` in this directory.
func TestGoVersion(t *testing.T) {
	v := runtime.Version()
	if v != goVersion && !strings.HasPrefix(v, goVersion+".") && !strings.HasPrefix(v, goVersion+"rc") {
		t.Errorf("tables are for %s but the toolchain is %s: run go generate", goVersion, v)
	}
}

// TestIndex checks the invariants find and Packages rely on.
func TestIndex(t *testing.T) {
	for i := range index {
		e := &index[i]
		if i > 0 && index[i-1].path >= e.path {
			t.Errorf("index not sorted: %q before %q", index[i-1].path, e.path)
		}
		if j, ok := find(e.path); !ok || j != i {
			t.Errorf("find(%q) = %d, %v; want %d, true", e.path, j, ok, i)
		}
		if e.ok && table(i) == nil {
			t.Errorf("%s: available but the loader returned nil", e.path)
		}
	}
	if _, ok := find("no/such/package"); ok {
		t.Error("find of an unknown path succeeded")
	}
	_, tooLow := find("")
	_, tooHigh := find("zzz")
	if tooLow || tooHigh {
		t.Error("find succeeded outside the index")
	}
}
