package main

import (
	"bytes"
	"fmt"
	"go/types"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// The names file: with -names DIR, a module generation (pkgsyms) also writes
// DIR/znames.go, a package without imports that holds one string constant
// per exported name of each package: CoroSpawn = "Spawn" for a package-level
// name, MtPool_ApplyAsync = "ApplyAsync" for a method or field of an
// exported type, and Coro = "coro" for the package name. Code that must name the API in
// cells (the rewriter, the engine) uses these constants, so that a rename in
// a package, once the tables are regenerated (which the rename forces: the
// table itself no longer compiles), fails to compile there instead of
// silently never matching.

// apiNames returns the constant name → value pairs of pkg, sorted by name.
func apiNames(pkg *types.Package) [][2]string {
	prefix := exportName(pkg.Name())
	out := [][2]string{{prefix, pkg.Name()}}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		out = append(out, [2]string{prefix + name, name})
		tn, ok := obj.(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		ms := types.NewMethodSet(types.NewPointer(tn.Type()))
		if _, isIface := tn.Type().Underlying().(*types.Interface); isIface {
			ms = types.NewMethodSet(tn.Type())
		}
		for m := range ms.Methods() {
			if m.Obj().Exported() {
				out = append(out, [2]string{prefix + name + "_" + m.Obj().Name(), m.Obj().Name()})
			}
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for f := range st.Fields() {
				if f.Exported() {
					out = append(out, [2]string{prefix + name + "_" + f.Name(), f.Name()})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return slices.CompactFunc(out, func(a, b [2]string) bool { return a[0] == b[0] })
}

// exportName is s with its first letter upper-cased.
func exportName(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// renderNames returns the source of dir/znames.go for the packages' names.
func renderNames(dir, goVersion string, pkgs []*types.Package) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header(goVersion))
	name := filepath.Base(dir)
	writeWrapped(&b, "// ", fmt.Sprintf("Package %s names the exported API of %s, one string constant per name "+
		"(see names.go in kernel/engine/stdlib/internal/gen).", name, strings.Join(pkgPaths(pkgs), ", ")))
	fmt.Fprintf(&b, "package %s\n\n", name)
	for _, pkg := range pkgs {
		fmt.Fprintf(&b, "// The names of %s.\nconst (\n", pkg.Path())
		for _, kv := range apiNames(pkg) {
			fmt.Fprintf(&b, "\t%s = %q\n", kv[0], kv[1])
		}
		b.WriteString(")\n\n")
	}
	return formatSource("names", b.Bytes())
}

func pkgPaths(pkgs []*types.Package) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, p.Path())
	}
	return out
}
