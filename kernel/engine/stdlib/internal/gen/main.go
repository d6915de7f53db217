// Command gen writes the yaegi symbol tables of the Go standard library into
// package kernel/engine/stdlib. It is run by `go generate` in that directory:
//
//	go run ./internal/gen [-dir .] [-platforms linux/amd64,...]
//
// Given import paths as arguments, it writes the tables of those packages
// (non-standard ones, of this module) instead, into the package named by
// -pkg; kernel/engine/pkgsyms is generated so:
//
//	go run ../stdlib/internal/gen -pkg pkgsyms -platforms linux/amd64 path...
//
// It type-checks every importable standard library package from source (see
// listPackages and excluded) once per platform in -platforms and writes one
// file per package, z_<path>.go, holding a loader function that builds the
// package's map[string]reflect.Value when called; nothing runs at init. A
// package whose table differs between platforms (syscall, log/syslog) gets
// one file per platform plus a z_<path>_other.go fallback that reports the
// package unavailable elsewhere. zindex.go lists all loaders. Files from an
// earlier run that are no longer produced are deleted.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/build"
	"go/importer"
	"go/token"
	"go/types"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

func main() {
	dir := flag.String("dir", ".", "directory to write the generated files to")
	platforms := flag.String("platforms", "linux/amd64,linux/arm64,darwin/amd64,darwin/arm64,windows/amd64",
		"comma-separated GOOS/GOARCH pairs whose tables are compared; the first one is reported")
	flag.StringVar(&outPkg, "pkg", outPkg, "name of the package the generated files belong to")
	flag.StringVar(&namesDir, "names", "", "with package arguments: directory, relative to -dir, of the names package to write (names.go)")
	flag.Parse()
	log.SetFlags(0)
	modulePaths = flag.Args()
	if err := run(*dir, strings.Split(*platforms, ",")); err != nil {
		log.Fatal(err)
	}
}

// outPkg is the package clause of the generated files; modulePaths, when
// not empty, are the (non-standard) packages to generate tables for instead
// of the standard library.
var (
	outPkg      = "stdlib"
	modulePaths []string
	namesDir    string
)

// platform is a GOOS/GOARCH pair.
type platform struct{ goos, goarch string }

func (p platform) String() string     { return p.goos + "/" + p.goarch }
func (p platform) constraint() string { return p.goos + " && " + p.goarch }

// run generates the files into dir.
func run(dir string, platformList []string) error {
	goVersion, err := minorVersion(runtime.Version())
	if err != nil {
		return err
	}
	var plats []platform
	for _, s := range platformList {
		goos, goarch, ok := strings.Cut(s, "/")
		if !ok {
			return fmt.Errorf("gen: bad platform %q, want GOOS/GOARCH", s)
		}
		plats = append(plats, platform{goos, goarch})
	}
	pkgs := slices.Sorted(slices.Values(modulePaths))
	if len(pkgs) == 0 {
		if pkgs, err = listPackages(); err != nil {
			return err
		}
	}
	tables := map[string][]*table{} // per package, one per platform (nil: absent)
	for _, pl := range plats {
		if err := extractAll(pl, pkgs, tables); err != nil {
			return err
		}
	}
	files, index, err := plan(pkgs, plats, tables, goVersion)
	if err != nil {
		return err
	}
	if err := checkNames(files); err != nil {
		return err
	}
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	if namesDir != "" && len(modulePaths) > 0 {
		var typed []*types.Package
		for _, path := range pkgs {
			typed = append(typed, tables[path][0].pkg)
		}
		src, err := renderNames(namesDir, goVersion, typed)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, namesDir, "znames.go"), src, 0o644); err != nil {
			return err
		}
	}
	report(plats[0], pkgs, index, tables, files)
	return nil
}

// extractAll type-checks pkgs from source for pl and adds their tables to
// tables. A package that cannot be loaded for pl is recorded as absent.
func extractAll(pl platform, pkgs []string, tables map[string][]*table) error {
	saved := build.Default
	defer func() { build.Default = saved }()
	build.Default.GOOS, build.Default.GOARCH = pl.goos, pl.goarch
	// The exported API does not depend on cgo, and without it no cgo tool runs.
	build.Default.CgoEnabled = false
	// The source importer reads build.Default when it imports.
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	for _, path := range pkgs {
		pkg, err := imp.Import(path)
		if err != nil {
			if noGo := (*build.NoGoError)(nil); errors.As(err, &noGo) {
				tables[path] = append(tables[path], nil)
				continue
			}
			return fmt.Errorf("gen: %s: %w", pl, err)
		}
		t, err := extract(pkg)
		if err != nil {
			return err
		}
		tables[path] = append(tables[path], t)
	}
	return nil
}

// plan renders every file, keyed by file name, and the index entries.
func plan(pkgs []string, plats []platform, tables map[string][]*table, goVersion string) (map[string][]byte, []indexEntry, error) {
	files := map[string][]byte{}
	var index []indexEntry
	for _, path := range pkgs {
		ts := tables[path]
		if ts[0] == nil {
			return nil, nil, fmt.Errorf("gen: %s has no Go files for %s", path, plats[0])
		}
		base := "z_" + alias(path)
		rendered := make([][]byte, len(ts))
		same := true
		for i, t := range ts {
			if t == nil {
				same = false
				continue
			}
			src, err := renderTable(t, goVersion, "")
			if err != nil {
				return nil, nil, err
			}
			rendered[i] = src
			same = same && bytes.Equal(src, rendered[0])
		}
		index = append(index, indexEntry{path: path, name: ts[0].name, perPlatform: !same})
		if same {
			files[base+".go"] = rendered[0]
			continue
		}
		var covered []string
		for i, t := range ts {
			if t == nil {
				continue
			}
			src, err := renderTable(t, goVersion, plats[i].constraint())
			if err != nil {
				return nil, nil, err
			}
			files[base+"_"+plats[i].goos+"_"+plats[i].goarch+".go"] = src
			covered = append(covered, "("+plats[i].constraint()+")")
		}
		src, err := renderUnavailable(path, goVersion, "!("+strings.Join(covered, " || ")+")")
		if err != nil {
			return nil, nil, err
		}
		files[base+"_other.go"] = src
	}
	src, err := renderIndex(index, goVersion)
	if err != nil {
		return nil, nil, err
	}
	files["zindex.go"] = src
	return files, index, nil
}

// checkNames fails if a file meant for all platforms has a name that the go
// command would read as a GOOS or GOARCH constraint (say, a package "x/js").
func checkNames(files map[string][]byte) error {
	out, err := goCommand("tool", "dist", "list")
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, pair := range strings.Fields(out) {
		goos, goarch, _ := strings.Cut(pair, "/")
		known[goos], known[goarch] = true, true
	}
	for name, src := range files {
		if bytes.Contains(src, []byte("\n//go:build ")) {
			continue
		}
		parts := strings.Split(strings.TrimSuffix(name, ".go"), "_")
		if last := parts[len(parts)-1]; known[last] {
			return fmt.Errorf("gen: file name %s would restrict it to %s", name, last)
		}
	}
	return nil
}

// writeFiles replaces the generated files in dir with files.
func writeFiles(dir string, files map[string][]byte) error {
	old, err := filepath.Glob(filepath.Join(dir, "z*.go"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if _, keep := files[filepath.Base(f)]; keep {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if bytes.HasPrefix(src, []byte(marker)) { // only files we wrote
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// report prints what was generated, counted for platform pl.
func report(pl platform, pkgs []string, index []indexEntry, tables map[string][]*table, files map[string][]byte) {
	symbols, wrappers, skipped, noWrap, size := 0, 0, 0, 0, 0
	for _, path := range pkgs {
		t := tables[path][0]
		symbols += len(t.entries) - len(t.wrappers)
		wrappers += len(t.wrappers)
		skipped += len(t.skipped)
		noWrap += len(t.noWrap)
	}
	for _, src := range files {
		size += len(src)
	}
	var names []string
	for name := range excluded {
		names = append(names, name)
	}
	slices.Sort(names)
	fmt.Printf("gen: %d packages, %d symbols and %d interface wrappers on %s; "+
		"%d generic declarations left out, %d interfaces without wrapper\n",
		len(index), symbols, wrappers, pl, skipped, noWrap)
	fmt.Printf("gen: %d files, %d bytes; packages excluded: %s\n", len(files), size, strings.Join(names, " "))
}

// minorVersion returns "go1.N" for a release version such as "go1.26.8".
func minorVersion(v string) (string, error) {
	parts := strings.Split(v, ".")
	if !strings.HasPrefix(v, "go1.") || len(parts) < 2 {
		return "", fmt.Errorf("gen: needs a Go release, not %q", v)
	}
	minor := parts[1]
	if i := strings.IndexAny(minor, "abcdefghijklmnopqrstuvwxyz"); i >= 0 {
		minor = minor[:i] // go1.27rc1
	}
	return parts[0] + "." + minor, nil
}
