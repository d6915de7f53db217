package conformance

import (
	"regexp"
	"strings"
)

// A class names a family of failures by a pattern of the error's first line.
type class struct {
	name string
	re   *regexp.Regexp
}

// classes are tried in order; the first match names the cause.
var classes = []class{
	{"timeout", regexp.MustCompile(`^timeout$`)},
}

var (
	positions = regexp.MustCompile(`[\w./\[\]-]*:\d+:\d+:?\s*`)
	quoted    = regexp.MustCompile(`"[^"]*"|'[^']*'|\x60[^\x60]*\x60`)
	numbers   = regexp.MustCompile(`\b0x[0-9a-f]+\b|\b\d+\b`)
)

// Classify names the cause of a failure from its first error line (detail)
// and output: a known class, or the line with positions, quoted names and
// numbers removed, so that the same error in different programs counts
// once.
func Classify(detail, output string) string {
	for _, c := range classes {
		if c.re.MatchString(detail) {
			return c.name
		}
	}
	s := positions.ReplaceAllString(detail, "")
	s = quoted.ReplaceAllString(s, "Q")
	s = numbers.ReplaceAllString(s, "N")
	s = strings.TrimSpace(s)
	if len(s) > 90 {
		s = s[:90]
	}
	return s
}
