package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
)

// excluded lists the importable standard library packages that get no symbol
// table, with the reason. Packages under internal/ and vendor/ are left out by
// rule and are not listed here.
var excluded = map[string]string{
	"plugin":       "loads shared objects through cgo; a cgo-free worker cannot use it",
	"runtime/cgo":  "support code for cgo; importing it forces cgo linking",
	"runtime/race": "exists only in binaries built with -race",
	"time/tzdata":  "has no API; importing it embeds ~450 kB of time zone data in every binary",
	"unsafe": "not a real package; yaegi's github.com/traefik/yaegi/stdlib/unsafe " +
		"provides it together with the interpreter hooks it needs",
}

// listPackages returns the sorted import paths of the standard library
// packages to extract, as reported by `go list std` for the host platform.
func listPackages() ([]string, error) {
	out, err := goCommand("list", "std")
	if err != nil {
		return nil, err
	}
	var pkgs []string
	for _, p := range strings.Fields(out) {
		if !importable(p) {
			continue
		}
		if _, ok := excluded[p]; ok {
			continue
		}
		pkgs = append(pkgs, p)
	}
	slices.Sort(pkgs)
	return pkgs, nil
}

// importable reports whether code outside the standard library may import
// path: internal and vendored packages may not.
func importable(path string) bool {
	if strings.HasPrefix(path, "vendor/") || strings.HasPrefix(path, "cmd/") {
		return false
	}
	for _, elem := range strings.Split(path, "/") {
		if elem == "internal" {
			return false
		}
	}
	return true
}

// goCommand runs the go command with args and returns its standard output.
func goCommand(args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("gen: go %s: %w: %s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out), nil
}
