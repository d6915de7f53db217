package engine

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/internal/modfetch"
	"github.com/gokernel/gokernel/internal/modfetch/modtest"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
)

// sourcesSession is a Session whose imports of example.com modules are
// served, as source, by a test module proxy.
func sourcesSession(t *testing.T) (*Session, *modfetch.Resolver) {
	t.Helper()
	p := modtest.New(t)
	p.Add("example.com/greet", "v1.0.0", map[string]string{
		"go.mod": "module example.com/greet\n\ngo 1.22\n\nrequire example.com/words v1.2.0\n",
		"greet.go": "// Package greet says hello.\npackage greet\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/words/en\"\n" +
			"\t\"golang.org/x/sync/errgroup\"\n)\n\n" +
			"type Greeter struct{ Name string }\n\n" +
			"func (g Greeter) Hello() string { return fmt.Sprintf(\"%s, %s!\", en.Hello, g.Name) }\n\n" +
			"func Group() *errgroup.Group { return new(errgroup.Group) }\n",
	})
	p.Add("example.com/words", "v1.2.0", map[string]string{
		"go.mod":   "module example.com/words\n\ngo 1.22\n",
		"en/en.go": "package en\n\nconst Hello = \"Hello\"\n",
	})
	p.Add("example.com/broken", "v0.3.0", map[string]string{
		"go.mod":    "module example.com/broken\n\ngo 1.22\n",
		"ok.go":     "package broken\n\nfunc OK() int { return 1 }\n",
		"bigger.go": "package broken\n\nfunc Bigger(a, b int) int {\n\treturn max(a, b)\n}\n",
	})
	cfg := modfetch.Config{Proxies: []modfetch.Proxy{{URL: p.URL}}, SumDB: "off", CacheDir: t.TempDir(), HTTP: http.DefaultClient}
	r := modfetch.NewResolver(modfetch.NewFetcher(cfg))
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { null.Close() })
	s, err := New(Options{Stdout: null, Stderr: null, Sources: r, Symbols: pkgsyms.Tables()})
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

func TestImportModuleFromSource(t *testing.T) {
	s, r := sourcesSession(t)
	out := s.Exec(context.Background(), "cell[1]", "import \"example.com/greet\"\n\ng := greet.Greeter{Name: \"Go\"}\ng.Hello()")
	if out.Err != nil {
		t.Fatal(errorText(out.Err))
	}
	if out.Value == nil || out.Value.Text != `"Hello, Go!"` {
		t.Fatalf("value %+v", out.Value)
	}
	// errgroup is compiled in for cells; a module's import of it needs no
	// download either (the symbol table serves it).
	if got := r.Loaded(); len(got) != 2 {
		t.Errorf("loaded %v, want greet and words only", got)
	}
	// A replayed session (a new worker) finds the module again.
	if _, errs := s.Replay(context.Background(), out.Decls); len(errs) != 0 {
		t.Fatalf("replay: %v", errs)
	}
}

func TestModuleYaegiCannotInterpretNamesFile(t *testing.T) {
	s, _ := sourcesSession(t)
	out := s.Exec(context.Background(), "cell[1]", "import \"example.com/broken\"")
	if out.Err == nil {
		t.Fatal("importing a package yaegi cannot interpret succeeded")
	}
	msg := errorText(out.Err)
	for _, want := range []string{"example.com/broken@v0.3.0/bigger.go:4:", "max", "interpreted from source by yaegi"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	// The session goes on.
	if out := s.Exec(context.Background(), "cell[2]", "1 + 1"); out.Err != nil || out.Value.Text != "2" {
		t.Fatalf("next cell: %+v", out)
	}
}

func TestImportModuleNotFound(t *testing.T) {
	s, _ := sourcesSession(t)
	out := s.Exec(context.Background(), "cell[1]", "import \"example.com/nothere/pkg\"")
	if out.Err == nil || !strings.Contains(errorText(out.Err), `import "example.com/nothere/pkg": no module provides it`) {
		t.Fatalf("got %+v", out.Err)
	}
}
