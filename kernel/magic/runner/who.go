package runner

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/gokernel/gokernel/kernel/engine"
)

// named is one name of the session for %who.
type named struct {
	name, kind, typ, value string
}

// who is %who (names) and %whos (a table with kinds, types and values),
// sorted by name as IPython sorts them.
func (r *Runner) who(args string, long bool) *engine.Outcome {
	filter := strings.Fields(args)
	var names []named
	seen := map[string]bool{}
	for _, d := range r.Sess.Decls() {
		if d.Kind == "import" {
			continue
		}
		for _, n := range d.Names {
			if n == "_" || strings.HasPrefix(n, "_gk") || strings.Contains(n, ".") || seen[n] {
				continue
			}
			seen[n] = true
			it := named{name: n, kind: d.Kind}
			if d.Kind != "type" {
				if v, err := r.Sess.Lookup(n); err == nil && v.IsValid() {
					it.typ, it.value = describe(v)
				}
			}
			if len(filter) > 0 && !slices.Contains(filter, it.kind) && !slices.Contains(filter, it.typ) {
				continue
			}
			names = append(names, it)
		}
	}
	sort.Slice(names, func(i, j int) bool { return names[i].name < names[j].name })
	if len(names) == 0 {
		r.writeStdout("Interactive namespace is empty.\n")
		return &engine.Outcome{}
	}
	if !long {
		var b strings.Builder
		for _, n := range names {
			b.WriteString(n.name + "\t")
		}
		r.writeStdout(b.String() + "\n")
		return &engine.Outcome{}
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "Name\tKind\tType\tValue")
	fmt.Fprintln(tw, "----\t----\t----\t-----")
	for _, n := range names {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", n.name, n.kind, n.typ, n.value)
	}
	tw.Flush()
	r.writeStdout(b.String())
	return &engine.Outcome{}
}

// describe returns a value's type and a one-line, shortened rendering.
func describe(v reflect.Value) (typ, value string) {
	typ = v.Type().String()
	if v.Kind() == reflect.Func {
		return typ, ""
	}
	if !v.CanInterface() {
		return typ, "?"
	}
	x := v.Interface()
	if s, ok := x.(string); ok {
		value = fmt.Sprintf("%q", s)
	} else {
		value = fmt.Sprintf("%v", x)
	}
	value = strings.Join(strings.Fields(value), " ")
	if r := []rune(value); len(r) > 60 {
		value = string(r[:57]) + "..."
	}
	return typ, value
}
