package cell

import (
	"fmt"
	"strings"
)

// maxErrors bounds the number of syntax errors reported for one cell.
const maxErrors = 10

// ErrorItem is one syntax error at a position of the cell.
type ErrorItem struct {
	Pos  string // "cell[3]:4:7"
	Line int    // 1-based line in the cell
	Col  int    // 1-based byte column in the line
	Msg  string // the parser's message, e.g. "expected ';', found x"
}

// String renders the item as "cell[3]:4:7: msg".
func (e ErrorItem) String() string { return e.Pos + ": " + e.Msg }

// Error is the error [Parse] returns for a cell that does not compile as Go
// syntax (or uses a construct the interpreter cannot run, see the message). It
// lists up to 10 errors sorted by position.
type Error struct {
	List []ErrorItem
}

// Error renders the items one per line: "cell[3]:4:7: expected ';', found x".
func (e *Error) Error() string {
	if e == nil || len(e.List) == 0 {
		return "cell: no errors"
	}
	var b strings.Builder
	for i, it := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(it.String())
	}
	return b.String()
}

// errorAt builds an ErrorItem for a byte offset of the cell source.
func (c *cellParse) errorAt(off int, format string, args ...any) ErrorItem {
	line, col := c.lines.pos(off)
	return ErrorItem{
		Pos:  fmt.Sprintf("%s:%d:%d", c.name, line, col),
		Line: line,
		Col:  col,
		Msg:  fmt.Sprintf(format, args...),
	}
}
