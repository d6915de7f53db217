// Package golden reads and writes the project's one golden-file format, used
// by the test data of kernel/engine (testdata/cells) and kernel/engine/cell
// (testdata/golden, testdata/run): comment lines, then sections, each a
// header line `-- name --` followed by its body.
//
//	# what the file checks
//	-- cell --
//	fmt.Println(1)
//	-- stdout --
//	1
//
// What a section name means is the test's business. A body keeps its final
// newline, so "" and "\n" differ; Format writes what Parse read.
package golden

import "strings"

// Section is one section: its name and its body.
type Section struct {
	Name, Body string
}

// Parse splits data into its comment (the lines before the first header,
// with their newlines) and its sections.
func Parse(data string) (comment string, secs []Section) {
	var head strings.Builder
	var cur *Section
	for _, line := range strings.SplitAfter(data, "\n") {
		if name, ok := header(line); ok {
			secs = append(secs, Section{Name: name})
			cur = &secs[len(secs)-1]
			continue
		}
		if cur != nil {
			cur.Body += line
		} else {
			head.WriteString(line)
		}
	}
	return head.String(), secs
}

// header reports whether line is a section header and returns its name.
func header(line string) (string, bool) {
	trim := strings.TrimRight(line, "\r\n")
	if strings.HasPrefix(trim, "-- ") && strings.HasSuffix(trim, " --") && len(trim) > 6 {
		return trim[3 : len(trim)-3], true
	}
	return "", false
}

// Format is the inverse of Parse: comment, then each section, a body that
// lacks a final newline getting one.
func Format(comment string, secs []Section) string {
	var b strings.Builder
	b.WriteString(comment)
	for _, s := range secs {
		b.WriteString("-- " + s.Name + " --\n")
		b.WriteString(s.Body)
		if s.Body != "" && !strings.HasSuffix(s.Body, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}
