package cell

import "go/ast"

// declKind is the kind of a declared name, as far as the rewrites care.
type declKind int

const (
	declVar declKind = iota
	declConst
	declType
	declFunc
)

// decl is what the analyzer knows about a declared name. Without a type
// checker this is syntactic: isInt is true only when the declaration makes
// the integer type evident (an int literal, len(...), int(...), `var n int`).
type decl struct {
	kind   declKind
	isInt  bool
	fn     *funcCtx // function whose body declares the name; nil at cell level
	inLoop bool     // declared inside a for/range statement of fn
	// loopVar: declared by a for statement's init or a range clause of fn
	// (not in a loop body): yaegi keeps one slot for it across iterations.
	loopVar bool
	item    *item // the cell-level item declaring it (cell level only)
}

// scope is a lexical block.
type scope struct {
	parent *scope
	names  map[string]*decl
}

func newScope(parent *scope) *scope {
	return &scope{parent: parent, names: map[string]*decl{}}
}

// lookup finds the innermost declaration of name, or nil when the name is
// declared neither in the cell nor locally (a global of an earlier cell, a
// package name, or a predeclared identifier).
func (s *scope) lookup(name string) *decl {
	for ; s != nil; s = s.parent {
		if d, ok := s.names[name]; ok {
			return d
		}
	}
	return nil
}

// funcCtx is a function body being analyzed: a FuncDecl, a FuncLit, or the
// cell's top-level statements (top).
type funcCtx struct {
	parent   *funcCtx
	lit      *ast.FuncLit
	top      bool
	loops    int              // for/range statements currently open in this body
	header   bool             // walking a for init or declaring range variables
	captures map[string]*decl // loop variables of enclosing functions read by lit
	writes   map[*decl]bool   // captured variables lit assigns or takes the address of
	recover  bool             // the body calls recover() directly
}

// intTypes are the predeclared integer type names.
var intTypes = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"uintptr": true, "byte": true, "rune": true,
}

// unparen strips parentheses.
func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}
