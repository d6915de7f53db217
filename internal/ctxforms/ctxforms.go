// Package ctxforms checks a package's promise that every exported call
// that blocks has a context form: a sibling (same receiver) whose first
// parameter is a context.Context, named after the call with "Ctx"
// appended (Join → JoinCtx). pkg/coro and pkg/mt run it in their tests,
// with EndsOnCancel for the behaviour of each context form.
//
// A call needs a context form when its name is one of the package's
// blocking names (Rules.Blocking), possibly followed by a variant suffix
// (Rules.Variants: JoinAllTimeout shares JoinAllCtx), or when its body
// makes a root context (Rules.RootCtx: a plain form calling its Ctx form
// with context.Background()), unless Rules.Exempt says why not.
package ctxforms

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/internal/astx"
)

// Rules are a package's blocking calls and the exceptions to the rule.
// Keys of Alias and Exempt are "Name" for functions and "Recv.Name" for
// methods (Recv without the pointer star).
type Rules struct {
	// Blocking lists the names of calls that wait (Join, Get, Acquire...).
	Blocking []string
	// Variants are suffixes of timed or optional forms that share the
	// context form of the name without them (Timeout, Opts, Blocking).
	Variants []string
	// RootCtx lists calls that make a root context, as written in the
	// source (context.Background): an exported function without a context
	// parameter that calls one waits for something with no way to cancel.
	RootCtx []string
	// Alias names the context form of calls whose form is not derived from
	// their own name (Lock.Lock → AcquireCtx).
	Alias map[string]string
	// Exempt says why a call the rules above catch needs no context form.
	Exempt map[string]string
}

// decl is an exported function or method.
type decl struct {
	key     string // Name or Recv.Name
	recv    string
	name    string
	hasCtx  bool // first parameter is a context.Context
	rootCtx bool // the body calls one of Rules.RootCtx
	pos     token.Position
}

// Check parses the package in dir (its non-test files for the current
// platform) and returns one line per problem: a blocking call without a
// context form, and rules naming no function or no longer needed.
func Check(dir string, r Rules) ([]string, error) {
	decls, err := parse(dir, r.RootCtx)
	if err != nil {
		return nil, err
	}
	byKey := map[string]decl{}
	for _, d := range decls {
		byKey[d.key] = d
	}
	var problems []string
	used := map[string]bool{}
	for _, d := range decls {
		if d.hasCtx {
			continue
		}
		base := d.name
		for _, v := range r.Variants {
			if b, ok := strings.CutSuffix(d.name, v); ok && b != "" {
				base = b
				break
			}
		}
		if !slices.Contains(r.Blocking, base) && !d.rootCtx {
			continue
		}
		form := base + "Ctx"
		if a, ok := r.Alias[d.key]; ok {
			form, used[d.key] = a, true
		}
		formKey := form
		if d.recv != "" {
			formKey = d.recv + "." + form
		}
		f, ok := byKey[formKey]
		hasForm := ok && f.hasCtx
		if _, exempt := r.Exempt[d.key]; exempt {
			used[d.key] = true
			if hasForm {
				problems = append(problems, fmt.Sprintf("%s: %s is exempt but has the context form %s: drop the exemption", d.pos, d.key, formKey))
			}
			continue
		}
		switch {
		case !ok:
			why := "blocks"
			if !slices.Contains(r.Blocking, base) {
				why = "makes a root context"
			}
			problems = append(problems, fmt.Sprintf("%s: %s %s but has no context form %s", d.pos, d.key, why, formKey))
		case !f.hasCtx:
			problems = append(problems, fmt.Sprintf("%s: %s, the context form of %s, does not take a context.Context first", f.pos, formKey, d.key))
		}
	}
	for _, m := range []map[string]string{r.Alias, r.Exempt} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !used[k] {
				problems = append(problems, fmt.Sprintf("%s: rule for %s matches no blocking call: drop it", dir, k))
			}
		}
	}
	return problems, nil
}

// parse returns the exported functions and methods (of exported types) of
// the package in dir, in source order.
func parse(dir string, rootCtx []string) ([]decl, error) {
	pkg, err := build.ImportDir(dir, 0)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var out []decl
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue
			}
			x := decl{key: fd.Name.Name, name: fd.Name.Name, pos: fset.Position(fd.Pos())}
			if fd.Recv != nil {
				x.recv = astx.RecvTypeName(fd.Recv.List[0].Type)
				if !token.IsExported(x.recv) {
					continue
				}
				x.key = x.recv + "." + x.name
			}
			if ps := fd.Type.Params.List; len(ps) > 0 {
				x.hasCtx = isContext(ps[0].Type)
			}
			if fd.Body != nil {
				x.rootCtx = calls(fd.Body, rootCtx)
			}
			out = append(out, x)
		}
	}
	return out, nil
}

func isContext(t ast.Expr) bool {
	s, ok := t.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := s.X.(*ast.Ident)
	return ok && x.Name == "context" && s.Sel.Name == "Context"
}

// calls reports whether body calls one of names ("context.Background",
// "timeoutCtx").
func calls(body *ast.BlockStmt, names []string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if ok && slices.Contains(names, exprName(c.Fun)) {
			found = true
		}
		return !found
	})
	return found
}

func exprName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x := exprName(e.X); x != "" {
			return x + "." + e.Sel.Name
		}
	}
	return ""
}

// Settle is how long EndsOnCancel lets a wait run before it cancels it.
const Settle = 20 * time.Millisecond

// EndsOnCancel runs wait on a goroutine of its own with a context that it
// cancels after Settle, and fails t unless wait was still waiting then and
// returned an error matching want (errors.Is) within a few seconds of the
// cancellation.
func EndsOnCancel(t testing.TB, wait func(ctx context.Context) error, want error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- wait(ctx) }()
	select {
	case err := <-errc:
		t.Fatalf("returned %v before its context was cancelled", err)
	case <-time.After(Settle):
	}
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, want) {
			t.Fatalf("returned %v after its context was cancelled, want %v", err, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("still waiting 5s after its context was cancelled")
	}
}
