package gotypes

import (
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// segment is a top-level import or declaration of a cell, moved to package
// level in the cell's file.
type segment struct {
	start, end int // byte offsets in the cell
	imp        bool
	at         int // offset of its text in the file
}

// cellFile is a cell rewritten as a Go file: its imports and its func,
// method and type declarations at package level, the rest in the body of
// func _(), each piece after a line directive naming its place in the cell,
// so positions read back as the cell's (line:column).
type cellFile struct {
	text     string
	segs     []segment
	bodyAt   int // file offset of the cell's offset 0 in the body
	cellName string
}

// offset maps a byte offset of the cell to one of the file.
func (cf *cellFile) offset(off int) int {
	for _, s := range cf.segs {
		if off >= s.start && off <= s.end {
			return s.at + off - s.start
		}
	}
	return cf.bodyAt + off
}

// splitCell finds the top-level imports and declarations of a cell: the
// statements that begin, at bracket depth 0, with import, type, func NAME or
// func (recv) NAME(.
func splitCell(src string) []segment {
	type tk struct {
		off int
		tok token.Token
		lit string
	}
	var toks []tk
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		toks = append(toks, tk{file.Offset(pos), tok, lit})
	}
	var segs []segment
	depth := 0
	atStart := true
	open := -1 // index in segs of the segment being read
	for i, t := range toks {
		if atStart && depth == 0 && open < 0 {
			isDecl := false
			switch t.tok {
			case token.IMPORT, token.TYPE:
				isDecl = true
			case token.FUNC:
				isDecl = isFuncDecl(func(j int) token.Token {
					if i+j < len(toks) {
						return toks[i+j].tok
					}
					return token.EOF
				})
			}
			if isDecl {
				segs = append(segs, segment{start: t.off, end: len(src), imp: t.tok == token.IMPORT})
				open = len(segs) - 1
			}
		}
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth > 0 {
				depth--
			}
		}
		atStart = t.tok == token.SEMICOLON && depth == 0
		if atStart && open >= 0 {
			end := t.off
			if t.lit == ";" {
				end++
			}
			segs[open].end = end
			open = -1
		}
	}
	return segs
}

// isFuncDecl reports whether the tokens after func (at(1), at(2), ...)
// begin a function or method declaration rather than a function literal.
func isFuncDecl(at func(int) token.Token) bool {
	if at(1) == token.IDENT {
		return true
	}
	if at(1) != token.LPAREN {
		return false
	}
	depth := 0
	for j := 1; ; j++ {
		switch at(j) {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return at(j+1) == token.IDENT && (at(j+2) == token.LPAREN || at(j+2) == token.LBRACK)
			}
		case token.EOF:
			return false
		}
	}
}

// buildCell writes the file of a cell. header is what comes before the
// cell's own text (package clause and imports from the session).
func buildCell(name, header, src string) *cellFile {
	cf := &cellFile{cellName: name}
	segs := splitCell(src)
	var b strings.Builder
	b.WriteString(header)
	for _, imp := range []bool{true, false} {
		for i := range segs {
			s := &segs[i]
			if s.imp != imp {
				continue
			}
			b.WriteString(lineDirective(name, src, s.start))
			s.at = b.Len()
			b.WriteString(src[s.start:s.end])
			b.WriteString("\n")
		}
	}
	b.WriteString("func _() {\n")
	b.WriteString(lineDirective(name, src, 0))
	cf.bodyAt = b.Len()
	body := []byte(src)
	for _, s := range segs {
		for i := s.start; i < s.end; i++ {
			if body[i] != '\n' {
				body[i] = ' '
			}
		}
	}
	b.Write(body)
	b.WriteString("\n}\n")
	cf.text = b.String()
	cf.segs = segs
	return cf
}

// lineDirective returns a /*line*/ comment that gives the text after it the
// position of src[off] in the cell.
func lineDirective(name, src string, off int) string {
	line := 1 + strings.Count(src[:off], "\n")
	col := off - strings.LastIndex(src[:off], "\n")
	return "/*line " + name + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + "*/"
}

// closeBrackets returns src with the brackets still open at its end closed,
// innermost first; a string or comment left open is closed too.
func closeBrackets(src string) string {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	unterminated := ""
	s.Init(file, []byte(src), func(_ token.Position, msg string) {
		switch {
		case strings.Contains(msg, "string literal not terminated"):
			unterminated = "\""
		case strings.Contains(msg, "raw string literal not terminated"):
			unterminated = "`"
		case strings.Contains(msg, "rune literal not terminated"):
			unterminated = "'"
		case strings.Contains(msg, "comment not terminated"):
			unterminated = "*/"
		}
	}, 0)
	var stack []byte
	for {
		_, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN:
			stack = append(stack, ')')
		case token.LBRACK:
			stack = append(stack, ']')
		case token.LBRACE:
			stack = append(stack, '}')
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if unterminated == "" && len(stack) == 0 {
		return src
	}
	var b strings.Builder
	b.WriteString(src)
	b.WriteString(unterminated)
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i] == '}' {
			b.WriteString("\n")
		}
		b.WriteByte(stack[i])
	}
	return b.String()
}
