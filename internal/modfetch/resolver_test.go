package modfetch

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/internal/modfetch/modtest"
)

// A small ecosystem: lib's package sub imports dep and other; other
// requires a newer dep than lib does. lib's go.mod says go 1.16, so the
// graph is not pruned and minimal version selection picks dep v1.1.0.
func ecosystem(p *modtest.Proxy) {
	p.Add("example.com/lib", "v1.1.0", map[string]string{
		"go.mod":     "module example.com/lib\n\ngo 1.16\n",
		"sub/sub.go": "package sub\n\nfunc Version() string { return \"v1.1.0\" }\n",
	})
	p.Add("example.com/lib", "v1.2.0", map[string]string{
		"go.mod": "module example.com/lib\n\ngo 1.16\n\nrequire (\n\texample.com/dep v1.0.1\n\texample.com/other v1.0.0\n)\n",
		"sub/sub.go": "package sub\n\nimport (\n\t\"example.com/dep\"\n\t\"example.com/other/o\"\n\t\"strings\"\n)\n\n" +
			"func Version() string { return strings.Join([]string{\"v1.2.0\", dep.V, o.V}, \" \") }\n",
		"sub/sub_windows.go": "package sub\n\nimport \"example.com/windowsonly\"\n\nvar _ = windowsonly.X\n",
	})
	p.Add("example.com/lib", "v1.3.0-pre", map[string]string{
		"go.mod":     "module example.com/lib\n",
		"sub/sub.go": "package sub\n",
	})
	for _, v := range []string{"v1.0.1", "v1.1.0"} {
		p.Add("example.com/dep", v, map[string]string{
			"go.mod": "module example.com/dep\n\ngo 1.21\n",
			"dep.go": "package dep\n\nconst V = \"dep " + v + "\"\n",
		})
	}
	p.Add("example.com/other", "v1.0.0", map[string]string{
		"go.mod": "module example.com/other\n\ngo 1.21\n\nrequire example.com/dep v1.1.0\n",
		"o/o.go": "package o\n\nconst V = \"other v1.0.0\"\n",
	})
}

func TestResolverFindsModuleAndSelectsVersions(t *testing.T) {
	p := modtest.New(t)
	ecosystem(p)
	r := NewResolver(NewFetcher(testConfig(t, p.URL)))
	if err := r.Prepare(context.Background(), []string{"example.com/lib/sub"}, nil); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range r.Loaded() {
		got[m.Path] = m.Version
	}
	want := map[string]string{"example.com/lib": "v1.2.0", "example.com/dep": "v1.1.0", "example.com/other": "v1.0.0"}
	if len(got) != len(want) {
		t.Fatalf("loaded %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s (all: %v)", k, got[k], v, got)
		}
	}
	// The longer prefixes were asked for too (and are not modules).
	if p.Count("/example.com/lib/sub/@v/list") != 1 {
		t.Errorf("example.com/lib/sub was not tried as a module path")
	}
	// The source is laid out as GOPATH/src/IMPORT_PATH.
	b, err := fs.ReadFile(r.FS(), GoPath+"/src/example.com/lib/sub/sub.go")
	if err != nil || !strings.Contains(string(b), "v1.2.0") {
		t.Fatalf("reading through FS: %q, %v", b, err)
	}
	if _, err := fs.Stat(r.FS(), GoPath+"/src/example.com/nothere"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a module not loaded: %v, want ErrNotExist", err)
	}
	ents, err := fs.ReadDir(r.FS(), GoPath+"/src/example.com/dep")
	if err != nil || len(ents) != 2 {
		t.Errorf("ReadDir dep: %v, %v", ents, err)
	}
}

func TestPinWins(t *testing.T) {
	p := modtest.New(t)
	ecosystem(p)
	r := NewResolver(NewFetcher(testConfig(t, p.URL)))
	ctx := context.Background()
	if v, err := r.Pin(ctx, "example.com/dep", "v1.0.1"); err != nil || v != "v1.0.1" {
		t.Fatalf("Pin: %q, %v", v, err)
	}
	if _, err := r.Pin(ctx, "example.com/dep", "v9.9.9"); err == nil {
		t.Fatal("pinning a version the proxy does not have succeeded")
	}
	if err := r.Prepare(ctx, []string{"example.com/lib/sub"}, nil); err != nil {
		t.Fatal(err)
	}
	for _, m := range r.Loaded() {
		if m.Path == "example.com/dep" && m.Version != "v1.0.1" {
			t.Errorf("dep %s, want the pinned v1.0.1", m.Version)
		}
	}
	if _, err := r.Pin(ctx, "example.com/dep", "v1.1.0"); err == nil || !strings.Contains(err.Error(), "already in use") {
		t.Errorf("re-pinning a loaded module: %v", err)
	}
}

func TestGOPROXYListSemantics(t *testing.T) {
	good := modtest.New(t)
	ecosystem(good)
	empty := modtest.New(t) // 404 for everything
	broken := modtest.New(t)
	broken.Fail = http.StatusInternalServerError
	ctx := context.Background()
	query := func(goproxy string) (string, error) {
		return NewFetcher(testConfig(t, goproxy)).Query(ctx, "example.com/lib", "latest")
	}
	if v, err := query(empty.URL + "," + good.URL); err != nil || v != "v1.2.0" {
		t.Errorf("404 then good: %q, %v (want the highest release v1.2.0)", v, err)
	}
	if _, err := query(broken.URL + "," + good.URL); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("500 with ',': %v, want the 500 (no fall-through)", err)
	}
	if v, err := query(broken.URL + "|" + good.URL); err != nil || v != "v1.2.0" {
		t.Errorf("500 with '|': %q, %v, want the next proxy's answer", v, err)
	}
	if _, err := query("off"); err == nil || !strings.Contains(err.Error(), "GOPROXY=off") {
		t.Errorf("off: %v", err)
	}
	if _, err := query(empty.URL + ",direct"); err == nil || !errors.Is(err, errDirect) {
		t.Errorf("direct without a go command: %v", err)
	}
	if _, err := query(empty.URL); !errors.Is(err, ErrNotFound) {
		t.Errorf("not found anywhere: %v", err)
	}
}

func TestChecksums(t *testing.T) {
	p := modtest.New(t)
	ecosystem(p)
	ctx := context.Background()
	files := p.Files("example.com/dep", "v1.1.0")
	modHash, err := goModHash([]byte(files["go.mod"]))
	if err != nil {
		t.Fatal(err)
	}
	good := "example.com/dep v1.1.0 " + modtest.ZipHash(t, "example.com/dep", "v1.1.0", files) + "\n" +
		"example.com/dep v1.1.0/go.mod " + modHash + "\n"
	bad := "example.com/dep v1.1.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" +
		"example.com/dep v1.1.0/go.mod " + modHash + "\n"
	// The verified lines are the cache the checker trusts first; the
	// database itself (unreachable here) is never asked for them.
	for _, tc := range []struct {
		name, lines, nosumdb, want string
	}{
		{"match", good, "", ""},
		{"mismatch", bad, "", "SECURITY ERROR"},
		{"mismatch exempted by GONOSUMDB", bad, "example.com/dep", ""},
		{"no line, database unreachable", "", "", "checksum database"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t, p.URL)
			cfg.SumDB = "sum.golang.org " + p.URL + "/nosumdb" // answers 404
			cfg.NoSumDB = tc.nosumdb
			if tc.lines != "" {
				if err := writeFileAtomic(filepath.Join(cfg.CacheDir, "cache", "download", "gokernel.sum"), []byte(tc.lines)); err != nil {
					t.Fatal(err)
				}
			}
			f := NewFetcher(cfg)
			dir, err := f.Dir(ctx, modVersion("example.com/dep", "v1.1.0"))
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if b, err := os.ReadFile(filepath.Join(dir, "dep.go")); err != nil || !strings.Contains(string(b), "dep v1.1.0") {
					t.Fatalf("extracted: %q, %v", b, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
			if _, serr := os.Stat(dir); dir != "" || serr == nil {
				t.Errorf("a module that failed its check was extracted at %q", dir)
			}
		})
	}
}

func TestCacheServesOffline(t *testing.T) {
	p := modtest.New(t)
	ecosystem(p)
	cfg := testConfig(t, p.URL)
	ctx := context.Background()
	if err := NewResolver(NewFetcher(cfg)).Prepare(ctx, []string{"example.com/lib/sub"}, nil); err != nil {
		t.Fatal(err)
	}
	// A new session with fetching off finds everything in the cache once
	// the version is pinned (latest needs the network).
	cfg.Proxies, cfg.Offline = parseProxies("off"), true
	r := NewResolver(NewFetcher(cfg))
	r.SetPins(map[string]string{"example.com/lib": "v1.2.0"})
	if err := r.Prepare(ctx, []string{"example.com/lib/sub"}, nil); err != nil {
		t.Fatalf("offline from the cache: %v", err)
	}
	// Unpinned, latest offline is the highest version in the cache.
	r2 := NewResolver(NewFetcher(cfg))
	if err := r2.Prepare(ctx, []string{"example.com/lib/sub"}, nil); err != nil {
		t.Fatalf("latest offline: %v", err)
	}
	for _, m := range r2.Loaded() {
		if m.Path == "example.com/lib" && m.Version != "v1.2.0" {
			t.Errorf("offline latest of lib: %s, want the cached v1.2.0", m.Version)
		}
	}
	if err := r2.Prepare(ctx, []string{"example.com/never/fetched"}, nil); err == nil || !strings.Contains(err.Error(), "GOPROXY=off") {
		t.Errorf("a module not cached, offline: %v, want a GOPROXY=off error", err)
	}
	// A proxy that fails (here: 500) falls back on the cache as well.
	broken := modtest.New(t)
	broken.Fail = http.StatusBadGateway
	cfg3 := testConfig(t, broken.URL)
	cfg3.CacheDir = cfg.CacheDir
	if err := NewResolver(NewFetcher(cfg3)).Prepare(ctx, []string{"example.com/lib/sub"}, nil); err != nil {
		t.Fatalf("proxy failing, module cached: %v", err)
	}
	// Go's own module cache layout is read in place.
	cfg2 := testConfig(t, "off")
	cfg2.Offline = true
	cfg2.ReadCaches = []string{cfg.CacheDir}
	r3 := NewResolver(NewFetcher(cfg2))
	r3.SetPins(map[string]string{"example.com/lib": "v1.2.0"})
	if err := r3.Prepare(ctx, []string{"example.com/lib/sub"}, nil); err != nil {
		t.Fatalf("from a read-only module cache: %v", err)
	}
}

func TestPrepareErrors(t *testing.T) {
	p := modtest.New(t)
	ecosystem(p)
	p.Add("example.com/cgo", "v1.0.0", map[string]string{
		"go.mod": "module example.com/cgo\n\ngo 1.21\n",
		"c.go":   "package cgo\n\n// int x;\nimport \"C\"\n",
	})
	r := NewResolver(NewFetcher(testConfig(t, p.URL)))
	ctx := context.Background()
	for path, want := range map[string]string{
		"example.com/lib/nope": "has no directory nope",
		"example.com/none/x":   "no module provides it",
		"example.com/cgo":      "uses cgo (c.go)",
	} {
		err := r.Prepare(ctx, []string{path}, nil)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `import "`+path+`"`) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := r.Prepare(cctx, []string{"example.com/dep"}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestExplainNamesModuleFile(t *testing.T) {
	p := modtest.New(t)
	ecosystem(p)
	r := NewResolver(NewFetcher(testConfig(t, p.URL)))
	if err := r.Prepare(context.Background(), []string{"example.com/dep"}, nil); err != nil {
		t.Fatal(err)
	}
	err := r.Explain(errors.New(`import "example.com/dep" error: ` + GoPath + `/src/example.com/dep/dep.go:3:7: undefined: max`))
	var se *SourceError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "example.com/dep@v1.1.0/dep.go:3:7: undefined: max") {
		t.Fatalf("Explain: %v", err)
	}
	plain := errors.New("cell[1]:1:1: undefined: x")
	if r.Explain(plain) != plain {
		t.Error("an error without module source was changed")
	}
}

func TestParseProxies(t *testing.T) {
	got := parseProxies("proxy.example.com|https://b.example/,direct,off")
	want := []Proxy{{"https://proxy.example.com", true}, {"https://b.example", false}, {"direct", false}, {"off", false}}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: %v, want %v", i, got[i], want[i])
		}
	}
}

// An interrupt (ctx) ends a fetch that the proxy never answers.
func TestPrepareInterruptedMidFetch(t *testing.T) {
	p := modtest.New(t)
	p.Hang = make(chan string)
	r := NewResolver(NewFetcher(testConfig(t, p.URL)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Prepare(ctx, []string{"example.com/slow"}, nil) }()
	<-p.Hang // the fetch is under way
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// A "direct" entry runs the real go command when one is on PATH: it
// either fetches from version control or says why it could not.
func TestDirectRunsGoCommand(t *testing.T) {
	cfg := testConfig(t, "direct")
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH: the direct path is covered by TestGOPROXYListSemantics' errDirect")
	}
	cfg.GoCmd = goCmd
	cfg.Env = append(os.Environ(), "GOMODCACHE="+t.TempDir())
	v, err := NewFetcher(cfg).Query(context.Background(), "github.com/pkg/errors", "latest")
	switch {
	case err == nil:
		if !strings.HasPrefix(v, "v0.") {
			t.Fatalf("version %q", v)
		}
	case strings.Contains(err.Error(), "go mod download github.com/pkg/errors@latest"):
		t.Logf("no version control access from here; the go command said: %v", err)
	default:
		t.Fatalf("the error does not come from the go command: %v", err)
	}
}
