package gotypes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/engine/cell"
	"github.com/gokernel/gokernel/kernel/gotypes/api"
)

// Checker type-checks cells against a session. It is safe for concurrent
// use (requests are checked one at a time).
type Checker struct {
	sess    Session
	preload map[string]string
	u       *api.Universe

	mu     sync.Mutex
	fset   *token.FileSet
	sf     *sessionFile
	checks int // cell files parsed into fset since it was made

	// The session checked once per generation. A cell that declares
	// nothing at package level (most requests) is checked by a checker of
	// its own as one more file of this package: the session's objects are
	// typed already, so only the cell is checked.
	pkg *types.Package
}

// New returns a Checker of the session sess (nil: no declarations).
// preload maps the package names a cell may use without importing them
// to their import paths (coro, mt, display). Nothing is loaded until the
// first request.
func New(sess Session, preload map[string]string) *Checker {
	return &Checker{sess: sess, preload: preload, u: api.NewUniverse()}
}

// checked is the outcome of checking one cell.
type checked struct {
	fset *token.FileSet
	cf   *cellFile
	file *ast.File // the cell's file
	tf   *token.File
	pkg  *types.Package
	info *types.Info
	errs []types.Error
	src  string // the cell text that was checked
}

// pos returns the position in the cell's file of byte offset off of the
// cell.
func (ck *checked) pos(off int) token.Pos { return ck.tf.Pos(ck.cf.offset(off)) }

// session returns the parsed session file, parsing it again when the
// declarations changed (or the file set has grown for long enough).
func (c *Checker) session() *sessionFile {
	var gen uint64
	var decls []Decl
	if c.sess != nil {
		gen, decls = c.sess.Declarations()
	}
	if c.sf == nil || c.sf.gen != gen || c.checks > 1000 {
		c.fset = token.NewFileSet()
		c.sf = parseSession(c.fset, gen, decls)
		c.checks = 0
		sf := c.sf
		conf := c.config(func(e types.Error) { sf.errs = append(sf.errs, e) })
		c.pkg, _ = conf.Check("main", c.fset, []*ast.File{c.sf.file}, nil)
	}
	return c.sf
}

// recoverCheck, deferred, turns a panic of go/types into no answer (the
// caller's zero result) and drops what was cached.
func (c *Checker) recoverCheck() {
	if r := recover(); r != nil {
		c.sf, c.pkg = nil, nil
	}
}

func (c *Checker) config(onError func(types.Error)) types.Config {
	return types.Config{
		Importer:    c.u,
		FakeImportC: true,
		// A cell may leave an import unused (the session's imports are in
		// every cell's file); formatting those errors was a fifth of a
		// small cell's check.
		DisableUnusedImportCheck: true,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				onError(te)
			}
		},
	}
}

func newInfo() *types.Info {
	return &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
}

// declaresNothing reports whether a cell's file declares nothing at package
// level: only imports and the func _ of its statements.
func declaresNothing(f *ast.File) bool {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.IMPORT {
				return false
			}
		case *ast.FuncDecl:
			if d.Recv != nil || d.Name.Name != "_" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// check type-checks src (a cell, or the part of it up to the cursor) as
// cell name. Errors do not stop it: the result has what could be typed.
func (c *Checker) check(name, src string) *checked {
	sf := c.session()
	c.checks++
	h := c.header(sf, src, false)
	cf := buildCell(name, h, src)
	f, _ := parser.ParseFile(c.fset, name+".go", cf.text, parser.SkipObjectResolution)
	ck := &checked{fset: c.fset, cf: cf, file: f, src: src, tf: c.fset.File(f.Pos())}
	ck.pkg, ck.info, ck.errs = c.typeCheck(f)
	return ck
}

// header returns the package clause and the imports a cell's file starts
// with: the session's imports the cell does not make itself, and the
// preloaded packages no import or session name hides (when used is set,
// only those whose name the cell's text mentions before a dot, so that a
// check loads no package the cell does not use).
func (c *Checker) header(sf *sessionFile, src string, used bool) string {
	cellImports := map[string]bool{}
	for _, s := range splitCell(src) {
		if s.imp {
			for _, n := range importNames(src[s.start:s.end]) {
				cellImports[n] = true
			}
		}
	}
	var h strings.Builder
	h.WriteString("package main\n")
	sessImports := map[string]bool{}
	for _, spec := range sf.file.Imports {
		n := specName(spec)
		sessImports[n] = true
		if !cellImports[n] {
			h.WriteString("import ")
			if spec.Name != nil {
				h.WriteString(spec.Name.Name + " ")
			}
			h.WriteString(spec.Path.Value + "\n")
		}
	}
	for n, p := range c.preload {
		if !sessImports[n] && !cellImports[n] && !sf.names[n] && (!used || strings.Contains(src, n+".")) {
			h.WriteString("import " + n + " " + strconv.Quote(p) + "\n")
		}
	}
	return h.String()
}

// typeCheck checks a cell's file f as one more file of the session's
// package. A cell that declares nothing at package level (most requests)
// is checked by a checker of its own against the session's package, whose
// objects are typed already. A cell that declares names gets a package of
// its own (with the path "main", so that the session's unexported names
// are its own) that has the session's names but those the cell declares
// again.
func (c *Checker) typeCheck(f *ast.File) (*types.Package, *types.Info, []types.Error) {
	var errs []types.Error
	info := newInfo()
	conf := c.config(func(e types.Error) { errs = append(errs, e) })
	if declaresNothing(f) {
		_ = types.NewChecker(&conf, c.fset, c.pkg, info).Files([]*ast.File{f})
		return c.pkg, info, errs
	}
	mine := map[string]bool{}
	for _, d := range f.Decls {
		for _, n := range cell.DeclNames(d) {
			mine[n] = true
		}
	}
	pkg := types.NewPackage("main", "main")
	for _, n := range c.pkg.Scope().Names() {
		if !mine[n] {
			pkg.Scope().Insert(c.pkg.Scope().Lookup(n))
		}
	}
	_ = types.NewChecker(&conf, c.fset, pkg, info).Files([]*ast.File{f})
	return pkg, info, errs
}

// importNames returns the names an import declaration's source binds.
func importNames(src string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var names []string
	for _, spec := range f.Imports {
		names = append(names, specName(spec))
	}
	return names
}

// specName is the name an import spec binds.
func specName(spec *ast.ImportSpec) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	path, _ := strconv.Unquote(spec.Path.Value)
	if n, ok := api.Name(path); ok {
		return n
	}
	return path[strings.LastIndex(path, "/")+1:]
}
