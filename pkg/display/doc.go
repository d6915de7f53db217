// Package display shows rich output — HTML, Markdown, SVG, PNG and JPEG
// images, JSON, LaTeX — in a notebook, and updates it in place.
//
// Notebook cells use it without an import line, like coro and mt:
//
//	display.Show(display.HTML("<b>bold</b>"))     // a display_data message
//	h := display.New(display.Markdown("step 1"))  // a display with an id ...
//	h.Update(display.Markdown("step 2"))          // ... replaced in place
//	display.Clear(false)                          // clear_output
//
// A live progress bar, redrawn in place at most ten times a second:
//
//	bar := display.Progress(len(files), "copying")
//	for _, f := range files { copyFile(f); bar.Add(1) }
//	bar.Done()
//
// What the threads and tasks of a block did, as an SVG swim-lane chart
// under the cell (see Timeline and pkg/timeline), and charts drawn by
// gonum.org/v1/plot:
//
//	display.Timeline(func() { t1.Start(); t2.Start(); t1.Join(); t2.Join() })
//	display.BarChart("wall time", "ms", []string{"threads", "tasks"}, []float64{160, 310})
//
// Constructors (HTML, Markdown, SVG, PNG, JPEG, JSON, LaTeX, Text, Image)
// return a Bundle: MIME type -> data, with metadata, always with a
// text/plain fallback so that consoles, nbconvert's text exports and
// papermill logs stay readable.
//
// # Where output goes
//
// Every display goes through one Host, installed once with SetHost by the
// program that can show rich output (the gokernel worker installs one that
// sends the message to the kernel, in order with the cell's printed
// output). Without one — compiled Go programs, tests, child processes of
// cells — the default host writes the text/plain fallback of each display
// to os.Stdout on a line of its own, and Clear does nothing.
//
// # Rich values of a cell
//
// A cell whose last expression is a single value is shown as rich output
// (an execute_result with text/plain beside the rich data) when the value
// is a Bundle, or an image.Image (shown as PNG), or has one of these
// methods, tested in this order:
//
//	MIMEBundle() map[string]any // MIMEBundler: MIME type -> data, used as is
//	HTML() string               // HTMLer: text/html
//	SVG() string                // SVGer: image/svg+xml
//	Markdown() string           // Markdowner: text/markdown
//	PNG() []byte                // PNGer: image/png (raw bytes; encoded here)
//
// text/plain is the value's String method when it has one, else its %v
// form. Rich implements this convention; Show, New and Update apply it to
// their arguments too.
//
// Data values follow the Jupyter format: text types are strings, images
// are base64 strings (PNG and JPEG take raw bytes and encode them), and
// application/json is any value encoding/json can marshal.
package display
