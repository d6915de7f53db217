package engine

import (
	"context"
	"errors"
	"go/token"
	"strings"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/internal/goid"
	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// step is one chunk of a cell, compiled and ready to run.
type step struct {
	ch      cell.Chunk
	progs   []*interp.Program // run in order
	decl    *Decl             // logged once the step ran
	value   bool              // progs[0] reports the cell's value through _gkEngine.Out
	temps   []tempVar         // a var redefinition evaluated into temporaries
	imports []importKey
}

// pure reports whether evaluating the chunk runs no user code: imports and
// func, type and const declarations (init funcs excluded).
func pure(ch cell.Chunk) bool {
	switch ch.Kind {
	case cell.Import:
		return true
	case cell.Decl:
		return (ch.Tok == token.FUNC && !isInit(ch)) || ch.Tok == token.TYPE || ch.Tok == token.CONST
	}
	return false
}

func isInit(ch cell.Chunk) bool { return len(ch.Names) == 1 && ch.Names[0] == "init" }

// declKind is the Decl.Kind of a Decl chunk.
func declKind(tok token.Token) string {
	switch tok {
	case token.FUNC:
		return "func"
	case token.TYPE:
		return "type"
	case token.CONST:
		return "const"
	}
	return "var"
}

// run executes a parsed cell: segments of chunks compiled together and
// then run in order, separated by the redefinitions that need a rebuild.
// The rewriter's deferred calls run at the end whatever happened.
func (s *Session) run(ctx context.Context, c *cell.Cell, out *Outcome) {
	s.cellVars = map[string]bool{}
	post := false // a redefined var changed type under earlier code
	chunks := c.Chunks
	for i := 0; i < len(chunks) && out.Err == nil; {
		if s.needsRebuild(chunks[i]) {
			j := i + 1
			for j < len(chunks) && pure(chunks[j]) {
				j++
			}
			var ds []Decl
			for _, ch := range chunks[i:j] {
				ds = append(ds, chunkDecl(ch, ch.Src, ch.Names))
			}
			if err := s.rebuild(ctx, "redefinition of "+strings.Join(chunks[i].Names, ", "), ds, out); err != nil {
				out.Err = err
				break
			}
			out.Decls = append(out.Decls, ds...)
			i = j
			continue
		}
		j := i + 1
		for j < len(chunks) && !s.needsRebuild(chunks[j]) {
			j++
		}
		post = s.runSegment(ctx, chunks[i:j], out) || post
		i = j
	}
	if !s.m.poisoned {
		s.captured = nil
		if _, err := s.m.execute(ctx, s.m.runDefers); err != nil && out.Err == nil {
			out.Err = s.m.runError(err)
		}
	}
	if out.Err != nil {
		out.Value = nil
	}
	if post && !s.m.poisoned {
		if err := s.rebuild(ctx, "a var changed type", nil, out); err != nil && out.Err == nil {
			out.Err = err
		}
	}
}

// runSegment compiles chunks, then runs them. If one fails to compile,
// nothing runs except the pure declarations compiled before it, which are
// evaluated so that they are not left half-defined in the interpreter
// (yaegi keeps what it compiled), and the vars compiled are undeclared
// again (forget.go). It reports whether a var was redefined
// with a new type under code that refers to it.
func (s *Session) runSegment(ctx context.Context, chunks []cell.Chunk, out *Outcome) (retype bool) {
	var steps []*step
	snap := s.m.snapshot()
	for _, ch := range chunks {
		st, err := s.prepare(ctx, ch)
		if err != nil {
			out.Err = err
			if err.Name == NameInternal || corrupts(ch) {
				s.m.broken = true
			}
			s.m.forgetVars(snap)
			done := &Outcome{}
			for _, st := range steps {
				if pure(st.ch) {
					s.runStep(ctx, st, done)
				}
			}
			out.Decls = append(out.Decls, done.Decls...)
			return false
		}
		if st != nil {
			steps = append(steps, st)
		}
	}
	for i := 0; i < len(steps); i++ {
		r, reslotted, ok := s.runStep(ctx, steps[i], out)
		retype = retype || r
		if !ok {
			break
		}
		if reslotted {
			// A var got a new slot: the steps compiled after it may use
			// the old one. Compile them again.
			for j := i + 1; j < len(steps); j++ {
				if steps[j].ch.Kind == cell.Import {
					continue
				}
				st, err := s.prepare(ctx, steps[j].ch)
				if err != nil {
					out.Err = err
					return retype
				}
				steps[j] = st
			}
		}
	}
	return retype
}

// prepare compiles one chunk, or its alternative rendering (cell.Chunk.Alt:
// ranges of unknown type taken as ranges over integers, which yaegi cannot
// run as written) when the chunk does not compile but that does. It returns
// nil when there is nothing to run (an import of packages already imported).
func (s *Session) prepare(ctx context.Context, ch cell.Chunk) (*step, *Error) {
	st, err := s.prepareAs(ctx, ch)
	if err != nil && ch.Alt != nil {
		if st2, err2 := s.prepareAs(ctx, *ch.Alt); err2 == nil {
			return st2, nil
		}
	}
	return st, err
}

func (s *Session) prepareAs(ctx context.Context, ch cell.Chunk) (*step, *Error) {
	st := &step{ch: ch}
	m := s.m
	switch ch.Kind {
	case cell.Import:
		src, keys, paths, err := m.newImports(ch.Src)
		if err != nil {
			return nil, compileError(err)
		}
		if src == "" {
			return nil, nil
		}
		if err := s.prepareSources(ctx, m, paths); err != nil {
			if ctx.Err() != nil {
				return nil, interrupted(err) // an interrupt during the download
			}
			return nil, compileError(err)
		}
		p, err := m.compile(src)
		if err != nil {
			return nil, compileError(s.explainSource(err))
		}
		for _, k := range keys {
			m.imported[k] = true // yaegi registered the name while compiling
		}
		st.progs, st.imports = []*interp.Program{p}, keys
		d := chunkDecl(ch, src, paths)
		st.decl = &d
	case cell.Decl:
		src := ch.Src
		if ch.Tok == token.VAR {
			var err error
			if src, st.temps, err = s.tempVars(ch); err != nil {
				return nil, compileError(err)
			}
			for _, n := range ch.Names {
				s.cellVars[n] = true
			}
		}
		declSrc := ch.Src
		p, err := m.compile(src)
		if err != nil && ch.Indexed != nil && len(st.temps) == 0 && strings.Contains(err.Error(), "definition loop") {
			if typed := s.indexedSrc(ch.Indexed); typed != "" {
				if p2, err2 := m.compile(typed); err2 == nil {
					p, err, declSrc = p2, nil, typed
				}
			}
		}
		if err != nil {
			return nil, s.declCompileError(ch, err)
		}
		st.progs = []*interp.Program{p}
		d := chunkDecl(ch, declSrc, ch.Names)
		st.decl = &d
	case cell.Stmts:
		p, err := m.compile(ch.Src)
		if err != nil {
			return nil, compileError(err)
		}
		call, err := m.compile(ch.Call)
		if err != nil {
			return nil, compileError(err)
		}
		st.progs = []*interp.Program{p, call}
	case cell.Expr:
		p, err := m.compile(outName + ".Out(" + ch.Src + ",\n)")
		if err == nil {
			st.value = true
		} else if p, err = m.compile(ch.Src); err != nil {
			return nil, compileError(err) // the expression's own error
		}
		st.progs = []*interp.Program{p} // else: a call without results
	}
	return st, nil
}

// corrupts reports whether a chunk that failed to compile may have left
// yaegi unusable for what it declares: a method (yaegi corrupts the
// type's method table) or a type (an incomplete type is left behind, which
// a later redefinition does not replace). A func that failed to compile is
// left behind too, but a corrected redefinition replaces it.
func corrupts(ch cell.Chunk) bool {
	if ch.Kind != cell.Decl {
		return false
	}
	e := newEntry(chunkDecl(ch, ch.Src, ch.Names))
	for _, p := range e.parts {
		if p.kind == "type" {
			return true
		}
	}
	return e.hasMethod()
}

// declCompileError improves yaegi's message for a var declaration whose
// initializer does not compile, which it reports as "definition loop":
// compiled as a local declaration, the same source gives the real error.
func (s *Session) declCompileError(ch cell.Chunk, err error) *Error {
	if ch.Tok == token.VAR && strings.Contains(err.Error(), "definition loop") {
		if _, err2 := s.m.compile("func _gkEngineProbe() {" + ch.Src + "\n}"); err2 != nil {
			err = err2
		}
	}
	return compileError(err)
}

// runStep runs a compiled step and records its declaration. It reports
// whether a var got a new type under code that refers to it, whether a var
// got a new slot at all, and whether the step succeeded.
func (s *Session) runStep(ctx context.Context, st *step, out *Outcome) (retype, reslotted, ok bool) {
	s.captured = nil
	for _, p := range st.progs {
		_, err := s.m.execute(ctx, p)
		if err == nil && ctx.Err() != nil {
			// yaegi ends an interpreted channel operation or select on
			// cancellation as if it had completed, and its program may then
			// return before it notices the cancellation: the step was
			// interrupted all the same.
			err = ctx.Err()
		}
		if err != nil {
			top := ""
			if st.ch.Kind == cell.Expr {
				top = chunkPos(st.ch.Src)
			}
			out.Err = s.m.runErrorAt(err, top)
			if isCancel(err) && ctx.Err() != nil {
				out.Err = interruptedAt(err, chunkPos(st.ch.Src))
			}
			return false, false, false
		}
	}
	if st.value {
		if e := returnedError(s.captured, chunkPos(st.ch.Src)); e != nil {
			out.Err = e
		} else if vs := shownResults(st.ch.Src, s.captured); len(vs) > 0 {
			out.Value = &Value{Text: render(vs)}
			richValue(out.Value, vs)
		}
	}
	if len(st.temps) > 0 {
		var err *Error
		if retype, reslotted, err = s.settleTemps(ctx, st.temps); err != nil {
			out.Err = err
			return false, false, false
		}
	}
	if st.decl != nil {
		s.record(*st.decl)
		out.Decls = append(out.Decls, *st.decl)
	}
	return retype, reslotted, true
}

// chunkDecl is the Decl a chunk contributes when it ran as src.
func chunkDecl(ch cell.Chunk, src string, names []string) Decl {
	kind := "import"
	if ch.Kind == cell.Decl {
		kind = declKind(ch.Tok)
	}
	return Decl{Kind: kind, Names: append([]string(nil), names...), Src: src}
}

// isVar reports whether name is a package-level var: logged, or declared
// by an earlier chunk of the running cell.
func (s *Session) isVar(name string) bool {
	if name == "_" || s.cellVars[name] {
		return name != "_"
	}
	e, _ := s.log.lookup("var", name)
	return e != nil
}

// runError converts an error of execute into the cell's Error.
func (m *machine) runError(err error) *Error { return m.runErrorAt(err, "") }

// runErrorAt is runError for a trailing expression at position top.
func (m *machine) runErrorAt(err error, top string) *Error {
	var p interp.Panic
	var ie errInternal
	switch {
	case errors.As(err, &p):
		return panicError(p, m.tap.take(uint64(goid.Parse(p.Stack))), top)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return interrupted(err)
	case errors.As(err, &ie):
		return internalError("execution", ie.r)
	}
	return compileError(err)
}
