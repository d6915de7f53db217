package layers

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const (
	module = "github.com/gokernel/gokernel"
	zmq4   = "github.com/go-zeromq/zmq4"
	yaegi  = "github.com/traefik/yaegi"
)

// pkg is what the rules need of `go list -json`.
type pkg struct {
	ImportPath string
	Imports    []string // direct, without test imports
	Deps       []string // transitive
	Standard   bool
}

// listModule returns the module's packages and their dependencies, by
// import path.
func listModule(t *testing.T) map[string]*pkg {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(goCmd, "list", "-deps", "-json", module+"/...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	pkgs := map[string]*pkg{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		p := &pkg{}
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	return pkgs
}

// ours reports whether path is a package of this module.
func ours(path string) bool { return path == module || strings.HasPrefix(path, module+"/") }

// under reports whether path is prefix or below it.
func under(path, prefix string) bool { return path == prefix || strings.HasPrefix(path, prefix+"/") }

// reaches reports whether any of paths is the package prefix or below it.
func reaches(paths []string, prefix string) (string, bool) {
	for _, p := range paths {
		if under(p, prefix) {
			return p, true
		}
	}
	return "", false
}

func TestImportRules(t *testing.T) {
	pkgs := listModule(t)
	var mine []*pkg
	for path, p := range pkgs {
		if ours(path) {
			mine = append(mine, p)
		}
	}
	if len(mine) < 10 || pkgs[module+"/kernel"] == nil {
		t.Fatalf("go list found %d packages of the module", len(mine))
	}
	slices.SortFunc(mine, func(a, b *pkg) int { return strings.Compare(a.ImportPath, b.ImportPath) })

	// The kernel process's own packages: the core, the transport, the
	// supervisor side of the worker boundary and what it shares with the
	// worker (protocol, magic parsing), the checker, history, install. None
	// may link the interpreter or the libraries cells use: those belong to
	// the worker process (kernel/worker/serve and the engine tree).
	kernelSide := []string{module + "/kernel", module + "/kernel/zmq", module + "/install",
		module + "/kernel/worker", module + "/kernel/worker/protocol", module + "/kernel/magic",
		module + "/kernel/gotypes", module + "/kernel/history", module + "/nbscript"}
	for _, path := range kernelSide {
		p := pkgs[path]
		if p == nil {
			t.Errorf("%s: not found", path)
			continue
		}
		for _, banned := range []string{yaegi, module + "/pkg/coro", module + "/pkg/mt",
			module + "/kernel/worker/serve", module + "/kernel/magic/runner"} {
			if dep, ok := reaches(p.Deps, banned); ok {
				t.Errorf("%s (kernel process) depends on %s", path, dep)
			}
		}
	}
	if dep, ok := reaches(pkgs[module+"/kernel"].Deps, zmq4); ok {
		t.Errorf("the kernel core depends on %s", dep)
	}
	for _, p := range mine {
		if _, ok := reaches(p.Imports, zmq4); ok && p.ImportPath != module+"/kernel/zmq" {
			t.Errorf("%s imports zmq4; only kernel/zmq may", p.ImportPath)
		}
		// The conformance runner is a tool, not part of the kernel: its
		// --yaegi mode runs programs under plain yaegi for comparison.
		if _, ok := reaches(p.Imports, yaegi); ok && !under(p.ImportPath, module+"/kernel/engine") &&
			!under(p.ImportPath, module+"/conformance") {
			t.Errorf("%s imports yaegi; only the engine tree (and the conformance tool) may", p.ImportPath)
		}
		if under(p.ImportPath, module+"/pkg") {
			if dep, ok := reaches(p.Deps, module+"/kernel"); ok {
				t.Errorf("%s depends on %s; pkg/* must not depend on kernel/", p.ImportPath, dep)
			}
		}
	}
}
