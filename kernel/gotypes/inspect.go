package gotypes

import (
	"go/ast"
	"go/doc/comment"
	"go/scanner"
	"go/token"
	"go/types"
	"strings"
)

// Inspection answers an inspect_request.
type Inspection struct {
	Found    bool
	Markdown string
	Text     string
}

// Inspect describes the name at cursor (in code points) of code: its
// declaration and doc comment; with detail ≥ 1, for the session's own
// declarations, their source too.
func (c *Checker) Inspect(code string, cursor, detail int) Inspection {
	cur := byteOffset(code, cursor)
	start, end := identAround(code, cur)
	if start == end {
		// After `f(` or `f( `: the function being called.
		i := cur
		for i > 0 && (code[i-1] == ' ' || code[i-1] == '(') {
			i--
		}
		start, end = identAround(code, i)
		if start == end {
			return Inspection{}
		}
	}
	if ctx := scanContext(code[:start]); ctx.inLiteral || ctx.importPath {
		return Inspection{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.recoverCheck()
	lineEnd := strings.IndexByte(code[end:], '\n')
	if lineEnd < 0 {
		lineEnd = len(code)
	} else {
		lineEnd += end
	}
	ck := c.check("cell", closeBrackets(code[:lineEnd]))
	obj, owner := ck.objectAt(ck.pos(start))
	if obj == nil {
		return Inspection{}
	}
	return c.describe(ck, code, obj, owner, detail)
}

// objectAt returns the object the identifier at pos denotes and, for a
// field or method, the named type it was found in.
func (ck *checked) objectAt(pos token.Pos) (types.Object, *types.TypeName) {
	var id *ast.Ident
	var sel *ast.SelectorExpr
	ast.Inspect(ck.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if n.Sel.Pos() == pos {
				sel = n
			}
		case *ast.Ident:
			if n.Pos() == pos {
				id = n
			}
		}
		return id == nil
	})
	if id == nil {
		return nil, nil
	}
	obj := ck.info.Uses[id]
	if obj == nil {
		obj = ck.info.Defs[id]
	}
	var owner *types.TypeName
	if sel != nil {
		if s, ok := ck.info.Selections[sel]; ok {
			owner = ownerOf(s)
		}
	}
	if owner == nil {
		if f, ok := obj.(*types.Func); ok {
			if r := f.Type().(*types.Signature).Recv(); r != nil {
				owner = namedOf(r.Type())
			}
		}
	}
	return obj, owner
}

// ownerOf returns the named type that declares the field or method a
// selection reaches, following its embedded fields.
func ownerOf(s *types.Selection) *types.TypeName {
	t := s.Recv()
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		t = st.Field(i).Type()
	}
	if f, ok := s.Obj().(*types.Func); ok {
		if r := f.Type().(*types.Signature).Recv(); r != nil {
			if tn := namedOf(r.Type()); tn != nil {
				return tn
			}
		}
	}
	return namedOf(t)
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func namedOf(t types.Type) *types.TypeName {
	if n, ok := types.Unalias(deref(t)).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

// describe renders obj's declaration, doc and (detail ≥ 1, the session's
// own) source.
func (c *Checker) describe(ck *checked, code string, obj types.Object, owner *types.TypeName, detail int) Inspection {
	qual := func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		return p.Name()
	}
	var sig, docText, docMD, src string
	switch o := obj.(type) {
	case *types.PkgName:
		p := o.Imported()
		sig = "package " + p.Name() + ` // import "` + p.Path() + `"`
		docText, docMD = renderDoc(c.u.Doc(p.Path(), ""))
	case *types.Builtin:
		sig = "func " + o.Name() + " (builtin)"
		docText, docMD = renderDoc(builtinDoc[o.Name()])
	default:
		sig = types.ObjectString(obj, qual)
		if v, ok := obj.(*types.Var); ok && v.IsField() && owner != nil {
			sig = "field " + obj.Name() + " " + types.TypeString(obj.Type(), qual) + " // in " + types.TypeString(owner.Type(), qual)
		}
		switch {
		case obj.Pkg() == nil:
			docText, docMD = renderDoc(builtinDoc[obj.Name()])
		case obj.Pkg().Path() == "main":
			d, s := c.ownDecl(ck, code, obj)
			docText, docMD = d, d
			if detail >= 1 {
				src = s
			}
		default:
			key := obj.Name()
			if owner != nil && !(obj.Parent() != nil && obj.Parent() == obj.Pkg().Scope()) {
				key = owner.Name() + "." + key
			}
			docText, docMD = renderDoc(c.u.Doc(obj.Pkg().Path(), key))
		}
	}
	var md, txt strings.Builder
	md.WriteString("```go\n" + sig + "\n```\n")
	txt.WriteString(sig + "\n")
	if docMD != "" {
		md.WriteString("\n" + docMD + "\n")
		txt.WriteString("\n" + docText + "\n")
	}
	if src != "" {
		md.WriteString("\n```go\n" + src + "\n```\n")
		txt.WriteString("\n" + src + "\n")
	}
	return Inspection{Found: true, Markdown: md.String(), Text: txt.String()}
}

// renderDoc renders a Go doc comment as text and as Markdown.
func renderDoc(d string) (text, md string) {
	if d == "" {
		return "", ""
	}
	var p comment.Parser
	doc := p.Parse(d)
	pr := comment.Printer{TextWidth: 80}
	return strings.TrimSpace(string(pr.Text(doc))), strings.TrimSpace(string(pr.Markdown(doc)))
}

// ownDecl returns the doc comment and source of one of the session's (or
// the cell's) own declarations, read from the cell it is in.
func (c *Checker) ownDecl(ck *checked, code string, obj types.Object) (doc, src string) {
	p := ck.fset.Position(obj.Pos())
	name := strings.TrimSuffix(p.Filename, "/_.go")
	text := code
	if name != "cell" {
		if c.sess == nil {
			return "", ""
		}
		t, ok := c.sess.CellSource(name)
		if !ok {
			return "", ""
		}
		text = t
	}
	lines := strings.Split(text, "\n")
	if p.Line < 1 || p.Line > len(lines) {
		return "", ""
	}
	var docLines []string
	for i := p.Line - 2; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "//") {
			break
		}
		docLines = append([]string{strings.TrimPrefix(strings.TrimPrefix(l, "//"), " ")}, docLines...)
	}
	off := 0
	for _, l := range lines[:p.Line-1] {
		off += len(l) + 1
	}
	return strings.Join(docLines, "\n"), statementAt(text, off)
}

// statementAt returns the statement or declaration of src that begins on
// the line starting at byte offset off: up to the end of the line where its
// brackets are all closed.
func statementAt(src string, off int) string {
	rest := src[off:]
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(rest))
	var s scanner.Scanner
	s.Init(file, []byte(rest), func(token.Position, string) {}, 0)
	depth := 0
	for {
		pos, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			return strings.TrimRight(rest, "\n ")
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.SEMICOLON:
			if depth <= 0 && lit == "\n" {
				return strings.TrimRight(rest[:file.Offset(pos)], " ")
			}
		}
	}
}

// builtinDoc describes the predeclared names (the text is ours, after the
// language specification).
var builtinDoc = map[string]string{
	"append":  "append appends elements to the end of a slice and returns the updated slice; it allocates a new underlying array when the capacity is not enough.",
	"cap":     "cap returns the capacity of a slice, array, or channel.",
	"clear":   "clear deletes all entries of a map, or sets all elements of a slice to their zero value.",
	"close":   "close closes a channel; receives still return the values sent before, then zero values.",
	"complex": "complex builds a complex value from a real and an imaginary part.",
	"copy":    "copy copies elements from a source slice into a destination slice and returns how many it copied.",
	"delete":  "delete removes the entry with the given key from a map (nothing happens if there is none).",
	"imag":    "imag returns the imaginary part of a complex number.",
	"len":     "len returns the length of a string, slice, array, map, or channel (number of bytes for a string).",
	"make":    "make allocates and initializes a slice, map, or channel.",
	"max":     "max returns the largest of its arguments.",
	"min":     "min returns the smallest of its arguments.",
	"new":     "new allocates a zero value of a type and returns a pointer to it.",
	"panic":   "panic stops the normal execution of the current goroutine; deferred functions run, and recover can stop it.",
	"print":   "print writes its arguments to standard error (for bootstrapping; use fmt).",
	"println": "println writes its arguments to standard error, separated by spaces, with a newline (use fmt).",
	"real":    "real returns the real part of a complex number.",
	"recover": "recover, called in a deferred function, stops a panic and returns its value.",
	"error":   "error is the interface of errors: a value with an Error() string method.",
	"any":     "any is an alias for interface{}: every type satisfies it.",
	"nil":     "nil is the zero value of pointers, channels, funcs, interfaces, maps and slices.",
	"iota":    "iota counts the constant specs of a const declaration, from 0.",
}
