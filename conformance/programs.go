package conformance

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Program is one `// run` test program of the Go distribution.
type Program struct {
	Path string // slash-separated, relative to the test root: "ken/chan.go"
	Src  string // the program's text
	Want string // expected combined output: the .out file's text, or ""
}

// Dir is the directory Path is in, "." for the root.
func (p Program) Dir() string {
	d, _ := filepath.Split(p.Path)
	if d == "" {
		return "."
	}
	return strings.TrimSuffix(d, "/")
}

// Root is the test directory of the Go installation at goroot.
func Root(goroot string) string { return filepath.Join(goroot, "test") }

// GoRoot is `go env GOROOT` of the go command on PATH, or "" if there is
// none.
func GoRoot() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// List returns the programs under root that `go run` runs as they are:
// files whose first line is exactly "// run" (no flags, no arguments), with
// no build constraint, outside the multi-file *.dir directories. They are
// sorted by path.
func List(root string) ([]Program, error) {
	var ps []Program
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasSuffix(d.Name(), ".dir") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !runnable(src) {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		p := Program{Path: filepath.ToSlash(rel), Src: string(src)}
		if out, err := os.ReadFile(strings.TrimSuffix(path, ".go") + ".out"); err == nil {
			p.Want = string(out)
		}
		ps = append(ps, p)
		return nil
	})
	sort.Slice(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
	return ps, err
}

// runnable reports whether src's first non-blank line is "// run" and no
// line is a build constraint.
func runnable(src []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	first := true
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if first {
			if l == "" {
				continue
			}
			if l != "// run" {
				return false
			}
			first = false
			continue
		}
		if strings.HasPrefix(l, "//go:build") || strings.HasPrefix(l, "// +build") {
			return false
		}
	}
	return !first
}
