package engine

import (
	"fmt"
	"go/ast"
	"go/parser"
	"reflect"
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

// shownResults applies the display rule for a trailing call (see Value) to
// its results: a last result that is nil (a nil error) is dropped, and
// nothing is shown (nil) when every remaining result is nil. Values of
// other trailing expressions are returned as they are.
func shownResults(src string, vs []any) []any {
	if !isCall(src) {
		return vs
	}
	if len(vs) > 1 && isNil(vs[len(vs)-1]) {
		vs = vs[:len(vs)-1]
	}
	for _, v := range vs {
		if !isNil(v) {
			return vs
		}
	}
	return nil
}

// isCall reports whether a trailing expression's source (after its line
// directive) is a call expression: not a conversion of a literal, which
// parses the same way but shows its value anyway (only calls can be nil
// results the way Python's None is).
func isCall(src string) bool {
	e, err := parser.ParseExpr(src)
	if err != nil {
		return false
	}
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}

// isNil reports whether v is nil: a nil interface (a nil error or any) or a
// nil pointer.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}
