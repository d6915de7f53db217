package modfetch

import (
	"context"
	"errors"
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// GoPath is the GOPATH under which Resolver.FS shows the modules: the
// source of package P is at GoPath/src/P.
const GoPath = "/gokernel-modules"

// Resolver keeps one session's build list: which version of each module
// its imports use. Packages are found lazily, as cells import them.
//
// Versions are chosen by minimal version selection over the go.mod
// requirement graph, loaded the way the go command loads a pruned graph:
// a module whose package is imported contributes its go.mod's
// requirements; a requirement's own requirements are read only when that
// module's go.mod declares go < 1.17 (no pruning) or when one of its
// packages is imported in turn. The highest version required wins, except
// that a version pinned with Pin always wins, and that a module whose
// source the interpreter has already loaded keeps its version for the
// rest of the session (an upgrade required later is ignored: yaegi cannot
// unload a package).
type Resolver struct {
	f *Fetcher

	mu       sync.Mutex
	pins     map[string]string         // module path -> version (Pin)
	list     map[string]string         // module path -> selected version
	expanded map[module.Version]bool   // go.mod requirements added
	loaded   map[string]loadedModule   // module path -> extracted source in use
	pkgs     map[string]module.Version // import path -> its module (prepared)
	export   bool                      // keep EnvVersions up to date (FromEnv)
	envKey   string                    // the environment the Fetcher was configured from (FromEnv)
}

type loadedModule struct {
	version string
	dir     string
}

// NewResolver returns a Resolver fetching with f.
func NewResolver(f *Fetcher) *Resolver {
	return &Resolver{f: f, pins: map[string]string{}, list: map[string]string{},
		expanded: map[module.Version]bool{}, loaded: map[string]loadedModule{},
		pkgs: map[string]module.Version{}}
}

// Pin resolves query ("latest" or a version) for module path, checks that
// the proxy has it and makes it the version this session uses. A module
// already loaded by the interpreter cannot change version.
func (r *Resolver) Pin(ctx context.Context, path, query string) (string, error) {
	r.mu.Lock()
	r.refresh()
	f := r.f
	r.mu.Unlock()
	v, err := f.Query(ctx, path, query)
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if l, ok := r.loaded[path]; ok && l.version != v {
		return "", fmt.Errorf("%s@%s is already in use in this session; %%reset (or a restart) and then %%go get %s@%s",
			path, l.version, path, v)
	}
	r.pins[path] = v
	r.list[path] = v
	r.exportVersions()
	return v, nil
}

// Pins returns the pinned versions (module path -> version).
func (r *Resolver) Pins() map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]string, len(r.pins))
	for k, v := range r.pins {
		out[k] = v
	}
	return out
}

// SetPins pins versions without asking the network (a restarted worker
// restores its predecessor's pins).
func (r *Resolver) SetPins(pins map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for p, v := range pins {
		r.pins[p], r.list[p] = v, v
	}
	r.exportVersions()
}

// Loaded returns the modules whose source is in use, sorted by path.
func (r *Resolver) Loaded() []module.Version {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []module.Version
	for p, l := range r.loaded {
		out = append(out, module.Version{Path: p, Version: l.version})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Prepare makes the packages of paths, and the packages they import, available in FS,
// fetching the modules that provide them. binary reports the import paths
// the interpreter has compiled in (they are not fetched); standard
// library paths (no dot in the first element) are never fetched.
func (r *Resolver) Prepare(ctx context.Context, paths []string, binary func(string) bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refresh()
	for _, p := range paths {
		if err := r.preparePkg(ctx, p, binary, nil); err != nil {
			return err
		}
	}
	return nil
}

// IsStd reports whether path is a standard library path (its first
// element has no dot), which no module provides.
func IsStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func (r *Resolver) preparePkg(ctx context.Context, path string, binary func(string) bool, stack []string) error {
	if _, ok := r.pkgs[path]; ok || IsStd(path) || (binary != nil && binary(path)) {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := module.CheckImportPath(path); err != nil {
		return err
	}
	mod, dir, err := r.moduleFor(ctx, path)
	if err != nil {
		return importErr(path, stack, err)
	}
	bc := buildContext()
	bp, err := bc.ImportDir(dir, 0)
	if err != nil {
		var ng *build.NoGoError
		if cgo := cgoFiles(dir, bp); errors.As(err, &ng) && len(cgo) > 0 {
			return importErr(path, stack, fmt.Errorf("package %s (%s@%s) uses cgo (%s), which an interpreter cannot run",
				path, mod.Path, mod.Version, strings.Join(cgo, ", ")))
		}
		if errors.As(err, &ng) {
			return importErr(path, stack, fmt.Errorf("module %s@%s has no Go files for this platform in %s", mod.Path, mod.Version, path))
		}
		return importErr(path, stack, fmt.Errorf("module %s@%s: %w", mod.Path, mod.Version, err))
	}
	r.pkgs[path] = mod
	for _, imp := range bp.Imports {
		if err := r.preparePkg(ctx, imp, binary, append(stack, path)); err != nil {
			return err
		}
	}
	return nil
}

func importErr(path string, stack []string, err error) error {
	if len(stack) == 0 {
		return fmt.Errorf("import %q: %w", path, err)
	}
	return fmt.Errorf("import %q (imported by %s): %w", path, strings.Join(stack, " ← "), err)
}

// buildContext is the build context that picks a package's files (the
// platform the worker runs on, no cgo), as yaegi picks them.
func buildContext() build.Context {
	c := build.Default
	c.CgoEnabled = false
	c.GOPATH = ""
	c.Dir = ""
	return c
}

// moduleFor finds the module providing package path and returns it with
// the package's directory, the module extracted and its requirements in
// the build list.
func (r *Resolver) moduleFor(ctx context.Context, path string) (module.Version, string, error) {
	// A module of the build list (longest path first).
	var cands []string
	for p := range r.list {
		if path == p || strings.HasPrefix(path, p+"/") {
			cands = append(cands, p)
		}
	}
	sort.Slice(cands, func(i, j int) bool { return len(cands[i]) > len(cands[j]) })
	var firstErr error
	for _, p := range cands {
		m, dir, err := r.use(ctx, p)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if pkgDir := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(path[len(p):], "/"))); isDir(pkgDir) {
			return m, pkgDir, nil
		}
	}
	if firstErr != nil {
		return module.Version{}, "", firstErr
	}
	// Ask the proxies for every prefix at once; the longest that exists
	// and holds the package wins, as with the go command.
	prefixes := modulePrefixes(path)
	type found struct {
		version string
		err     error
	}
	res := make([]found, len(prefixes))
	var wg sync.WaitGroup
	for i, p := range prefixes {
		if _, ok := r.list[p]; ok {
			res[i].err = ErrNotFound // tried above
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := r.f.Query(ctx, p, "latest")
			res[i] = found{v, err}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return module.Version{}, "", err
	}
	// The go command, too, takes a failure for a prefix (not a module,
	// or "direct" unable to reach it) as "not this one".
	var notFound []string
	var other error
	for i, p := range prefixes {
		if res[i].err != nil {
			if !errors.Is(res[i].err, ErrNotFound) && other == nil {
				other = res[i].err
			}
			notFound = append(notFound, p)
			continue
		}
		r.raise(module.Version{Path: p, Version: res[i].version})
		m, dir, err := r.use(ctx, p)
		if err != nil {
			return module.Version{}, "", err
		}
		if pkgDir := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(path[len(p):], "/"))); isDir(pkgDir) {
			return m, pkgDir, nil
		}
		notFound = append(notFound, fmt.Sprintf("%s@%s (has no directory %s)", p, m.Version, strings.TrimPrefix(path[len(p):], "/")))
	}
	if other != nil {
		return module.Version{}, "", fmt.Errorf("no module provides it (tried %s): %w", strings.Join(notFound, ", "), other)
	}
	if r.f.cfg.Offline {
		return module.Version{}, "", fmt.Errorf("no module in the module cache provides it, and fetching is off (%s): tried %s: %w",
			r.f.offlineWhy(), strings.Join(notFound, ", "), ErrNotFound)
	}
	return module.Version{}, "", fmt.Errorf("no module provides it: tried %s: %w", strings.Join(notFound, ", "), ErrNotFound)
}

// modulePrefixes returns the possible module paths of an import path,
// longest first (github.com paths need at least three elements).
func modulePrefixes(path string) []string {
	elems := strings.Split(path, "/")
	min := 1
	if elems[0] == "github.com" || elems[0] == "gitlab.com" || elems[0] == "bitbucket.org" {
		min = 3
	}
	var out []string
	for n := len(elems); n >= min && n >= 1; n-- {
		p := strings.Join(elems[:n], "/")
		if module.CheckPath(p) == nil {
			out = append(out, p)
		}
	}
	return out
}

// raise puts module version m in the build list unless a higher version
// or a pin is there.
func (r *Resolver) raise(m module.Version) {
	if _, pinned := r.pins[m.Path]; pinned {
		return
	}
	if cur, ok := r.list[m.Path]; !ok || semver.Compare(m.Version, cur) > 0 {
		r.list[m.Path] = m.Version
	}
}

// use extracts the selected version of module path (once per session),
// adds its requirements to the build list, and returns it with its
// directory.
func (r *Resolver) use(ctx context.Context, path string) (module.Version, string, error) {
	if l, ok := r.loaded[path]; ok {
		return module.Version{Path: path, Version: l.version}, l.dir, nil
	}
	m := module.Version{Path: path, Version: r.list[path]}
	if err := r.expand(ctx, m); err != nil {
		return m, "", err
	}
	dir, err := r.f.Dir(ctx, m)
	if err != nil {
		return m, "", err
	}
	r.loaded[path] = loadedModule{version: m.Version, dir: dir}
	r.exportVersions()
	return m, dir, nil
}

// expand adds the requirements of m's go.mod to the build list. Those of a
// module at go < 1.17 (an unpruned graph) are expanded in turn, at the
// versions required (as minimal version selection walks the graph); a
// module at go >= 1.17 lists every module its packages need, so its
// requirements' own go.mod files are not read until one of their
// packages is imported.
func (r *Resolver) expand(ctx context.Context, m module.Version) error {
	if r.expanded[m] {
		return nil
	}
	r.expanded[m] = true
	data, err := r.f.goMod(ctx, m)
	if err != nil {
		return err
	}
	mf, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return fmt.Errorf("%s@%s: go.mod: %w", m.Path, m.Version, err)
	}
	for _, req := range mf.Require {
		r.raise(req.Mod)
	}
	if mf.Go == nil || semver.Compare("v"+mf.Go.Version, "v1.17") < 0 {
		for _, req := range mf.Require {
			if err := r.expand(ctx, req.Mod); err != nil {
				return err
			}
		}
	}
	return nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// EnvVersions is the environment variable through which a Resolver made by
// FromEnv hands the module versions it uses ("path@version …", pins and
// loaded modules) to the processes the worker starts: a child process
// (mt.NewProcess) replaying the session's imports gets the same versions,
// from the cache.
const EnvVersions = "GOKERNEL_MODULE_VERSIONS"

// FromEnv returns a Resolver configured from the process environment
// (ConfigFromEnv), pinned to the versions EnvVersions lists, that keeps
// EnvVersions up to date for the processes it starts. Without a user cache
// directory it caches under the temporary directory.
func FromEnv() *Resolver {
	cfg, err := ConfigFromEnv(nil)
	if err != nil {
		cfg.CacheDir = filepath.Join(os.TempDir(), "gokernel-mod")
	}
	r := NewResolver(NewFetcher(cfg))
	r.envKey = envKey()
	pins := map[string]string{}
	for _, f := range strings.Fields(os.Getenv(EnvVersions)) {
		if p, v, ok := strings.Cut(f, "@"); ok && module.Check(p, v) == nil {
			pins[p] = v
		}
	}
	r.SetPins(pins)
	r.export = true
	return r
}

// exportVersions sets EnvVersions to the pins and loaded modules (r.mu held).
func (r *Resolver) exportVersions() {
	if !r.export {
		return
	}
	vs := map[string]string{}
	for p, v := range r.pins {
		vs[p] = v
	}
	for p, l := range r.loaded {
		vs[p] = l.version
	}
	var parts []string
	for p, v := range vs {
		parts = append(parts, p+"@"+v)
	}
	sort.Strings(parts)
	os.Setenv(EnvVersions, strings.Join(parts, " "))
}

// cgoFiles returns the files of a package directory that build skipped
// and that import "C".
func cgoFiles(dir string, bp *build.Package) []string {
	if bp == nil {
		return nil
	}
	var out []string
	for _, name := range bp.IgnoredGoFiles {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, is := range f.Imports {
			if is.Path.Value == `"C"` {
				out = append(out, name)
				break
			}
		}
	}
	return out
}

// envVars are the variables ConfigFromEnv reads.
var envVars = []string{"GOPROXY", "GONOPROXY", "GOPRIVATE", "GOSUMDB", "GONOSUMDB", "GONOSUMCHECK", "GOFLAGS",
	"GOMODCACHE", "GOPATH", "PATH"}

func envKey() string {
	var b strings.Builder
	for _, k := range envVars {
		b.WriteString(k + "=" + os.Getenv(k) + "\x00")
	}
	return b.String()
}

// refresh reconfigures a Resolver made by FromEnv when the environment it
// was configured from changed (%env GOPROXY=off in a cell); r.mu held.
func (r *Resolver) refresh() {
	if r.envKey == "" {
		return
	}
	if k := envKey(); k != r.envKey {
		if cfg, err := ConfigFromEnv(nil); err == nil {
			r.f = NewFetcher(cfg)
		}
		r.envKey = k
	}
}
