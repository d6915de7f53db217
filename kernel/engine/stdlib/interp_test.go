package stdlib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/stdlib"
	"github.com/traefik/yaegi/interp"
)

// newInterp returns an interpreter using the full tables the way the worker
// does (Unrestricted, so the environment and processes are the real ones),
// with Stdout and Stderr going to out.
func newInterp(t *testing.T, out *bytes.Buffer) *interp.Interpreter {
	t.Helper()
	i := interp.New(interp.Options{Stdout: out, Stderr: out, Unrestricted: true})
	if err := i.Use(stdlib.Symbols()); err != nil {
		t.Fatalf("Use: %v", err)
	}
	return i
}

// splitGolden returns the program of a testdata file and its expected
// output: the lines of the trailing "// Output:" comment, "// " removed.
func splitGolden(t *testing.T, src string) (prog, want string) {
	t.Helper()
	prog, out, ok := strings.Cut(src, "\n// Output:\n")
	if !ok {
		t.Fatal("no // Output: section")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, "//"), " "))
	}
	return prog, strings.Join(lines, "\n") + "\n"
}

// TestGolden runs each testdata/*.go program in a fresh interpreter and
// compares what it prints with its // Output: comment.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden programs: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".go"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			prog, want := splitGolden(t, string(src))
			var out bytes.Buffer
			i := newInterp(t, &out)
			if _, err := i.Eval(prog); err != nil {
				t.Fatalf("Eval: %v\noutput so far:\n%s", err, out.String())
			}
			if got := out.String(); got != want {
				t.Errorf("output:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
