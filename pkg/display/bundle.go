package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"image"
	_ "image/jpeg" // DecodeConfig knows JPEG headers
	"image/png"
	"regexp"
	"slices"
	"strings"
)

// MIME types of the constructors.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMELaTeX    = "text/latex"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
	MIMEJPEG     = "image/jpeg"
	MIMEJSON     = "application/json"
)

// Bundle is one rich output: its representations by MIME type, and their
// metadata. Data holds strings for text types, base64 strings for binary
// images and any JSON-encodable value for application/json. Metadata maps
// a MIME type to its metadata (for images: "width" and "height" in
// pixels, the size the frontend shows it at), as the Jupyter protocol has
// it. The zero Bundle is empty; Show adds a text/plain fallback to a
// Bundle that lacks one.
type Bundle struct {
	Data     map[string]any
	Metadata map[string]any
}

// HTML returns a Bundle showing s as HTML. Its text/plain fallback is the
// text of s without tags.
func HTML(s string) Bundle { return bundle(MIMEHTML, s, htmlText(s)) }

// Markdown returns a Bundle showing s rendered as Markdown; the text
// fallback is s.
func Markdown(s string) Bundle { return bundle(MIMEMarkdown, s, s) }

// LaTeX returns a Bundle showing s as LaTeX (math between $ signs, as
// Jupyter renders it); the text fallback is s.
func LaTeX(s string) Bundle { return bundle(MIMELaTeX, s, s) }

// Text returns a Bundle with only text/plain: s, shown as is.
func Text(s string) Bundle { return Bundle{Data: map[string]any{MIMEText: s}} }

// SVG returns a Bundle showing the SVG document s.
func SVG(s string) Bundle { return bundle(MIMESVG, s, "[SVG image]") }

// PNG returns a Bundle showing the PNG image data b. The text fallback
// gives its size when b has a valid PNG header.
func PNG(b []byte) Bundle {
	return bundle(MIMEPNG, base64.StdEncoding.EncodeToString(b), imageText("PNG", b))
}

// JPEG returns a Bundle showing the JPEG image data b.
func JPEG(b []byte) Bundle {
	return bundle(MIMEJPEG, base64.StdEncoding.EncodeToString(b), imageText("JPEG", b))
}

// Image returns a Bundle showing img encoded as PNG. If img cannot be
// encoded (an empty rectangle), the Bundle says so in text/plain only.
func Image(img image.Image) Bundle {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Text(fmt.Sprintf("[image: %v]", err))
	}
	return PNG(buf.Bytes())
}

// JSON returns a Bundle showing v as a JSON tree (application/json); the
// text fallback is v as indented JSON. A value encoding/json cannot
// marshal gives a text-only Bundle with the error.
func JSON(v any) Bundle {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return Text(fmt.Sprintf("[JSON: %v]", err))
	}
	var data any
	json.Unmarshal(b, &data) // plain maps and slices: what the frontend gets
	return bundle(MIMEJSON, data, string(b))
}

func bundle(mime string, data any, text string) Bundle {
	return Bundle{Data: map[string]any{mime: data, MIMEText: text}}
}

// With returns a copy of b that also holds data as mime (replacing an
// earlier one).
func (b Bundle) With(mime string, data any) Bundle {
	c := b.clone()
	c.Data[mime] = data
	return c
}

// WithSize returns a copy of b whose images are shown width × height
// pixels (0 leaves a dimension out): metadata {"width": w, "height": h}
// for every image type of b.
func (b Bundle) WithSize(width, height int) Bundle {
	c := b.clone()
	for mime := range c.Data {
		if !strings.HasPrefix(mime, "image/") {
			continue
		}
		m := map[string]any{}
		if width > 0 {
			m["width"] = width
		}
		if height > 0 {
			m["height"] = height
		}
		c.Metadata[mime] = m
	}
	return c
}

// MIMEBundle returns b's data: a Bundle follows its own convention.
func (b Bundle) MIMEBundle() map[string]any { return b.Data }

// String returns the text/plain fallback.
func (b Bundle) String() string {
	if s, ok := b.Data[MIMEText].(string); ok {
		return s
	}
	return fallback(b.Data)
}

// clone copies the maps of b (never nil in the copy).
func (b Bundle) clone() Bundle {
	c := Bundle{Data: make(map[string]any, len(b.Data)+1), Metadata: make(map[string]any, len(b.Metadata))}
	for k, v := range b.Data {
		c.Data[k] = v
	}
	for k, v := range b.Metadata {
		c.Metadata[k] = v
	}
	return c
}

// complete returns b with non-nil maps and a text/plain entry.
func (b Bundle) complete() Bundle {
	c := b.clone()
	if _, ok := c.Data[MIMEText].(string); !ok {
		c.Data[MIMEText] = fallback(b.Data)
	}
	return c
}

// fallback is the text of a bundle without text/plain: the MIME types it
// holds.
func fallback(data map[string]any) string {
	var types []string
	for k := range data {
		if k != MIMEText {
			types = append(types, k)
		}
	}
	if len(types) == 0 {
		return ""
	}
	slices.Sort(types)
	return "[" + strings.Join(types, ", ") + "]"
}

var (
	reTags  = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	reBlank = regexp.MustCompile(`[ \t]+`)
	reLines = regexp.MustCompile(`\s*\n\s*`)
)

// htmlText is the readable text of an HTML fragment: block ends become
// line breaks, table cells are separated by tabs, tags go, entities are
// decoded.
func htmlText(s string) string {
	r := strings.NewReplacer("</p>", "\n", "<br>", "\n", "<br/>", "\n", "<br />", "\n", "</tr>", "\n",
		"</li>", "\n", "</div>", "\n", "</h1>", "\n", "</h2>", "\n", "</h3>", "\n", "</td>", "\t", "</th>", "\t")
	t := reTags.ReplaceAllString(r.Replace(s), "")
	t = html.UnescapeString(t)
	t = reBlank.ReplaceAllStringFunc(t, func(m string) string {
		if strings.Contains(m, "\t") {
			return "\t"
		}
		return " "
	})
	t = reLines.ReplaceAllString(t, "\n")
	return strings.TrimSpace(t)
}

// imageText is the text fallback of image data: its format and, when the
// header says, its size.
func imageText(format string, b []byte) string {
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(b)); err == nil {
		return fmt.Sprintf("[%s image %d×%d]", format, cfg.Width, cfg.Height)
	}
	return fmt.Sprintf("[%s image, %d bytes]", format, len(b))
}
