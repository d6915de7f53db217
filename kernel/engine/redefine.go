package engine

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// Redefinitions. yaegi binds a name to its definition when it compiles the
// code that uses it, and it ignores a second declaration of a type or
// method. So when a cell redefines something earlier code uses, evaluating
// the new declaration is not enough:
//
//   - a type, or a method, with different source: always rebuilt;
//   - a func or const with different source that other declarations
//     mention: rebuilt (one that nothing mentions is just evaluated);
//   - a var (`x := ...` again): evaluated into a temporary; if its type is
//     the old var's type the value is stored into the old var, which every
//     user of the name shares, and nothing else happens; otherwise the
//     name is declared anew and, if declarations mention it, the session is
//     rebuilt after the cell.
//
// Identical source (re-running a cell unchanged) is just evaluated again.

// needsRebuild reports whether ch redefines a func, method, type or const in
// a way that needs a rebuild before it can take effect.
func (s *Session) needsRebuild(ch cell.Chunk) bool {
	if ch.Kind != cell.Decl || ch.Tok == token.VAR || isInit(ch) {
		return false
	}
	mine := newEntry(chunkDecl(ch, ch.Src, ch.Names))
	for _, n := range ch.Names {
		if n == "_" || n == "init" {
			continue
		}
		_, old := s.log.lookup("", n)
		now := mine.partOf(n)
		if old == nil || now == nil {
			continue
		}
		if old.kind == now.kind && old.code == now.code {
			continue
		}
		if now.kind == "type" || old.kind == "type" || strings.Contains(n, ".") {
			return true
		}
		if s.log.referenced(n) {
			return true
		}
	}
	return false
}

// tempVar pairs a redefined var with the temporary its new value goes to.
type tempVar struct {
	name, temp string
}

// tempVars returns the source to compile for a var declaration chunk:
// ch.Src itself, or, when it redeclares existing vars, ch.Src with those
// names declared (and assigned) as temporaries; settleTemps finishes the
// job. The rewriter's own temporaries (_gk...) are left alone: nothing but
// the chunk after them uses them.
func (s *Session) tempVars(ch cell.Chunk) (string, []tempVar, error) {
	seen := map[string]bool{}
	var temps []tempVar
	for _, n := range ch.Names {
		if n == "_" || seen[n] || strings.HasPrefix(n, "_gk") || !s.isVar(n) {
			continue
		}
		seen[n] = true
		s.temps++
		temps = append(temps, tempVar{name: n, temp: fmt.Sprintf("_gkEngineV%d", s.temps)})
	}
	if len(temps) == 0 {
		return ch.Src, nil, nil
	}
	src, err := renameDeclared(ch.Src, temps)
	if err != nil {
		return "", nil, err
	}
	return src, temps, nil
}

// renameDeclared renames the vars a var chunk declares where it binds them:
// the names of its var specs and the left-hand sides of its assignments
// (the rewriter emits `var x T; x = e` forms), not other uses. The chunk
// may be in yaegi's file mode (`var x = e`) or statement mode
// (`;var x = e`); it is parsed as the body of a function. A /*line*/
// directive after each new name keeps the positions of what follows.
func renameDeclared(src string, temps []tempVar) (string, error) {
	const prefix = "package main\nfunc _() {\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", prefix+src+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	rename := map[string]string{}
	for _, t := range temps {
		rename[t.name] = t.temp
	}
	var ids []*ast.Ident
	ast.Inspect(f.Decls[0].(*ast.FuncDecl).Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			ids = append(ids, n.Names...)
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					ids = append(ids, id)
				}
			}
		case *ast.FuncLit:
			return false
		}
		return true
	})
	sort.Slice(ids, func(i, j int) bool { return ids[i].Pos() > ids[j].Pos() })
	for _, id := range ids {
		temp, ok := rename[id.Name]
		if !ok {
			continue
		}
		if p := fset.Position(id.End()); p.Filename != "" {
			temp += fmt.Sprintf("/*line %s:%d:%d*/", p.Filename, p.Line, p.Column)
		}
		start := fset.File(id.Pos()).Offset(id.Pos()) - len(prefix)
		src = src[:start] + temp + src[start+len(id.Name):]
	}
	return src, nil
}

// settleTemps moves the values of a redefinition's temporaries into the
// redefined vars. It reports whether a var got a new slot (a new type), and
// whether that happened under code that refers to it (the session must then
// be rebuilt).
func (s *Session) settleTemps(ctx context.Context, temps []tempVar) (retype, reslotted bool, _ *Error) {
	g := s.m.globals()
	for _, t := range temps {
		nv, okNew := g[t.temp]
		old, okOld := g[t.name]
		if okNew && okOld && nv.Type() == old.Type() && old.CanSet() {
			old.Set(nv)
			nv.Set(reflect.Zero(nv.Type()))
			continue
		}
		p, err := s.m.compile(fmt.Sprintf(";var %s = %s", t.name, t.temp))
		if err != nil {
			return false, false, compileError(err)
		}
		if _, err := s.m.execute(ctx, p); err != nil {
			return false, false, s.m.runError(err)
		}
		reslotted = true
		if okNew && nv.CanSet() {
			nv.Set(reflect.Zero(nv.Type()))
		}
		if s.log.referenced(t.name) {
			retype = true
		}
	}
	return retype, reslotted, nil
}
