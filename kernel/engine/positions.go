package engine

import (
	"regexp"
	"strings"
)

// Positions. The rewriter marks every piece of source with //line and
// /*line*/ directives naming the cell so that errors and panics point into
// the cell's text. yaegi, however, resolves package names per file: an
// import evaluated in its REPL mode is registered for the file "_.go", and
// a package name used in a var initializer is looked up for the file of its
// (directive-adjusted) position — under "cell[3]" it is not found
// ("incomplete type bufio"). yaegi only uses the base name of the file, so
// directives must name "cell[3]/_.go", whose base name is "_.go". The
// rewriter does so; the engine rewrites any other file name it is given
// (Replay of older declarations, its own directives) the same way, and
// turns "cell[3]/_.go:4:7" back into "cell[3]:4:7" in everything it
// reports.

// lineDirective matches the file name of a //line or /*line directive.
var lineDirective = regexp.MustCompile(`(//line |/\*line )([^\s:*]+):(\d)`)

// yaegiLines rewrites the file names of src's line directives for yaegi.
// It is idempotent.
func yaegiLines(src string) string {
	if !strings.Contains(src, "line ") {
		return src
	}
	return lineDirective.ReplaceAllStringFunc(src, func(m string) string {
		sub := lineDirective.FindStringSubmatch(m)
		if sub[2] == defaultFile || strings.HasSuffix(sub[2], "/"+defaultFile) {
			return m
		}
		return sub[1] + sub[2] + "/" + defaultFile + ":" + sub[3]
	})
}

// defaultFile is the file name yaegi gives sources evaluated as strings.
const defaultFile = "_.go"

// yaegiPosition matches a position in yaegi's messages.
var yaegiPosition = regexp.MustCompile(`([^\s:]+)/_\.go:(\d)`)

// cellPositions turns the positions in a message of yaegi's back into the
// cell's ("cell[3]/_.go:4:7" becomes "cell[3]:4:7").
func cellPositions(msg string) string {
	if !strings.Contains(msg, "/_.go:") {
		return msg
	}
	return yaegiPosition.ReplaceAllString(msg, "$1:$2")
}
