package gotypes

import (
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gokernel/gokernel/kernel/gotypes/api"
)

// Item is one completion.
type Item struct {
	Text      string
	Kind      string        // function, class, module, keyword, instance, property
	Signature string        // its type, for a function its signature
	rank      int           // items of lower rank come first
	sig       func() string // computes Signature, for the items kept
}

// Completion answers a complete_request. Start and End are in Unicode code
// points, like the request's cursor: the text between them is what an item
// replaces.
type Completion struct {
	Items      []Item
	Start, End int
}

// Complete returns the completions at cursor (in code points) of code.
func (c *Checker) Complete(code string, cursor int) Completion {
	cur := byteOffset(code, cursor)
	start, end := identAround(code, cur)
	comp := Completion{Start: runeCount(code[:start]), End: runeCount(code[:end])}
	prefix := code[start:cur]

	ctx := scanContext(code[:cur])
	switch {
	case ctx.importPath:
		q := strings.LastIndexByte(code[:cur], '"')
		comp.Start = runeCount(code[:q+1])
		close := strings.IndexAny(code[cur:], "\"\n")
		if close >= 0 && code[cur+close] == '"' {
			comp.End = runeCount(code[:cur+close])
		} else {
			comp.End = cursor
		}
		comp.Items = importPaths(code[q+1 : cur])
		return comp
	case ctx.inLiteral:
		comp.Start, comp.End = cursor, cursor
		return comp
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
	var items []Item
	if start > 0 && code[start-1] == '.' {
		items = c.selectorItems(code, start, end, lineEnd)
	} else {
		src := closeBrackets(code[:lineEnd])
		ck := c.check("cell", src)
		pos := ck.pos(start)
		items = ck.literalFields(pos)
		for i := range items {
			items[i].rank = -1
		}
		items = append(items, ck.scopeNames(pos)...)
		if ctx.stmtStart {
			for _, k := range keywords {
				items = append(items, Item{Text: k, Kind: "keyword"})
			}
		}
		for n, p := range c.preload {
			items = append(items, Item{Text: n, Kind: "module", Signature: "package " + n + ` "` + p + `"`})
		}
	}
	comp.Items = filter(items, prefix)
	return comp
}

// selectorItems completes after the dot at start-1. When the cell does not
// get that far (a syntax error before the cursor's line swallowed it), the
// cursor's line is checked alone.
func (c *Checker) selectorItems(code string, start, end, lineEnd int) []Item {
	ck := c.check("cell", closeBrackets(code[:start]+"_"+code[end:lineEnd]))
	items, found := ck.members(ck.pos(start))
	if found {
		return items
	}
	ls := strings.LastIndexByte(code[:start], '\n') + 1
	if ls == 0 {
		return items
	}
	line := code[ls:start] + "_" + code[end:lineEnd]
	ck = c.check("cell", closeBrackets(line))
	items, _ = ck.members(ck.pos(start - ls))
	return items
}

// keywords are offered where a statement begins.
var keywords = []string{"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "range", "return",
	"select", "struct", "switch", "type", "var"}

// filter keeps the items that begin with prefix (those with the same case
// first), without duplicates, sorted.
func filter(items []Item, prefix string) []Item {
	seen := map[string]bool{}
	var exact, folded []Item
	for _, it := range items {
		if seen[it.Text] || it.Text == "_" || strings.HasPrefix(it.Text, "_gk") {
			continue
		}
		switch {
		case strings.HasPrefix(it.Text, prefix):
			exact = append(exact, it)
		case len(it.Text) >= len(prefix) && strings.EqualFold(it.Text[:len(prefix)], prefix):
			folded = append(folded, it)
		default:
			continue
		}
		seen[it.Text] = true
	}
	less := func(a, b Item) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.Text, b.Text)
	}
	slices.SortStableFunc(exact, less)
	slices.SortStableFunc(folded, less)
	out := append(exact, folded...)
	for i := range out {
		if out[i].sig != nil {
			out[i].Signature = out[i].sig()
			out[i].sig = nil
		}
	}
	return out
}

// importPaths offers the importable paths that begin with prefix, or whose
// last element does.
func importPaths(prefix string) []Item {
	var out, more []Item
	for _, p := range api.Packages() {
		if strings.HasSuffix(p.Path, "_test") || strings.Contains(p.Path, "internal") {
			continue
		}
		it := Item{Text: p.Path, Kind: "module", Signature: "package " + p.Name}
		switch {
		case strings.HasPrefix(p.Path, prefix):
			out = append(out, it)
		case prefix != "" && strings.HasPrefix(p.Path[strings.LastIndex(p.Path, "/")+1:], prefix):
			more = append(more, it)
		}
	}
	return append(out, more...)
}

// members lists what may follow the dot of the selector whose Sel is at
// pos: a package's exported names, or a value's or type's fields and methods.
// found reports whether the expression before the dot has a type.
func (ck *checked) members(pos token.Pos) (items []Item, found bool) {
	var sel *ast.SelectorExpr
	ast.Inspect(ck.file, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok && s.Sel.Pos() == pos {
			sel = s
		}
		return sel == nil
	})
	if sel == nil {
		return nil, false
	}
	if id, ok := sel.X.(*ast.Ident); ok {
		if pn, ok := ck.info.Uses[id].(*types.PkgName); ok {
			sc := pn.Imported().Scope()
			for _, n := range sc.Names() {
				if obj := sc.Lookup(n); obj.Exported() {
					items = append(items, ck.item(obj))
				}
			}
			return items, true
		}
	}
	tv, ok := ck.info.Types[sel.X]
	if !ok || tv.Type == nil || tv.Type == types.Typ[types.Invalid] {
		return nil, false
	}
	return ck.fieldsAndMethods(tv.Type, tv.IsType()), true
}

// fieldsAndMethods lists the fields (through embedded structs and
// pointers) and methods of t; for a type (method expression) only methods.
func (ck *checked) fieldsAndMethods(t types.Type, isType bool) []Item {
	var items []Item
	ms := types.NewMethodSet(t)
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && !types.IsInterface(t) && !isType {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for m := range ms.Methods() {
		if ck.visible(m.Obj()) {
			items = append(items, ck.item(m.Obj()))
		}
	}
	if isType {
		return items
	}
	seen := map[*types.Struct]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || seen[st] {
			return
		}
		seen[st] = true
		for f := range st.Fields() {
			if ck.visible(f) {
				items = append(items, ck.item(f))
			}
			if f.Embedded() {
				walk(f.Type())
			}
		}
	}
	walk(t)
	return items
}

// visible reports whether obj may be named from a cell.
func (ck *checked) visible(obj types.Object) bool {
	return obj.Exported() || obj.Pkg() == nil || obj.Pkg().Path() == "main"
}

// scopeNames lists the names in scope at pos: the innermost scope's and
// its parents' up to the universe, locals only when declared before pos.
func (ck *checked) scopeNames(pos token.Pos) []Item {
	var items []Item
	s := ck.pkg.Scope().Innermost(pos)
	if s == nil {
		s = ck.pkg.Scope()
	}
	for ; s != nil; s = s.Parent() {
		local := s != ck.pkg.Scope() && s != types.Universe && s.Parent() != types.Universe
		for _, n := range s.Names() {
			obj := s.Lookup(n)
			if local && obj.Pos() >= pos {
				continue
			}
			items = append(items, ck.item(obj))
		}
	}
	return items
}

// literalFields lists the field names of the struct literal whose key
// position pos is, if any.
func (ck *checked) literalFields(pos token.Pos) []Item {
	var lit *ast.CompositeLit
	ast.Inspect(ck.file, func(n ast.Node) bool {
		if n == nil || n.Pos() > pos || n.End() < pos {
			return false
		}
		if cl, ok := n.(*ast.CompositeLit); ok && cl.Lbrace < pos && pos <= cl.Rbrace {
			lit = cl
		}
		return true
	})
	if lit == nil {
		return nil
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok && kv.Value.Pos() <= pos && pos <= kv.Value.End() {
			return nil // in a value: ordinary names
		}
	}
	tv, ok := ck.info.Types[lit]
	if !ok || tv.Type == nil {
		return nil
	}
	t := tv.Type
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var items []Item
	for f := range st.Fields() {
		if ck.visible(f) {
			items = append(items, ck.item(f))
		}
	}
	return items
}

// item describes obj; its signature is computed when it is kept.
func (ck *checked) item(obj types.Object) Item {
	it := Item{Text: obj.Name(), sig: func() string { return ck.signature(obj) }}
	switch o := obj.(type) {
	case *types.Func, *types.Builtin:
		it.Kind = "function"
	case *types.TypeName:
		it.Kind = "class"
	case *types.PkgName:
		it.Kind = "module"
	case *types.Var:
		it.Kind = "instance"
		if o.IsField() {
			it.Kind = "property"
		}
	case *types.Const:
		it.Kind = "constant"
	case *types.Nil:
		it.Kind = "keyword"
	}
	return it
}

// signature is what an item shows of obj: its type (a function's
// signature), a constant's value.
func (ck *checked) signature(obj types.Object) string {
	sig := types.TypeString(obj.Type(), ck.qualifier)
	switch o := obj.(type) {
	case *types.Builtin:
		return "builtin"
	case *types.TypeName:
		if o.IsAlias() {
			return "= " + sig
		}
	case *types.PkgName:
		return "package " + o.Imported().Name() + ` "` + o.Imported().Path() + `"`
	case *types.Const:
		if o.Val() != nil && o.Pkg() != nil {
			return sig + " = " + o.Val().ExactString()
		}
	}
	return sig
}

// qualifier names other packages by their names, and the session's own
// types without one.
func (ck *checked) qualifier(p *types.Package) string {
	if p.Path() == "main" {
		return ""
	}
	return p.Name()
}

// context is what the text before the cursor says about it.
type context struct {
	importPath bool // inside the path of an import
	inLiteral  bool // inside another string, rune or comment
	stmtStart  bool // the cursor's word begins a statement
}

// scanContext scans the text before the cursor.
func scanContext(before string) context {
	var ctx context
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(before))
	var s scanner.Scanner
	open := false
	s.Init(file, []byte(before), func(_ token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			open = true
		}
	}, scanner.ScanComments)
	prev := token.ILLEGAL // the token before the last
	last := token.ILLEGAL
	lastEnd := 0
	inImport, importGroup := false, false
	var prevSig token.Token = token.SEMICOLON
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF || (tok == token.SEMICOLON && lit == "\n" && file.Offset(pos) >= len(before)) {
			break
		}
		if tok == token.COMMENT {
			lastEnd = file.Offset(pos) + len(lit)
			last = tok
			continue
		}
		switch {
		case tok == token.IMPORT:
			inImport = true
		case inImport && tok == token.LPAREN:
			importGroup = true
		case importGroup && tok == token.RPAREN:
			inImport, importGroup = false, false
		case inImport && !importGroup && tok == token.SEMICOLON && lit == ";":
			inImport = false
		case inImport && !importGroup && tok == token.SEMICOLON && lit == "\n":
			inImport = false
		}
		if tok == token.STRING || tok == token.CHAR {
			lastEnd = file.Offset(pos) + len(lit)
		} else {
			lastEnd = file.Offset(pos) + len(lit)
			if lit == "" {
				lastEnd = file.Offset(pos) + len(tok.String())
			}
		}
		prev, last = last, tok
		if !((tok == token.IDENT || tok.IsKeyword()) && lastEnd == len(before)) {
			prevSig = tok
		}
	}
	_ = prev
	if open {
		// An unterminated string, rune or comment runs to the cursor.
		trimmed := strings.TrimRightFunc(before, func(r rune) bool { return r != '"' && r != '`' && r != '\'' })
		isPath := strings.HasSuffix(trimmed, `"`) && inImport && !strings.Contains(before[len(trimmed):], "\n")
		ctx.importPath = isPath
		ctx.inLiteral = !isPath
		return ctx
	}
	if (last == token.COMMENT || last == token.STRING || last == token.CHAR) && lastEnd == len(before) {
		ctx.inLiteral = true
		return ctx
	}
	if last == token.COMMENT && strings.HasPrefix(strings.TrimSpace(before[strings.LastIndex(before, "\n")+1:]), "//") {
		ctx.inLiteral = true
		return ctx
	}
	switch prevSig {
	case token.SEMICOLON, token.LBRACE, token.RBRACE, token.COLON:
		ctx.stmtStart = true
	}
	return ctx
}

// identAround returns the bounds of the identifier characters around byte
// offset cur (start == end == cur when there are none).
func identAround(code string, cur int) (start, end int) {
	start = cur
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) {
			break
		}
		start -= n
	}
	end = cur
	for end < len(code) {
		r, n := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += n
	}
	return start, end
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// byteOffset converts an offset in code points to one in bytes (clamped).
func byteOffset(s string, runes int) int {
	if runes <= 0 {
		return 0
	}
	i := 0
	for off := range s {
		if i == runes {
			return off
		}
		i++
	}
	return len(s)
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }
