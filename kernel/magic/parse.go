package magic

import (
	"fmt"
	"go/scanner"
	"go/token"
	"strings"
)

// Line is one magic of a cell: a line magic (`%name args`), a shell line
// (`!cmd`, Name "!") or a cell magic (`%%name args`, whose Body is the rest
// of the cell).
type Line struct {
	Name string // without the % signs; "!" for a shell line
	Args string // the rest of the line, trimmed
	Cell bool   // a cell magic
	// Body is a cell magic's body: the lines after its first, as written.
	Body string
	// LineNo is the magic's line in the cell (1-based), Col the column
	// (1-based) where Args starts.
	LineNo, Col int
}

// String returns the magic as it is written: "%time", "%%bash", "!".
func (l Line) String() string {
	switch {
	case l.Name == "!":
		return "!"
	case l.Cell:
		return "%%" + l.Name
	}
	return "%" + l.Name
}

// Cell is a cell split into its magics and its Go code.
type Cell struct {
	// Magics are the magics of the cell's header, in order. A cell magic,
	// if any, is the only one.
	Magics []Line
	// Code is the Go code after the header, with the header's lines
	// blanked so that positions in it are the cell's positions; "" when
	// there is none (or the cell is a cell magic).
	Code string
}

// Error is a magic written where it cannot run: after Go code, a cell
// magic not on the cell's first line.
type Error struct {
	LineNo int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.LineNo, e.Msg) }

// Parse splits src into its header of magics and its Go code.
//
// A cell's header is its leading lines that are blank, `//` comments, line
// magics (`%name args`) or shell lines (`!cmd`); the Go code starts at the
// first other line. A cell magic (`%%name args`) must be the first
// non-blank line; the whole rest of the cell is its body. A cell without
// magics parses to its own text as Code.
//
// A magic line inside the Go code is an *Error naming the line: a line that
// starts with `%` outside strings and comments (never valid Go), or with
// `!` where Go would begin a new statement (after a line that ends a
// statement: an expression statement `!x` is not valid Go either).
func Parse(src string) (*Cell, error) {
	lines := strings.SplitAfter(src, "\n")
	c := &Cell{}
	i := 0
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case t == "" || strings.HasPrefix(t, "//"):
			continue
		case strings.HasPrefix(t, "%%"):
			if len(c.Magics) > 0 {
				return nil, &Error{LineNo: i + 1, Msg: fmt.Sprintf("cell magic %s must be the first line of its cell", firstWord(t))}
			}
			m := lineMagic(lines[i], i+1, true)
			m.Body = strings.Join(lines[i+1:], "")
			c.Magics = []Line{m}
			return c, nil
		case strings.HasPrefix(t, "%") || isShellLine(t):
			c.Magics = append(c.Magics, lineMagic(lines[i], i+1, false))
			continue
		}
		break
	}
	if i == len(lines) {
		return c, nil
	}
	var b strings.Builder
	for j, l := range lines {
		if j < i {
			if strings.HasSuffix(l, "\n") {
				b.WriteByte('\n')
			}
			continue
		}
		b.WriteString(l)
	}
	c.Code = b.String()
	if err := checkCode(c.Code); err != nil {
		return nil, err
	}
	return c, nil
}

// Plain reports whether src certainly has no magic: no line starts (after
// blanks) with % or !. Most cells are plain, and skip Parse.
func Plain(src string) bool {
	for len(src) > 0 {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		// Trimmed as Parse trims (any Unicode space, \f and \v included).
		if t := strings.TrimSpace(line); t != "" && (t[0] == '%' || t[0] == '!') {
			return false
		}
	}
	return true
}

// isShellLine reports whether trimmed line t is a shell line: `!cmd`, not
// Go's `!=`.
func isShellLine(t string) bool {
	return strings.HasPrefix(t, "!") && !strings.HasPrefix(t, "!=")
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// lineMagic parses one magic line (its text may end in a newline).
func lineMagic(raw string, lineNo int, cellMagic bool) Line {
	l := strings.TrimRight(raw, "\r\n")
	indent := len(l) - len(strings.TrimLeft(l, " \t"))
	t := l[indent:]
	m := Line{LineNo: lineNo, Cell: cellMagic}
	var rest string
	var off int
	if t[0] == '!' {
		m.Name, rest, off = "!", t[1:], 1
	} else {
		off = 1
		if cellMagic {
			off = 2
		}
		name := t[off:]
		end := strings.IndexAny(name, " \t")
		if end < 0 {
			end = len(name)
		}
		m.Name, rest, off = name[:end], name[end:], off+end
	}
	trimmed := strings.TrimLeft(rest, " \t")
	m.Col = indent + off + (len(rest) - len(trimmed)) + 1
	m.Args = strings.TrimRight(trimmed, " \t")
	return m
}

// checkCode reports a magic line inside Go code src.
func checkCode(src string) error {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	lastLine := 0        // the line of the last token's end: a token after it on that line does not start a line
	prevEndsStmt := true // at the start of the code a statement begins
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return nil
		}
		line := file.Line(pos)
		if tok == token.SEMICOLON && lit == "\n" {
			prevEndsStmt = true
			continue
		}
		if tok == token.COMMENT { // a line that starts with a comment is no magic line (Plain)
			lastLine = line + strings.Count(lit, "\n")
			continue
		}
		if line != lastLine {
			lastLine = line
			switch {
			case tok == token.REM || tok == token.REM_ASSIGN:
				return &Error{LineNo: line, Msg: fmt.Sprintf("%s is a magic command: magics go at the top of a cell, before its Go code (%%help lists them)",
					firstWord(strings.TrimSpace(lineAt(src, line))))}
			case tok == token.NOT && prevEndsStmt:
				return &Error{LineNo: line, Msg: "a !shell line must come before the cell's Go code: magics and shell lines go at the top of a cell"}
			}
		}
		// A raw string may end on a later line, which then does not start
		// with the token after it.
		lastLine = line + strings.Count(lit, "\n")
		// After `{`, `:` or `;` a `!` may be Go: `[]bool{\n!a}`, `for ;\n!done;`.
		prevEndsStmt = false
	}
}

// lineAt returns line n (1-based) of src.
func lineAt(src string, n int) string {
	lines := strings.Split(src, "\n")
	if n-1 < len(lines) {
		return lines[n-1]
	}
	return ""
}

// IsComplete classifies a cell for is_complete_request as IPython does for
// magics: a cell magic is incomplete until it ends with an empty line, a
// header of line magics alone is complete, and Go code after the header is
// classified by goComplete.
func IsComplete(src string, goComplete func(string) (string, string)) (status, indent string) {
	c, err := Parse(src)
	if err != nil {
		return "invalid", ""
	}
	if len(c.Magics) == 0 {
		return goComplete(src)
	}
	if c.Magics[0].Cell {
		if strings.HasSuffix(src, "\n\n") || strings.HasSuffix(src, "\n\r\n") {
			return "complete", ""
		}
		return "incomplete", ""
	}
	if strings.TrimSpace(c.Code) == "" {
		return "complete", ""
	}
	return goComplete(c.Code)
}
