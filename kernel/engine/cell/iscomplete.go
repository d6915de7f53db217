package cell

import (
	"go/scanner"
	"go/token"
	"strings"
)

// indentUnit is one level of indentation for the next line. Go's own style
// is a tab, but jupyter console (the client that uses the indent) shows a
// tab as ^I, so the kernel suggests four spaces, which compile the same.
const indentUnit = "    "

// IsComplete classifies code for Jupyter's is_complete_request:
//
//   - "incomplete" when more lines are needed: an open bracket, an unclosed
//     raw string or block comment, or a last token that cannot end a
//     statement (a binary operator, a comma, `else`, ...). indent is the
//     indentation for the next line, indentUnit per open bracket (at least one
//     for a continued expression).
//   - "invalid" when no continuation can make the code valid: a mismatched
//     closing bracket, an unterminated interpreted string, an illegal
//     character, or any other syntax error Parse reports.
//   - "complete" otherwise, including for empty code and comments alone.
func IsComplete(src string) (status, indent string) {
	if strings.Trim(src, " \t\r\n") == "" {
		return "complete", ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	unterminated, bad := false, false
	s.Init(file, []byte(src), func(_ token.Position, msg string) {
		switch msg {
		case "comment not terminated", "raw string literal not terminated":
			unterminated = true
		default:
			bad = true
		}
	}, scanner.ScanComments)
	var stack []token.Token
	last := token.ILLEGAL
	for {
		_, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		switch t {
		case token.COMMENT:
			continue
		case token.SEMICOLON:
			if lit == "\n" {
				continue
			}
		case token.LPAREN, token.LBRACK, token.LBRACE:
			stack = append(stack, t)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) == 0 || closer(stack[len(stack)-1]) != t {
				return "invalid", ""
			}
			stack = stack[:len(stack)-1]
		}
		last = t
	}
	switch {
	case bad:
		return "invalid", ""
	case unterminated:
		return "incomplete", ""
	case len(stack) > 0:
		return "incomplete", strings.Repeat(indentUnit, len(stack))
	case continues(last):
		return "incomplete", indentUnit
	}
	if _, err := Parse("cell", src, Options{}); err != nil {
		return "invalid", ""
	}
	return "complete", ""
}

// closer returns the closing bracket of an opening one.
func closer(open token.Token) token.Token {
	switch open {
	case token.LPAREN:
		return token.RPAREN
	case token.LBRACK:
		return token.RBRACK
	}
	return token.RBRACE
}

// continues reports whether a line ending with t continues on the next line:
// operators other than closing brackets and ++/--, and keywords other than
// break, continue, fallthrough and return.
func continues(t token.Token) bool {
	switch t {
	case token.RPAREN, token.RBRACK, token.RBRACE, token.INC, token.DEC, token.SEMICOLON,
		token.BREAK, token.CONTINUE, token.FALLTHROUGH, token.RETURN:
		return false
	}
	return t.IsOperator() || t.IsKeyword()
}
