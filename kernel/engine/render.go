package engine

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxValueLen bounds a rendered value; a slice of a million numbers is cut.
const maxValueLen = 1 << 16

// render formats the values of a cell's trailing expression as text/plain
// (the rule is documented on Value).
func render(vs []any) string {
	var s string
	if len(vs) == 1 {
		s = renderOne(vs[0])
	} else {
		parts := make([]string, len(vs))
		for i, v := range vs {
			parts[i] = renderOne(v)
		}
		s = "(" + strings.Join(parts, ", ") + ")"
	}
	if len(s) > maxValueLen {
		cut := maxValueLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = fmt.Sprintf("%s… (%d more bytes)", s[:cut], len(s)-cut)
	}
	return s
}

func renderOne(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%v", v)
}
