package pkgsyms

import (
	"reflect"

	"github.com/traefik/yaegi/interp"
)

const displayKey = "github.com/gokernel/gokernel/pkg/display/display"

// A cell's value of a type defined in the cell reaches pkg/display inside
// the wrapper of one interface of display's rich-value convention (HTMLer,
// ...). These composed wrappers also carry String, so that a type with both
// methods keeps its own text/plain. Like generated wrappers, each is a
// struct whose field 0 is IValue and whose other fields are W<Method>.
type (
	bundlerStringer struct {
		IValue      any
		WMIMEBundle func() map[string]any
		WString     func() string
	}
	htmlStringer struct {
		IValue  any
		WHTML   func() string
		WString func() string
	}
	svgStringer struct {
		IValue  any
		WSVG    func() string
		WString func() string
	}
	markdownStringer struct {
		IValue    any
		WMarkdown func() string
		WString   func() string
	}
	pngStringer struct {
		IValue  any
		WPNG    func() []byte
		WString func() string
	}
)

func (w bundlerStringer) MIMEBundle() map[string]any { return w.WMIMEBundle() }
func (w bundlerStringer) String() string             { return w.WString() }
func (w htmlStringer) HTML() string                  { return w.WHTML() }
func (w htmlStringer) String() string                { return w.WString() }
func (w svgStringer) SVG() string                    { return w.WSVG() }
func (w svgStringer) String() string                 { return w.WString() }
func (w markdownStringer) Markdown() string          { return w.WMarkdown() }
func (w markdownStringer) String() string            { return w.WString() }
func (w pngStringer) PNG() []byte                    { return w.WPNG() }
func (w pngStringer) String() string                 { return w.WString() }

// addRichWrappers adds the composed wrappers of display's interfaces to mt.
func addRichWrappers(e interp.Exports, mt map[reflect.Value][]reflect.Type) {
	syms := e[displayKey]
	if syms == nil {
		return
	}
	for name, t := range map[string]reflect.Type{
		"_MIMEBundler": reflect.TypeFor[bundlerStringer](),
		"_HTMLer":      reflect.TypeFor[htmlStringer](),
		"_SVGer":       reflect.TypeFor[svgStringer](),
		"_Markdowner":  reflect.TypeFor[markdownStringer](),
		"_PNGer":       reflect.TypeFor[pngStringer](),
	} {
		if w, ok := syms[name]; ok {
			mt[w] = []reflect.Type{t}
		}
	}
}
