package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
)

// Interpreted types that implement an interface and one of its extensions:
// native code that tests for the extension finds it (composed wrappers).

type flushingWriter struct {
	http.ResponseWriter
	flushes int
}

func (w *flushingWriter) Flush() { w.flushes++ }

type plainWriter struct{ http.ResponseWriter }

type countingReader struct {
	r       io.Reader
	writeTo bool
}

func (c *countingReader) Read(p []byte) (int, error) { return c.r.Read(p) }

func (c *countingReader) WriteTo(w io.Writer) (int64, error) {
	c.writeTo = true
	n, err := io.Copy(w, c.r)
	return n, err
}

func main() {
	fw := &flushingWriter{ResponseWriter: httptest.NewRecorder()}
	err := http.NewResponseController(fw).Flush()
	fmt.Println("flusher:", err, fw.flushes)
	err = http.NewResponseController(&plainWriter{httptest.NewRecorder()}).Flush()
	fmt.Println("plain:", err)

	cr := &countingReader{r: strings.NewReader("data")}
	var sb strings.Builder
	n, err := io.Copy(&sb, cr)
	fmt.Println("copy:", n, err, sb.String(), cr.writeTo)
}

// Output:
// flusher: <nil> 1
// plain: feature not supported
// copy: 4 <nil> data true
