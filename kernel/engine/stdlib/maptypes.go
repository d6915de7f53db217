package stdlib

import (
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// symRef names a symbol of a table: Exports key and symbol name.
type symRef struct {
	pkg, name string
}

// anyArgs lists native functions with `any` parameters that behave
// differently when an argument implements one of ifaces. yaegi passes an
// interpreted value to such a function inside the wrapper of the first
// interface of ifaces that the value's type implements, so that fmt sees a
// Stringer; without an entry, the value goes as a plain struct and its
// methods are invisible to native code. ifaces is in the order the function
// tests them (fmt: Formatter before error before Stringer).
var anyArgs = []struct {
	funcs  []string // in package pkg
	pkg    string
	ifaces []symRef // symRef{"", "error"} is the predeclared error
}{
	{
		pkg: "fmt/fmt",
		funcs: []string{"Append", "Appendf", "Appendln", "Errorf", "Fprint", "Fprintf", "Fprintln",
			"Print", "Printf", "Println", "Sprint", "Sprintf", "Sprintln"},
		ifaces: []symRef{{"fmt/fmt", "Formatter"}, {"", "error"}, {"fmt/fmt", "Stringer"}},
	},
	{
		pkg: "fmt/fmt",
		funcs: []string{"Fscan", "Fscanf", "Fscanln", "Scan", "Scanf", "Scanln",
			"Sscan", "Sscanf", "Sscanln"},
		ifaces: []symRef{{"fmt/fmt", "Scanner"}},
	},
	{
		pkg: "log/log",
		funcs: []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln",
			"Print", "Printf", "Println"},
		ifaces: []symRef{{"fmt/fmt", "Formatter"}, {"", "error"}, {"fmt/fmt", "Stringer"}},
	},
	{
		pkg:    "encoding/json/json",
		funcs:  []string{"Marshal", "MarshalIndent"},
		ifaces: []symRef{{"encoding/json/json", "Marshaler"}, {"encoding/encoding", "TextMarshaler"}},
	},
	{
		pkg:    "encoding/json/json",
		funcs:  []string{"Unmarshal"},
		ifaces: []symRef{{"encoding/json/json", "Unmarshaler"}, {"encoding/encoding", "TextUnmarshaler"}},
	},
	{
		pkg:    "encoding/xml/xml",
		funcs:  []string{"Marshal", "MarshalIndent"},
		ifaces: []symRef{{"encoding/xml/xml", "Marshaler"}, {"encoding/encoding", "TextMarshaler"}},
	},
	{
		pkg:    "encoding/xml/xml",
		funcs:  []string{"Unmarshal"},
		ifaces: []symRef{{"encoding/xml/xml", "Unmarshaler"}, {"encoding/encoding", "TextUnmarshaler"}},
	},
}

// addMapTypes adds to e the "." entry whose "MapTypes" value yaegi's Use
// merges into the interpreter: for each function of anyArgs, the interface
// types to test its arguments for, and for each interface wrapper of
// composedWrappers, the wrappers of interfaces extending it. Entries whose
// function or interface is not in e are left out.
func addMapTypes(e interp.Exports) {
	mt := map[reflect.Value][]reflect.Type{}
	for _, rule := range anyArgs {
		var ifaces []reflect.Type
		for _, ref := range rule.ifaces {
			if t := interfaceType(e, ref); t != nil {
				ifaces = append(ifaces, t)
			}
		}
		if len(ifaces) == 0 {
			continue
		}
		for _, name := range rule.funcs {
			if f, ok := e[rule.pkg][name]; ok {
				mt[f] = ifaces
			}
		}
	}
	for _, c := range composedWrappers() {
		if w, ok := e[c.base.pkg]["_"+c.base.name]; ok {
			mt[w] = c.wrappers
		}
	}
	if len(mt) > 0 {
		e["."] = map[string]reflect.Value{"MapTypes": reflect.ValueOf(mt)}
	}
}

// interfaceType returns the interface type named by ref, or nil if e lacks it.
func interfaceType(e interp.Exports, ref symRef) reflect.Type {
	if ref.pkg == "" && ref.name == "error" {
		return reflect.TypeFor[error]()
	}
	v, ok := e[ref.pkg][ref.name] // reflect.ValueOf((*I)(nil))
	if !ok {
		return nil
	}
	return v.Type().Elem()
}
