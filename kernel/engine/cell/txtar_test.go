package cell_test

import (
	"os"
	"strings"
	"testing"
)

// section is one `-- name --` section of a test data file.
type section struct {
	name, body string
}

// readSections reads a test data file made of `-- name --` header lines, each
// followed by its body. Lines before the first header are comments. A body
// keeps its final newline, so "" and "\n" differ.
func readSections(t testing.TB, path string) []section {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []section
	var cur *section
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trim := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trim, "-- ") && strings.HasSuffix(trim, " --") && len(trim) > 6 {
			out = append(out, section{name: trim[3 : len(trim)-3]})
			cur = &out[len(out)-1]
			continue
		}
		if cur != nil {
			cur.body += line
		}
	}
	return out
}

// formatSections is the inverse of readSections (without comments).
func formatSections(header string, secs []section) string {
	var b strings.Builder
	b.WriteString(header)
	for _, s := range secs {
		b.WriteString("-- " + s.name + " --\n")
		b.WriteString(s.body)
		if s.body != "" && !strings.HasSuffix(s.body, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// fileHeader returns the comment lines before the first section.
func fileHeader(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if i := strings.Index(s, "\n-- "); i >= 0 {
		return s[:i+1]
	}
	if strings.HasPrefix(s, "-- ") {
		return ""
	}
	return s
}
