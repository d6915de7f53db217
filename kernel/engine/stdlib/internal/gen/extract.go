package main

import (
	"fmt"
	"go/constant"
	"go/types"
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// table is the symbol table of one package as seen on one platform, with every
// value already rendered as the Go expression that produces it.
type table struct {
	path     string          // import path, "math/rand/v2"
	name     string          // package name, "rand"
	entries  []tableEntry    // sorted by key
	wrappers []wrapper       // interface wrappers, sorted by type name
	skipped  []string        // generic declarations, sorted
	noWrap   []string        // interfaces left without wrapper, with the reason
	imports  map[string]bool // import paths the rendered code refers to
	pkg      *types.Package  // the package type-checked
}

// tableEntry is one symbol: its name in the yaegi table and the expression of
// its reflect.Value.
type tableEntry struct {
	key, expr string
}

// wrapper is a struct type through which an interpreted value implements a
// native interface: yaegi fills IValue and one W<Method> func field per
// method (see genInterfaceWrapper in yaegi's interp/run.go).
type wrapper struct {
	typeName string // Go name of the generated struct
	iface    string // the interface, qualified: "io.Reader"
	methods  []wrapperMethod
}

// wrapperMethod is one method of a wrapper, rendered.
type wrapperMethod struct {
	name    string
	params  string // "(a0 []byte, a1 ...int)"
	results string // "(int, error)" or ""
	args    string // "(a0, a1...)"
}

// alias returns the identifier under which generated code imports path; it is
// unique per path, so two packages named "template" or "rand" never clash.
func alias(path string) string {
	return strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(path)
}

// extract builds the table of pkg, whose exported declarations it walks in
// scope order (sorted by name).
func extract(pkg *types.Package) (*table, error) {
	t := &table{path: pkg.Path(), name: pkg.Name(), imports: map[string]bool{}, pkg: pkg}
	self := alias(pkg.Path())
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		ref := self + "." + name
		var expr string
		switch o := obj.(type) {
		case *types.Const:
			e, err := t.constExpr(ref, o)
			if err != nil {
				return nil, err
			}
			expr = e
		case *types.Func:
			if o.Type().(*types.Signature).TypeParams().Len() > 0 {
				t.skipped = append(t.skipped, name)
				continue
			}
			expr = "reflect.ValueOf(" + ref + ")"
		case *types.Var:
			expr = "reflect.ValueOf(&" + ref + ").Elem()"
		case *types.TypeName:
			if isGeneric(o) {
				t.skipped = append(t.skipped, name)
				continue
			}
			iface, isIface := o.Type().Underlying().(*types.Interface)
			if isIface && !iface.IsMethodSet() {
				// A constraint such as cmp.Ordered: not a type of values.
				t.skipped = append(t.skipped, name)
				continue
			}
			expr = "reflect.ValueOf((*" + ref + ")(nil))"
			if isIface && !o.IsAlias() && iface.NumMethods() > 0 {
				w, bad := t.wrap(o, iface)
				if bad != "" {
					t.noWrap = append(t.noWrap, name+" ("+bad+")")
					break
				}
				t.wrappers = append(t.wrappers, w)
				t.entries = append(t.entries, tableEntry{
					key:  "_" + name,
					expr: "reflect.ValueOf((*" + w.typeName + ")(nil))",
				})
			}
		default:
			return nil, fmt.Errorf("gen: %s.%s: unexpected object %T", pkg.Path(), name, obj)
		}
		t.entries = append(t.entries, tableEntry{key: name, expr: expr})
	}
	if len(t.entries) > 0 {
		t.imports[pkg.Path()] = true
		t.imports["reflect"] = true
	}
	sort.Slice(t.entries, func(i, j int) bool { return t.entries[i].key < t.entries[j].key })
	return t, nil
}

// isGeneric reports whether the type declared by o has type parameters.
func isGeneric(o *types.TypeName) bool {
	switch t := o.Type().(type) {
	case *types.Named:
		return t.TypeParams().Len() > 0
	case *types.Alias:
		return t.TypeParams().Len() > 0
	}
	return false
}

// constExpr renders the reflect.Value of constant c. Typed constants are
// plain values; untyped ones become go/constant values, which is how yaegi
// represents untyped constants so they keep arbitrary precision. Integer
// and string constants are referred to by name, so the value is the one of
// the platform the code is compiled for; floats are written as literals.
func (t *table) constExpr(ref string, c *types.Const) (string, error) {
	b, ok := c.Type().(*types.Basic)
	if !ok || b.Info()&types.IsUntyped == 0 || b.Info()&types.IsBoolean != 0 {
		return "reflect.ValueOf(" + ref + ")", nil
	}
	t.imports["go/constant"] = true
	v := c.Val()
	switch v.Kind() {
	case constant.String:
		return "reflect.ValueOf(go_constant.MakeString(" + ref + "))", nil
	case constant.Int:
		if _, exact := constant.Int64Val(v); exact {
			return "reflect.ValueOf(go_constant.MakeInt64(" + ref + "))", nil
		}
		if _, exact := constant.Uint64Val(v); exact {
			return "reflect.ValueOf(go_constant.MakeUint64(" + ref + "))", nil
		}
		return t.literal(v.ExactString(), "INT"), nil
	case constant.Float:
		f := new(big.Float).SetPrec(512)
		switch x := constant.Val(v).(type) {
		case *big.Rat:
			f.SetRat(x)
		case *big.Float:
			f.Set(x)
		default:
			return "", fmt.Errorf("gen: %s: unexpected float representation %T", ref, x)
		}
		return t.literal(f.Text('g', -1), "FLOAT"), nil
	}
	return "", fmt.Errorf("gen: %s: untyped constant of kind %v not supported", ref, v.Kind())
}

// literal renders a go/constant value parsed from a Go literal of token kind tok.
func (t *table) literal(lit, tok string) string {
	t.imports["go/token"] = true
	return "reflect.ValueOf(go_constant.MakeFromLiteral(" + strconv.Quote(lit) + ", go_token." + tok + ", 0))"
}

// wrap renders the wrapper of interface type o. Only exported methods can be
// implemented by interpreted code. If a method's signature names a type that
// generated code cannot refer to (unexported, internal), there can be no
// wrapper, and wrap returns why.
func (t *table) wrap(o *types.TypeName, iface *types.Interface) (w wrapper, bad string) {
	w = wrapper{
		typeName: "_" + alias(o.Pkg().Path()) + "_" + o.Name(),
		iface:    alias(o.Pkg().Path()) + "." + o.Name(),
	}
	imports := map[string]bool{}
	qual := func(p *types.Package) string {
		imports[p.Path()] = true
		return alias(p.Path())
	}
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		if !m.Exported() {
			continue
		}
		sig := m.Type().(*types.Signature)
		if bad := inexpressible(sig); bad != "" {
			return wrapper{}, "method " + m.Name() + " uses " + bad
		}
		if usesUnsafe(sig) {
			imports["unsafe"] = true
		}
		var params, args []string
		for j := range sig.Params().Len() {
			p := sig.Params().At(j)
			arg := "a" + strconv.Itoa(j)
			if sig.Variadic() && j == sig.Params().Len()-1 {
				elem := p.Type().(*types.Slice).Elem()
				params = append(params, arg+" ..."+types.TypeString(elem, qual))
				args = append(args, arg+"...")
				continue
			}
			params = append(params, arg+" "+types.TypeString(p.Type(), qual))
			args = append(args, arg)
		}
		var results []string
		for j := range sig.Results().Len() {
			results = append(results, types.TypeString(sig.Results().At(j).Type(), qual))
		}
		wm := wrapperMethod{
			name:   m.Name(),
			params: "(" + strings.Join(params, ", ") + ")",
			args:   "(" + strings.Join(args, ", ") + ")",
		}
		if len(results) > 0 {
			wm.results = "(" + strings.Join(results, ", ") + ")"
		}
		w.methods = append(w.methods, wm)
	}
	for p := range imports {
		t.imports[p] = true
	}
	return w, ""
}
