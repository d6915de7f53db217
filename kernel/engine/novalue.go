package engine

import (
	"go/scanner"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// noValueMsg matches yaegi's messages for a call of a function without
// results used as a value (`g(f())` where f returns nothing): "cannot use
// func(int) as type ()", or "... as type interface {}" for an argument of
// type any (taken for a call only when a call starts at the position: a
// func value converts to any).
var noValueMsg = regexp.MustCompile(`^(([^\s:]+):(\d+):(\d+): )cannot use func\(.*\) as type (\(\)|interface \{\})$`)

// noValue rewrites that message of a compile error of the cell name (source
// src) as Go's: "f(1) (no value) used as value".
func noValue(e *Error, name, src string) {
	if e == nil || e.Name != NameCompile {
		return
	}
	for i, l := range e.Traceback {
		m := noValueMsg.FindStringSubmatch(l)
		if m == nil || m[2] != name {
			continue
		}
		line, _ := strconv.Atoi(m[3])
		col, _ := strconv.Atoi(m[4])
		call := callAt(src, line, col)
		if call == "" && m[5] != "()" {
			continue
		}
		if call == "" {
			call = "call"
		}
		e.Traceback[i] = m[1] + call + " (no value) used as value"
		if l == e.Value {
			e.Value = e.Traceback[i]
		}
	}
}

// callAt returns the text of the call expression starting at line:col
// (1-based, bytes) of src: up to the parenthesis closing its first
// argument list, or "" if there is none on that line.
func callAt(src string, line, col int) string {
	lines := strings.SplitAfter(src, "\n")
	if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1]) {
		return ""
	}
	text := lines[line-1][col-1:]
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(text)), []byte(text), nil, 0)
	depth := 0
	for {
		pos, tok, _ := s.Scan()
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth--; depth == 0 && tok == token.RPAREN {
				return text[:fset.Position(pos).Offset+1]
			}
			if depth < 0 {
				return ""
			}
		case token.EOF, token.SEMICOLON, token.COMMA:
			if depth == 0 {
				return ""
			}
			if tok == token.EOF {
				return ""
			}
		}
	}
}
