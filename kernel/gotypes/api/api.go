// Package api is the API of the packages a cell can import — the standard
// library packages with a yaegi symbol table and the project's preloaded
// packages (pkg/coro, pkg/mt, pkg/display) — as go/types packages and doc
// comments, with no Go toolchain or GOROOT at run time.
//
// The data is generated at build time (internal/gen, by `go generate`) and
// embedded gzip-compressed, one export-data file and one doc file per
// package; a package is decompressed and imported the first time it is
// asked for, with the packages it depends on as far as its API needs them.
package api

//go:generate go run ./internal/gen -out data ../../engine/stdlib/zindex.go ../../engine/pkgsyms/zindex.go

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
)

//go:embed data
var data embed.FS

// Package is a package a cell can import.
type Package struct {
	Path, Name string
}

var (
	indexOnce sync.Once
	index     []Package
	byPath    map[string]string
)

func loadIndex() {
	b, err := data.ReadFile("data/index.txt")
	if err != nil {
		panic("api: embedded index missing: " + err.Error())
	}
	byPath = map[string]string{}
	for line := range strings.Lines(string(b)) {
		path, name, ok := strings.Cut(strings.TrimSpace(line), " ")
		if ok {
			index = append(index, Package{Path: path, Name: name})
			byPath[path] = name
		}
	}
	sort.Slice(index, func(i, j int) bool { return index[i].Path < index[j].Path })
}

// Packages lists the importable packages, sorted by import path. The
// caller must not modify the slice.
func Packages() []Package {
	indexOnce.Do(loadIndex)
	return index
}

// Name returns the package name of an importable path and whether it is one.
func Name(path string) (string, bool) {
	indexOnce.Do(loadIndex)
	n, ok := byPath[path]
	return n, ok
}

func fileName(path string) string { return "data/" + strings.ReplaceAll(path, "/", "_") }

func unzip(name string) ([]byte, error) {
	f, err := data.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// Universe imports packages from the embedded data into one set of
// go/types packages. It is safe for concurrent use. The zero value is not
// usable: call NewUniverse.
type Universe struct {
	mu       sync.Mutex
	fset     *token.FileSet
	packages map[string]*types.Package // imported, in part or complete
	complete map[string]bool           // read from its own export data
	docs     map[string]map[string]string
}

// NewUniverse returns an empty Universe; nothing is read until Import.
func NewUniverse() *Universe {
	return &Universe{fset: token.NewFileSet(), packages: map[string]*types.Package{},
		complete: map[string]bool{}, docs: map[string]map[string]string{}}
}

// Import returns the package with import path path (types.Importer). An
// unknown path is an error that names it.
func (u *Universe) Import(path string) (*types.Package, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if u.complete[path] {
		return u.packages[path], nil
	}
	if _, ok := Name(path); !ok {
		return nil, fmt.Errorf("package %s is not available in gokernel cells", path)
	}
	b, err := unzip(fileName(path) + ".x.gz")
	if err != nil {
		return nil, fmt.Errorf("api: %s: %w", path, err)
	}
	p, err := gcexportdata.Read(bytes.NewReader(b), u.fset, u.packages, path)
	if err != nil {
		return nil, fmt.Errorf("api: %s: %w", path, err)
	}
	u.complete[path] = true
	return p, nil
}

// Doc returns the doc comment of a member of package path: key is "" for the
// package, "Name" for a package-level name, "Type.Method" or "Type.Field".
func (u *Universe) Doc(path, key string) string {
	u.mu.Lock()
	defer u.mu.Unlock()
	docs, ok := u.docs[path]
	if !ok {
		if _, known := Name(path); known {
			if b, err := unzip(fileName(path) + ".doc.gz"); err == nil {
				_ = json.Unmarshal(b, &docs)
			}
		}
		u.docs[path] = docs
	}
	return docs[key]
}
