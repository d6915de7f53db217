package engine

import (
	"fmt"
	"path"
	"reflect"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/pkg/display"
)

// Rich values (pkg/display's convention): a cell whose trailing expression
// is a single value that display.Rich accepts — a display.Bundle, an
// image.Image, a value with an HTML, SVG, Markdown, PNG or MIMEBundle
// method — gets Value.Data and Value.Metadata besides its text.
//
// yaegi hands a value of a type defined in a cell to native code as a plain
// struct, its methods invisible, unless the native function's `any`
// parameters are listed in MapTypes with interfaces to wrap it in.
// richSymbols lists display's interfaces for _gkEngine.Out, between error
// and fmt.Stringer, so display.Rich sees the method (and, through the
// composed wrappers of pkgsyms, String too).

// richSymbols returns the MapTypes entry for out (the Out symbol of
// sessionSymbols) with display's interfaces, or nil when tables lack
// display's package: yaegi needs an interface's generated wrapper in its
// tables to wrap a value in it.
func richSymbols(tables []interp.Exports, out reflect.Value) interp.Exports {
	has := func(t reflect.Type) bool {
		key := t.PkgPath() + "/" + path.Base(t.PkgPath())
		for _, e := range tables {
			if _, ok := e[key]["_"+t.Name()]; ok {
				return true
			}
		}
		return false
	}
	ifaces := append([]reflect.Type(nil), fmtIfaces[:2]...) // Formatter, error
	rich := false
	for _, t := range display.Interfaces() {
		if has(t) {
			ifaces = append(ifaces, t)
			rich = true
		}
	}
	if !rich {
		return nil
	}
	ifaces = append(ifaces, fmtIfaces[2:]...) // fmt.Stringer
	return interp.Exports{".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{out: ifaces})}}
}

// richValue adds the rich data of the cell's values vs to v. A value that
// reached Out inside a yaegi wrapper without a String method gets its
// text from the value inside (a wrapper's fields mean nothing to a reader).
func richValue(v *Value, vs []any) {
	if v == nil || len(vs) != 1 {
		return
	}
	b, ok := display.Rich(vs[0])
	if !ok {
		return
	}
	if _, str := vs[0].(fmt.Stringer); !str {
		if inner, ok := unwrapped(vs[0]); ok {
			v.Text = render([]any{inner})
			b.Data[display.MIMEText] = v.Text
		}
	}
	if t, ok := b.Data[display.MIMEText].(string); ok {
		v.Text = t
	}
	v.Data, v.Metadata = b.Data, b.Metadata
}

// unwrapped returns the value inside a yaegi interface wrapper: a struct
// whose first field is IValue.
func unwrapped(x any) (any, bool) {
	rv := reflect.ValueOf(x)
	if rv.Kind() != reflect.Struct || rv.NumField() == 0 || rv.Type().Field(0).Name != "IValue" {
		return nil, false
	}
	return rv.Field(0).Interface(), true
}
