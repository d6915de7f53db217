package engine

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

// Replay evaluates declarations from an earlier session (Outcome.Decls of
// its cells, or its Decls), in order, with all output discarded. Imports
// already present are skipped. A declaration that refers to one that comes
// later in decls (a redefinition logged at its new place) is retried after
// the others. Vars get their initial values: Replay returns their names in
// reset, and one error per declaration that could not be evaluated (those
// are left out of the session). Not safe for concurrent use with Exec.
func (s *Session) Replay(ctx context.Context, decls []Decl) (reset []string, errs []error) {
	log := s.log.clone()
	batch := &declLog{}
	for _, d := range decls {
		batch.entries = append(batch.entries, log.record(d))
	}
	if err := s.io.mute(); err != nil {
		return nil, []error{err}
	}
	res := s.replay(ctx, s.m, batch, nil)
	s.io.unmute()
	log.drop(res.failed)
	s.setLog(log)
	for _, e := range batch.entries {
		if err, ok := res.failed[e]; ok {
			errs = append(errs, fmt.Errorf("engine: replaying %s %s: %w", e.Kind, strings.Join(e.Names, ", "), err))
		}
	}
	return res.reset, errs
}

// replayResult is what replay did.
type replayResult struct {
	reset  []string         // vars whose initializer ran (the user's, not _gk temporaries)
	failed map[*entry]error // entries that could not be evaluated
}

// replay evaluates the entries of log into m: imports first, then the rest
// in an order where every entry comes after the entries declaring the names
// it mentions (log order where that is ambiguous or cyclic; see
// replayOrder). An entry other than a method that still fails to compile
// is retried after the others, as long as a pass makes progress. Order
// matters more than it seems: yaegi keeps symbols of a declaration that
// failed to compile, so a later use may bind to a dead var, and it corrupts
// a type's method table when a method fails to compile (calling a method
// of that type later panics with "index out of range"); so methods are
// never retried. carry, when not nil, holds the values of the vars of the
// machine being replaced (see carry.go).
func (s *Session) replay(ctx context.Context, m *machine, log *declLog, carry map[string]reflect.Value) replayResult {
	res := replayResult{failed: map[*entry]error{}}
	pending := replayOrder(log.entries)
	for {
		var retry []*entry
		progress := false
		for _, e := range pending {
			if err := ctx.Err(); err != nil {
				res.failed[e] = err
				continue
			}
			err, compileFailed := s.replayEntry(ctx, m, e, carry, &res.reset)
			switch {
			case err == nil:
				delete(res.failed, e)
				progress = true
			case compileFailed && !e.hasMethod():
				res.failed[e] = err
				retry = append(retry, e)
			default:
				res.failed[e] = err
			}
		}
		if len(retry) == 0 || !progress {
			return res
		}
		pending = retry
	}
}

// replayOrder sorts entries for replay: imports first, in order; then the
// others in dependency order by the names they mention (an entry mentioning
// x comes after the entries declaring x; a method T.M declares M, for uses
// like v.M()), ties broken by log order and mutually dependent entries kept
// in log order (cell.DepOrder).
func replayOrder(entries []*entry) []*entry {
	var order, rest []*entry
	for _, e := range entries {
		if e.Kind == "import" {
			order = append(order, e)
		} else {
			rest = append(rest, e)
		}
	}
	declares := map[string][]int{}
	for i, e := range rest {
		for _, n := range e.Names {
			if _, m, ok := strings.Cut(n, "."); ok {
				n = m
			}
			declares[n] = append(declares[n], i)
		}
	}
	for _, comp := range cell.DepOrder(len(rest), func(i int) []int {
		var ds []int
		for id := range rest[i].idents {
			ds = append(ds, declares[id]...)
		}
		return ds
	}) {
		for _, i := range comp.Nodes {
			order = append(order, rest[i])
		}
	}
	return order
}

// replayEntry evaluates one logged declaration into m. compileFailed tells a
// compile error (worth retrying once more is declared) from a failure at
// run time.
func (s *Session) replayEntry(ctx context.Context, m *machine, e *entry, carry map[string]reflect.Value, reset *[]string) (err error, compileFailed bool) {
	src := e.Src
	var keys []importKey
	if e.Kind == "import" {
		var paths []string
		if src, keys, paths, err = m.newImports(e.Src); err != nil || src == "" {
			return err, err != nil
		}
		if err := s.prepareSources(ctx, m, paths); err != nil {
			return err, false
		}
	}
	p, err := m.compile(src)
	if err != nil {
		var ie errInternal
		return err, !errors.As(err, &ie)
	}
	for _, k := range keys {
		m.imported[k] = true
	}
	if e.Kind == "var" && s.restoring != nil && s.restoring.replayVar(m, e) {
		return nil, false
	}
	if e.Kind == "var" && s.carryAll(m, e, carry) {
		return nil, false
	}
	if _, err := m.execute(ctx, p); err != nil {
		return runErr{m.runError(err)}, false
	}
	if e.Kind == "var" {
		g := m.globals()
		for _, n := range e.Names {
			if n == "_" {
				continue
			}
			if v, ok := carry[n]; (!ok || !carryable(v) || !setVar(g[n], v)) && !strings.HasPrefix(n, "_gk") {
				*reset = append(*reset, n) // the rewriter's temporaries are not the user's
			}
		}
	}
	return nil, false
}

// carryAll stores the carried values of all of e's vars into m, whose
// declaration of them is compiled but not run, and reports whether it could
// (then the initializer never runs).
func (s *Session) carryAll(m *machine, e *entry, carry map[string]reflect.Value) bool {
	if carry == nil {
		return false
	}
	var names []string
	for _, n := range e.Names {
		if n == "_" {
			return false // the initializer may matter for its side effects only
		}
		v, ok := carry[n]
		if !ok || !carryable(v) {
			return false
		}
		names = append(names, n)
	}
	g := m.globals()
	for _, n := range names {
		nv, ok := g[n]
		if !ok || !nv.CanSet() || !carry[n].Type().AssignableTo(nv.Type()) {
			return false
		}
	}
	for _, n := range names {
		g[n].Set(carry[n])
	}
	return true
}

// setVar stores v into the var slot dst if the types allow.
func setVar(dst, v reflect.Value) bool {
	if !dst.IsValid() || !dst.CanSet() || !v.IsValid() || !v.Type().AssignableTo(dst.Type()) {
		return false
	}
	dst.Set(v)
	return true
}

// runErr is an Error from running replayed code, as an error.
type runErr struct{ e *Error }

func (r runErr) Error() string { return strings.Join(r.e.Traceback, "\n") }

// asError converts a replay failure into an Error for the cell.
func asError(err error) *Error {
	var re runErr
	if errors.As(err, &re) {
		return re.e
	}
	return compileError(err)
}
