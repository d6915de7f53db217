package cell

import (
	"fmt"
	"go/token"
	"strings"
)

// Kind says what a chunk is and how the session runs it.
type Kind int

const (
	// Import: Src is one import declaration (`import "fmt"` or a group).
	// Names are the import paths. The session drops imports it has seen.
	Import Kind = iota
	// Decl: Src declares something; Names lists the declared identifiers
	// (methods as "T.M") and Tok is token.FUNC, token.TYPE, token.VAR or
	// token.CONST. Func, type and const declarations are one declaration,
	// or several mutually recursive ones that yaegi needs in one Eval. A var
	// chunk comes from a var declaration or a top-level `x := e`; its Src
	// starts (after the line directive) with ";", which puts yaegi in
	// statement mode: yaegi's file mode rejects a global var whose value
	// mentions an earlier cell's global ("variable definition loop").
	Decl
	// Stmts: a run of top-level statements in source order. Src declares a
	// func `_gkRunN_K` (or `_gkMainN` for a renamed func main) that holds
	// them; Call is the call expression to Eval after Src.
	Stmts
	// Expr: the trailing expression statement of the cell, whose value is
	// the cell's result. Not produced for calls of fmt.Print*, fmt.Fprint*,
	// log.*, print, println, panic, clear, close or delete, nor when the
	// cell's last statement is not an expression. Note that yaegi's Eval
	// result for a call without results is meaningless (a *interface{} or a
	// stale value): yaegi rejects `var _ any = f()` in a function body for
	// such calls, which the session can Compile to tell.
	Expr
)

// String returns "import", "decl", "stmts" or "expr".
func (k Kind) String() string {
	switch k {
	case Import:
		return "import"
	case Decl:
		return "decl"
	case Stmts:
		return "stmts"
	case Expr:
		return "expr"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Chunk is one piece of a cell for yaegi's Eval.
type Chunk struct {
	Kind Kind
	// Src is Go source for Eval. It begins with a /*line cell[N]/_.go:L:C*/
	// directive and carries more of them wherever generated text shifts the
	// user's code, so that yaegi's errors and panics give cell positions;
	// CleanPositions turns "cell[N]/_.go:L:C" into "cell[N]:L:C". (Block
	// comments because yaegi prepends "package main;" to the first line,
	// which disables a //line comment; "/_.go" because yaegi looks imports up
	// by the base name of the file; see fileSuffix.)
	Src string
	// Call is, for Stmts only, the expression to Eval after Src.
	Call  string
	Names []string
	// Tok is, for Decl only, token.FUNC, token.TYPE, token.VAR or token.CONST.
	Tok token.Token
	// Line is the 1-based line of the cell where the chunk's code starts.
	Line int
	// Alt, when not nil, is the chunk with its ranges over expressions of
	// unknown type rewritten as ranges over an integer (see
	// rewrite_rangeint.go): what to compile when Src does not compile.
	Alt *Chunk
	// Indexed, for a var chunk whose values are all index expressions of
	// a variable (`a, b := s[0], s[1]`), is how to render it with declared
	// types: yaegi cannot type a global from an index of a string or of a
	// slice or map of a compiled package's type ("constant definition
	// loop"), so the session retries with the element types it reads from
	// the indexed variables.
	Indexed *Indexed
}

// Indexed is a var chunk `names = x[i], ...` to render as Prefix, then
// "var name T; " for each non-blank name (T: the element type of
// Operands[k]), then Assign.
type Indexed struct {
	Prefix   string   // the line directive and ";"
	Names    []string // declared names, "_" for blanks
	Operands []string // the variable each value indexes
	Assign   string   // "a, b = s[0], s[1]", with line directives
}

// Cell is a parsed cell.
type Cell struct {
	Name string // "cell[N]"
	// Chunks in order; evaluating them in order (then RunDefers) reproduces
	// the cell's Go semantics.
	Chunks []Chunk
}

// Options carries what the rewriter cannot know from the cell's text alone.
type Options struct {
	// IsInt reports whether a package-level identifier from an earlier cell
	// has an integer type (the session answers by asking yaegi). It is used
	// to rewrite `for i := range n`. May be nil.
	IsInt func(name string) bool
	// IsFunc reports whether a package-level identifier from an earlier
	// cell is a function (a func declaration or a var holding one). Used to
	// give functions handed to pkg/coro and pkg/mt their names. May be nil.
	IsFunc func(name string) bool
	// IsPool reports whether a package-level var from an earlier cell holds
	// an mt.Pool or mt.ThreadPool, whose methods' callables get names (see
	// rewrite_names.go). May be nil.
	IsPool func(name string) bool
	// FuncDecl returns the source of an earlier cell's declaration of the
	// function name (a Decl chunk's text), or "". Used to range over
	// functions of earlier cells (rewrite_rangefunc.go). May be nil.
	FuncDecl func(name string) string
	// SeqMethod reports whether the package-level variable name of an
	// earlier cell holds a value whose method (no arguments) returns a
	// coro.Seq, such as a *coro.Generator's All. Used to range over it
	// (rewrite_rangefunc_coro.go). May be nil.
	SeqMethod func(name, method string) bool
}

// cellParse is the state of one Parse call.
type cellParse struct {
	name   string // sanitized cell name, used in line directives
	num    string // the N of cell[N], used in generated names
	src    string
	opts   Options
	lines  lineIndex
	fset   *token.FileSet
	deltas map[*token.File]int
	items  []*item
	errs   []ErrorItem
	edits  []*edit
	deps   map[*item]map[*item]bool // item -> cell-level items it refers to
	pools  map[string]bool          // names assigned a pool (rewrite_names.go)
	// uncertainRanges counts ranges that may be over an integer; with
	// assumeInt they are rewritten as such (Chunk.Alt).
	uncertainRanges int
	assumeInt       bool
	seq             int
}

// next returns a fresh number for generated names.
func (c *cellParse) next() int {
	c.seq++
	return c.seq
}

// Parse splits and rewrites one cell; name is "cell[N]". On a syntax error it
// returns an *Error and no chunks: a compile error anywhere in the cell runs
// nothing of the cell. A cell of only comments and blank lines has no chunks.
// Parse never panics; it is safe for concurrent use.
func Parse(name, src string, opts Options) (cl *Cell, err error) {
	defer func() {
		if r := recover(); r != nil {
			cl, err = nil, &Error{List: []ErrorItem{{Pos: name, Msg: fmt.Sprintf("internal error in cell rewriter: %v", r)}}}
		}
	}()
	return parse(name, src, opts)
}

// parse parses the cell, then, if some ranges may be over integers without
// evidence, again assuming they are, and attaches the differing chunks as
// Alt.
func parse(name, src string, opts Options) (*Cell, error) {
	cl, uncertain, err := parseAs(name, src, opts, false)
	if err != nil || uncertain == 0 {
		return cl, err
	}
	alt, _, err := parseAs(name, src, opts, true)
	if err != nil || len(alt.Chunks) != len(cl.Chunks) {
		return cl, nil
	}
	for i := range cl.Chunks {
		a := alt.Chunks[i]
		if a.Src != cl.Chunks[i].Src || a.Call != cl.Chunks[i].Call {
			cl.Chunks[i].Alt = &a
		}
	}
	return cl, nil
}

func parseAs(name, src string, opts Options, assumeInt bool) (*Cell, int, error) {
	c := &cellParse{
		assumeInt: assumeInt,
		name:      sanitizeName(name),
		num:       cellNumber(name),
		src:       src,
		opts:      opts,
		lines:     newLineIndex(src),
		fset:      token.NewFileSet(),
		deltas:    map[*token.File]int{},
	}
	c.parseItems(split(src))
	if len(c.errs) == 0 {
		c.classifyRoles()
		c.checkPredeclared()
	}
	if len(c.errs) == 0 {
		c.analyze()
		c.rangeFuncs()
	}
	if len(c.errs) > 0 {
		return nil, 0, &Error{List: sortErrors(c.errs)}
	}
	chunks := c.chunks()
	if len(c.errs) > 0 {
		return nil, 0, &Error{List: sortErrors(c.errs)}
	}
	return &Cell{Name: name, Chunks: chunks}, c.uncertainRanges, nil
}

// sanitizeName makes name safe inside a /*line name:L:C*/ comment.
func sanitizeName(name string) string {
	name = strings.NewReplacer("*/", "*_", "\n", " ", "\r", " ").Replace(name)
	if name == "" {
		name = "cell"
	}
	return name
}

// cellNumber extracts the digits of "cell[N]" ("0" when there are none) for
// generated names.
func cellNumber(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "0"
	}
	return b.String()
}
