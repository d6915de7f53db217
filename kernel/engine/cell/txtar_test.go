package cell_test

import (
	"os"
	"testing"

	"github.com/gokernel/gokernel/internal/golden"
)

// section is one `-- name --` section of a test data file (internal/golden).
type section struct {
	name, body string
}

// readSections reads the sections of a test data file; a body keeps its
// final newline, so "" and "\n" differ.
func readSections(t testing.TB, path string) []section {
	t.Helper()
	_, secs := golden.Parse(readFile(t, path))
	out := make([]section, len(secs))
	for i, s := range secs {
		out[i] = section{s.Name, s.Body}
	}
	return out
}

// formatSections is the inverse of readSections, after the header.
func formatSections(header string, secs []section) string {
	gs := make([]golden.Section, len(secs))
	for i, s := range secs {
		gs[i] = golden.Section{Name: s.name, Body: s.body}
	}
	return golden.Format(header, gs)
}

// fileHeader returns the comment lines before the first section.
func fileHeader(t testing.TB, path string) string {
	t.Helper()
	comment, _ := golden.Parse(readFile(t, path))
	return comment
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
