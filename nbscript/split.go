package nbscript

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// kind classifies a top-level piece of a cell.
type kind int

const (
	kindStmts   kind = iota // one or more statements
	kindImport              // an import declaration
	kindDecl                // a func, method, type, const or var declaration
	kindSkip                // nothing but comments
	kindPackage             // a package clause, dropped
)

// piece is a run of a cell's text: leading comments and blank lines, the
// piece itself, and the rest of its last line.
type piece struct {
	kind kind
	text string
}

// splitCell cuts src at its top-level semicolons (outside any bracket) and
// classifies each piece; consecutive statements are merged into one piece.
// Comments go with the piece that follows them, a comment at the end of a
// line with the piece on that line.
func splitCell(src string) []piece {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	var pieces []piece
	start, depth := 0, 0
	var first []token.Token // the first two tokens of the current piece
	cut := func(end int) {
		text := src[start:end]
		start = end
		if len(first) == 0 {
			if strings.TrimSpace(text) != "" && len(pieces) > 0 { // trailing comments
				pieces[len(pieces)-1].text += text
			} else if strings.TrimSpace(text) != "" {
				pieces = append(pieces, piece{kind: kindSkip, text: text})
			}
			return
		}
		k := classify(first, text)
		first = nil
		if k == kindStmts && len(pieces) > 0 && pieces[len(pieces)-1].kind == kindStmts {
			pieces[len(pieces)-1].text += text
			return
		}
		pieces = append(pieces, piece{kind: k, text: text})
	}
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := file.Offset(pos)
		switch t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth = max(0, depth-1)
		case token.SEMICOLON:
			if depth > 0 {
				break
			}
			end := off + 1
			if lit == "\n" { // automatic: the piece runs to the end of its line
				end = len(src)
				if i := strings.IndexByte(src[off:], '\n'); i >= 0 {
					end = off + i + 1
				}
			}
			cut(max(end, start))
			continue
		}
		if len(first) < 2 {
			first = append(first, t)
		}
	}
	cut(len(src))
	return pieces
}

// classify returns the kind of a piece from its first tokens, checking with
// the parser that what looks like a declaration is one (`func() {…}()` is a
// statement).
func classify(first []token.Token, text string) kind {
	switch first[0] {
	case token.PACKAGE:
		return kindPackage
	case token.IMPORT:
		return kindImport
	case token.TYPE, token.CONST, token.VAR, token.FUNC:
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+text, parser.SkipObjectResolution)
		if err == nil && len(f.Decls) == 1 {
			if _, ok := f.Decls[0].(*ast.GenDecl); ok || first[0] == token.FUNC {
				return kindDecl
			}
		}
	}
	return kindStmts
}
