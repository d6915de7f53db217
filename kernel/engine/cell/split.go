package cell

import (
	"go/scanner"
	"go/token"
	"sort"
)

// itemKind classifies a top-level piece of a cell by its leading tokens.
type itemKind int

const (
	itemStmt    itemKind = iota // a statement (including `x := e`)
	itemImport                  // an import declaration
	itemDecl                    // a func, method, type, const or var declaration
	itemPackage                 // a package clause, ignored
)

// span is a top-level piece of the cell: the bytes [start, end) from its first
// token to the end of its last token, without the terminating semicolon.
type span struct {
	kind       itemKind
	start, end int
}

// tok is one scanned token.
type tok struct {
	tok token.Token
	off int
	end int
}

// scanTokens scans src (without comments) and returns its tokens, automatic
// semicolons included. Scanner errors are left to the parser.
func scanTokens(src string) (toks []tok) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := file.Offset(pos)
		toks = append(toks, tok{tok: t, off: off, end: tokenEnd(src, off, t, lit)})
	}
	return toks
}

// tokenEnd returns the offset just past the token at off. The scanner strips
// carriage returns from raw strings, so their length is measured in src.
func tokenEnd(src string, off int, t token.Token, lit string) int {
	switch {
	case t == token.SEMICOLON && lit == "\n":
		return off // an automatic semicolon occupies no source text
	case t == token.STRING && off < len(src) && src[off] == '`':
		for i := off + 1; i < len(src); i++ {
			if src[i] == '`' {
				return i + 1
			}
		}
		return len(src)
	case lit != "":
		return min(off+len(lit), len(src))
	case t == token.EOF:
		return off
	}
	return min(off+len(t.String()), len(src))
}

// split cuts src at its top-level statement boundaries (semicolons, explicit
// or automatic, outside any bracket) and classifies each piece. Stray closing
// brackets do not make the depth negative; the parser reports them.
func split(src string) []span {
	toks := scanTokens(src)
	var spans []span
	depth := 0
	first := -1 // index of the first token of the current piece
	flush := func(last int) {
		if first >= 0 && last >= first {
			spans = append(spans, span{
				kind:  classify(toks[first : last+1]),
				start: toks[first].off,
				end:   toks[last].end,
			})
		}
		first = -1
	}
	for i, t := range toks {
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth > 0 {
				depth--
			}
		case token.SEMICOLON:
			if depth == 0 {
				flush(i - 1)
				continue
			}
		}
		if first < 0 {
			first = i
		}
	}
	flush(len(toks) - 1)
	return spans
}

// classify tells a declaration from a statement by its leading tokens.
// `func name`, `func (recv) name(` are declarations; any other `func` starts a
// function literal, so a statement.
func classify(ts []tok) itemKind {
	switch ts[0].tok {
	case token.IMPORT:
		return itemImport
	case token.CONST, token.VAR, token.TYPE:
		return itemDecl
	case token.PACKAGE:
		if len(ts) == 2 && ts[1].tok == token.IDENT {
			return itemPackage
		}
		return itemStmt
	case token.FUNC:
		if len(ts) > 1 && ts[1].tok == token.IDENT {
			return itemDecl
		}
		if len(ts) > 1 && ts[1].tok == token.LPAREN {
			depth := 0
			for i := 1; i < len(ts); i++ {
				switch ts[i].tok {
				case token.LPAREN, token.LBRACK, token.LBRACE:
					depth++
				case token.RPAREN, token.RBRACK, token.RBRACE:
					depth--
				}
				if depth == 0 {
					if i+2 < len(ts) && ts[i+1].tok == token.IDENT &&
						(ts[i+2].tok == token.LPAREN || ts[i+2].tok == token.LBRACK) {
						return itemDecl
					}
					return itemStmt
				}
			}
		}
	}
	return itemStmt
}

// lineIndex converts byte offsets of the cell to 1-based lines and columns.
type lineIndex []int // offsets of line starts

func newLineIndex(src string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// pos returns the line and column of off (clamped to the source).
func (l lineIndex) pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	i := sort.Search(len(l), func(i int) bool { return l[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - l[i] + 1
}
