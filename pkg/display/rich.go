package display

import (
	"encoding/base64"
	"fmt"
	"image"
	"reflect"
)

// The methods of the rich-value convention (see the package documentation).
type (
	// MIMEBundler gives its own MIME bundle: MIME type -> data.
	MIMEBundler interface{ MIMEBundle() map[string]any }
	// HTMLer is shown as text/html.
	HTMLer interface{ HTML() string }
	// SVGer is shown as image/svg+xml.
	SVGer interface{ SVG() string }
	// Markdowner is shown as text/markdown.
	Markdowner interface{ Markdown() string }
	// PNGer is shown as image/png; PNG returns the raw image bytes.
	PNGer interface{ PNG() []byte }
)

// Interfaces returns the interfaces of the convention in the order Rich
// tests them, image.Image included. An interpreter that hands cell values
// to native code inside interface wrappers (yaegi) needs them to let Rich
// see the methods of types defined in cells.
func Interfaces() []reflect.Type {
	return []reflect.Type{
		reflect.TypeFor[MIMEBundler](),
		reflect.TypeFor[image.Image](),
		reflect.TypeFor[HTMLer](),
		reflect.TypeFor[SVGer](),
		reflect.TypeFor[Markdowner](),
		reflect.TypeFor[PNGer](),
	}
}

// Rich returns the Bundle v is shown as, with text/plain, and true when v
// is a rich value: a Bundle, or a value of the convention in the package
// documentation. For anything else (nil included) it returns false.
// text/plain comes from the rich data's own fallback (a Bundle's), else
// v's String method, else its %v form.
func Rich(v any) (Bundle, bool) {
	var b Bundle
	switch x := v.(type) {
	case nil:
		return Bundle{}, false
	case Bundle:
		return x.complete(), true
	case *Bundle:
		if x == nil {
			return Bundle{}, false
		}
		return x.complete(), true
	case MIMEBundler:
		b = Bundle{Data: x.MIMEBundle()}
	case image.Image:
		b = Image(x)
		b.Data[MIMEText] = fmt.Sprintf("%s (%T)", b.Data[MIMEText], v)
		return b.complete(), true
	case HTMLer:
		b = Bundle{Data: map[string]any{MIMEHTML: x.HTML()}}
	case SVGer:
		b = Bundle{Data: map[string]any{MIMESVG: x.SVG()}}
	case Markdowner:
		b = Bundle{Data: map[string]any{MIMEMarkdown: x.Markdown()}}
	case PNGer:
		p := x.PNG()
		b = Bundle{Data: map[string]any{MIMEPNG: base64.StdEncoding.EncodeToString(p)}}
	default:
		return Bundle{}, false
	}
	if _, ok := b.Data[MIMEText].(string); !ok {
		b = b.With(MIMEText, textOf(v))
	}
	return b.complete(), true
}

// textOf is v's text/plain: its String method, else %v.
func textOf(v any) string {
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%v", v)
}
