package serve

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"slices"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
)

// childDecls is what a child process replays of the session's declarations:
// every import, func, type and const, but only the vars that those (or other
// kept vars) refer to. A child only ever runs functions, so a var nothing
// refers to cannot change what it does — yet its initializer would run again
// in every child: `workDir, _ := os.MkdirTemp("", "x")` would make a
// directory per child, `made, _ := mt.MakeSampleDir("d", 20, 2048)` would
// rewrite files a pool is copying. (Python's spawn has the same trap for
// top-level code outside `if __name__ == "__main__":`; a notebook has no such
// guard, so the child keeps only what the code it may run can see.) A var
// whose initializer assigns to a kept var is kept too, since it sets what the
// child's code reads (papermill's injected parameters are such a var). Order
// is kept. A declaration whose references cannot be worked out counts every
// identifier it mentions.
func childDecls(ds []protocol.Decl) []protocol.Decl {
	keep := make([]bool, len(ds))
	used := map[string]bool{}
	for i, d := range ds {
		if d.Kind != "var" {
			keep[i] = true
			references(d, used)
		}
	}
	for changed := true; changed; {
		changed = false
		for i, d := range ds {
			if !keep[i] && (slices.ContainsFunc(d.Names, func(n string) bool { return used[n] }) || assignsTo(d, used)) {
				keep[i] = true
				references(d, used)
				changed = true
			}
		}
	}
	var out []protocol.Decl
	for i, d := range ds {
		if keep[i] {
			out = append(out, d)
		}
	}
	return out
}

// references adds to used the names d refers to from outside itself: the
// identifiers its source leaves unresolved (a function's locals and
// parameters are not references), or, when the source does not parse as a
// file, every identifier in it.
func references(d protocol.Decl, used map[string]bool) {
	if d.Kind == "import" {
		return
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+d.Src, 0)
	if err == nil {
		for _, id := range f.Unresolved {
			used[id.Name] = true
		}
		return
	}
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile("", -1, len(d.Src)), []byte(d.Src), nil, 0)
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return
		}
		if tok == token.IDENT {
			used[lit] = true
		}
	}
}

// assignsTo reports whether d's source assigns (=, op=, ++, --) to one of the
// used names declared outside it.
func assignsTo(d protocol.Decl, used map[string]bool) bool {
	// Parsed as a function body: a var's source is statements (`;var x = f(); x = g(x)`).
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+d.Src+"\n}", 0)
	if err != nil {
		return false
	}
	outside := map[*ast.Ident]bool{}
	for _, id := range f.Unresolved {
		outside[id] = true
	}
	target := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && outside[id] && used[id.Name]
	}
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE && slices.ContainsFunc(n.Lhs, target) {
				found = true
			}
		case *ast.IncDecStmt:
			if target(n.X) {
				found = true
			}
		}
		return !found
	})
	return found
}
