package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
)

// Snapshots carry the session's values across a process boundary. After a
// cell, the worker takes the JSON encoding of every var whose value is plain
// data (Snapshot); a fresh worker that replaces it gets them back
// (ReplayRestoring) instead of running the initializers again, so that a
// killed worker loses at most the changes of the cell it was killed in.
// Plain data is what JSON carries exactly: booleans, integers, finite
// floats, strings, and arrays, slices, maps (string or integer keys) and
// structs (exported fields only, as interpreted structs have) of them. A
// pointer, channel, func, interface or a compiled type with hidden state
// is not plain: sharing, identity and running code cannot be encoded.

// snapshotBudget bounds the elements a value may have to be snapshotted: a
// larger one is left to its initializer, so that a cell that builds a
// million-element slice does not pay its encoding after every cell.
const snapshotBudget = 1 << 16

// Snapshot returns the JSON encoding of each user var of the session whose
// value is plain data of at most snapshotBudget elements, by name, and the
// names of the other vars. It returns nil, nil when the session is to be
// rebuilt (its values are not to be trusted).
func (s *Session) Snapshot() (values map[string][]byte, skipped []string) {
	if s.m.poisoned || s.m.broken {
		return nil, nil
	}
	g := s.m.globals()
	values = map[string][]byte{}
	for _, e := range s.log.entries {
		if e.Kind != "var" {
			continue
		}
		for _, n := range e.Names {
			if n == "_" || strings.HasPrefix(n, "_gk") {
				continue
			}
			v, ok := g[n]
			if !ok {
				continue
			}
			budget := snapshotBudget
			if !plainData(v, &budget) {
				skipped = append(skipped, n)
				continue
			}
			b, err := json.Marshal(v.Interface())
			if err != nil {
				skipped = append(skipped, n)
				continue
			}
			values[n] = b
		}
	}
	return values, skipped
}

// plainData reports whether v is plain data (see above) of at most budget
// elements, which it consumes. Whether a value is plain depends on its
// type only (no pointers or interfaces to look through), so only the
// sizes of its containers are walked.
func plainData(v reflect.Value, budget *int) bool {
	if !plainDataType(v.Type(), map[reflect.Type]bool{}) {
		return false
	}
	return sizeWithin(v, budget)
}

// plainDataType reports whether every value of t is plain data.
func plainDataType(t reflect.Type, busy map[reflect.Type]bool) bool {
	if busy[t] {
		return false // recursive types need pointers, slices or maps: not worth it
	}
	busy[t] = true
	defer delete(busy, t)
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return t.PkgPath() == "" || plainPkg(t)
	case reflect.Slice, reflect.Array:
		return (t.Name() == "" || plainPkg(t)) && plainDataType(t.Elem(), busy)
	case reflect.Map:
		if t.Name() != "" && !plainPkg(t) {
			return false
		}
		switch t.Key().Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		default:
			return false
		}
		return plainDataType(t.Key(), busy) && plainDataType(t.Elem(), busy)
	case reflect.Struct:
		if t.Name() != "" && !plainPkg(t) {
			return false
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") != "" || !plainDataType(f.Type, busy) {
				return false
			}
		}
		return true
	}
	return false
}

// sizeWithin takes the number of elements of plain value v from budget
// and reports whether it stayed within it. Containers of scalars count
// their length without being walked.
func sizeWithin(v reflect.Value, budget *int) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		n := v.Len()
		if v.Type().Elem().Kind() == reflect.Uint8 {
			n /= 64 // encoded as base64 in one piece
		}
		if *budget -= n + 1; *budget < 0 {
			return false
		}
		if container(v.Type().Elem()) {
			for i := range v.Len() {
				if !sizeWithin(v.Index(i), budget) {
					return false
				}
			}
		}
	case reflect.Map:
		if *budget -= v.Len() + 1; *budget < 0 {
			return false
		}
		if container(v.Type().Elem()) {
			it := v.MapRange()
			for it.Next() {
				if !sizeWithin(it.Value(), budget) {
					return false
				}
			}
		}
	case reflect.Struct:
		*budget--
		for i := range v.NumField() {
			if container(v.Type().Field(i).Type) && !sizeWithin(v.Field(i), budget) {
				return false
			}
		}
	default:
		*budget--
	}
	return *budget >= 0
}

// container reports whether values of t hold other values to count.
func container(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Struct:
		return true
	}
	return false
}

// plainPkg reports whether a named type is the cells' own (yaegi builds
// interpreted types without a package path) rather than a compiled
// package's, whose values may have invariants or JSON methods of their own.
func plainPkg(t reflect.Type) bool {
	if t.PkgPath() != "" {
		return false
	}
	_, m1 := t.MethodByName("MarshalJSON")
	_, m2 := reflect.PointerTo(t).MethodByName("UnmarshalJSON")
	return !m1 && !m2
}

// ReplayReport says what ReplayRestoring did with each user var.
type ReplayReport struct {
	Restored []string // set from its snapshot
	Reset    []string // its initializer ran again
	Zeroed   []string // left at its zero value: its initializer has effects
}

// ReplayRestoring is Replay for a fresh worker replacing a lost one: a var
// with a value in values (Snapshot's encoding) is set to it instead of
// running its initializer; a var without one whose initializer has effects
// that must not happen twice (effectful: it starts goroutines, tasks,
// threads, processes, pools, timers or servers, writes files or reads
// input, itself or through the cells' funcs it calls) is left at its zero
// value; the others run their initializers. Output is discarded.
func (s *Session) ReplayRestoring(ctx context.Context, decls []Decl, values map[string][]byte) (ReplayReport, []error) {
	var rep ReplayReport
	batch := make([]*entry, 0, len(decls))
	for _, d := range decls {
		batch = append(batch, newEntry(d))
	}
	s.restoring = &restoring{values: values, effects: effectful(batch), report: &rep}
	defer func() { s.restoring = nil }()
	reset, errs := s.Replay(ctx, decls)
	seen := map[string]bool{}
	for _, n := range append(append([]string(nil), rep.Restored...), rep.Zeroed...) {
		seen[n] = true
	}
	for _, n := range reset {
		if !seen[n] {
			rep.Reset = append(rep.Reset, n)
		}
	}
	return rep, errs
}

// restoring is the state of a ReplayRestoring in progress.
type restoring struct {
	values  map[string][]byte
	effects map[string]bool // var names whose initializer has effects
	report  *ReplayReport
}

// replayVar handles var entry e, compiled into m but not run, for a
// ReplayRestoring: it restores or zeroes its vars and reports true, or
// reports false when the initializer is to run.
func (r *restoring) replayVar(m *machine, e *entry) bool {
	g := m.globals()
	var names []string
	decoded := map[string]reflect.Value{}
	for _, n := range e.Names {
		if n == "_" || strings.HasPrefix(n, "_gk") {
			continue
		}
		names = append(names, n)
		b, ok := r.values[n]
		dst, ok2 := g[n]
		if !ok || !ok2 || !dst.CanSet() {
			continue
		}
		p := reflect.New(dst.Type())
		if json.Unmarshal(b, p.Interface()) == nil {
			decoded[n] = p.Elem()
		}
	}
	if len(names) > 0 && len(decoded) == len(names) && !blankIn(e.Names) {
		for _, n := range names {
			g[n].Set(decoded[n])
		}
		r.report.Restored = append(r.report.Restored, names...)
		return true
	}
	effect := false
	for _, n := range e.Names {
		effect = effect || r.effects[n]
	}
	if !effect {
		return false
	}
	for _, n := range names {
		if v, ok := g[n]; ok && v.CanSet() {
			v.Set(reflect.Zero(v.Type()))
		}
	}
	r.report.Zeroed = append(r.report.Zeroed, names...)
	return true
}

func blankIn(names []string) bool {
	for _, n := range names {
		if n == "_" {
			return true
		}
	}
	return false
}

// effectCall matches, in a declaration's source, a call whose effect must
// not happen twice: a go statement, and the functions of pkg/mt, pkg/coro
// and the standard library that start goroutines, tasks, threads,
// processes, pools, timers or servers, write or remove files, or read
// input.
var effectCall = regexp.MustCompile(`(^|[^\w.])go\s+[\w(]|` +
	`\bmt\.(Go|NewThread|NewTimer|NewProcess|NewPool|NewThreadPool|NewProcessPool|NewManager|NewWatchdog|Serve\w*|NewTestServer|Download\w*|CopyDir\w*|MakeSampleDir|Input|GetPass|Start\w*|Spawn\w*)\b|` +
	`\bcoro\.(Spawn\w*|CreateTask|Run\w*|Go|Gather|Start\w*|NewGreenlet|JoinAll|Wait\w*)\b|` +
	`\bos\.(Create\w*|WriteFile|OpenFile|Mkdir\w*|Remove\w*|Rename|Chdir|Symlink|Link|Truncate|Chmod|Chown|Stdin|StartProcess)\b|` +
	`\b(ioutil\.(WriteFile|TempDir|TempFile)|exec\.Command\w*|signal\.Notify\w*|httptest\.New\w*)\b|` +
	`\bhttp\.(ListenAndServe\w*|Serve\w*|Get|Post|Head|PostForm)\b|\bnet\.(Listen\w*|Dial\w*)\b|` +
	`\btime\.(AfterFunc|NewTimer|NewTicker|Tick|After)\b|\bfmt\.(Scan\w*|Fscan\w*)\b|\.Start\(`)

// effectful returns the names of the vars of entries whose initializer has
// an effect (effectCall), directly or through a func or method of entries
// it mentions.
func effectful(entries []*entry) map[string]bool {
	funcs := map[string]*entry{} // func and method names (a method as M)
	for _, e := range entries {
		if e.Kind != "func" {
			continue
		}
		for _, n := range e.Names {
			if _, m, ok := strings.Cut(n, "."); ok {
				n = m
			}
			funcs[n] = e
		}
	}
	effects := map[*entry]bool{}
	for changed := true; changed; {
		changed = false
		for _, e := range entries {
			if effects[e] || (e.Kind != "func" && e.Kind != "var") {
				continue
			}
			has := effectCall.MatchString(e.Src)
			for id := range e.idents {
				if f, ok := funcs[id]; ok && f != e && effects[f] {
					has = true
				}
			}
			if has {
				effects[e], changed = true, true
			}
		}
	}
	vars := map[string]bool{}
	for e := range effects {
		if e.Kind == "var" {
			for _, n := range e.Names {
				vars[n] = true
			}
		}
	}
	return vars
}

// String describes a report for the user, "" when no var was replayed.
func (r ReplayReport) String() string {
	var parts []string
	if len(r.Restored) > 0 {
		parts = append(parts, "restored from their values after the last finished cell: "+strings.Join(r.Restored, ", "))
	}
	if len(r.Reset) > 0 {
		parts = append(parts, "reset to their initial values: "+strings.Join(r.Reset, ", "))
	}
	if len(r.Zeroed) > 0 {
		parts = append(parts, fmt.Sprintf("left at their zero value, their initializers not run again "+
			"(they start goroutines, tasks, threads, processes, timers or servers, write files or read input): %s",
			strings.Join(r.Zeroed, ", ")))
	}
	return strings.Join(parts, "; ")
}
