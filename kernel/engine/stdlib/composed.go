package stdlib

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"reflect"
)

// composed is a set of wrappers for interfaces that extend one interface.
// When yaegi passes an interpreted value where the base interface is expected,
// it uses the first wrapper of the list whose methods the value has, so that
// native code testing for the extension (w.(http.Flusher)) finds it. The
// list goes from most to fewest methods.
type composed struct {
	base     symRef // the base interface; its generated wrapper is the key
	wrappers []reflect.Type
}

// composedWrappers returns the composed wrappers yaegi should know about.
// Like generated wrappers, each is a struct whose field 0 is IValue and whose
// other fields are W<Method>, in the order yaegi fills them.
func composedWrappers() []composed {
	return []composed{
		{symRef{"net/http/http", "ResponseWriter"}, []reflect.Type{
			reflect.TypeFor[responseWriterFlushHijack](),
			reflect.TypeFor[responseWriterHijack](),
			reflect.TypeFor[responseWriterFlush](),
		}},
		{symRef{"io/io", "Reader"}, []reflect.Type{reflect.TypeFor[readerWriterTo]()}},
		{symRef{"io/io", "Writer"}, []reflect.Type{reflect.TypeFor[writerReaderFrom]()}},
	}
}

// responseWriterFlushHijack is an http.ResponseWriter that is also an
// http.Flusher and an http.Hijacker.
type responseWriterFlushHijack struct {
	IValue       any
	WHeader      func() http.Header
	WWrite       func([]byte) (int, error)
	WWriteHeader func(int)
	WFlush       func()
	WHijack      func() (net.Conn, *bufio.ReadWriter, error)
}

func (w responseWriterFlushHijack) Header() http.Header         { return w.WHeader() }
func (w responseWriterFlushHijack) Write(p []byte) (int, error) { return w.WWrite(p) }
func (w responseWriterFlushHijack) WriteHeader(code int)        { w.WWriteHeader(code) }
func (w responseWriterFlushHijack) Flush()                      { w.WFlush() }
func (w responseWriterFlushHijack) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return w.WHijack()
}

// responseWriterHijack is an http.ResponseWriter that is also an http.Hijacker.
type responseWriterHijack struct {
	IValue       any
	WHeader      func() http.Header
	WWrite       func([]byte) (int, error)
	WWriteHeader func(int)
	WHijack      func() (net.Conn, *bufio.ReadWriter, error)
}

func (w responseWriterHijack) Header() http.Header         { return w.WHeader() }
func (w responseWriterHijack) Write(p []byte) (int, error) { return w.WWrite(p) }
func (w responseWriterHijack) WriteHeader(code int)        { w.WWriteHeader(code) }
func (w responseWriterHijack) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return w.WHijack()
}

// responseWriterFlush is an http.ResponseWriter that is also an http.Flusher.
type responseWriterFlush struct {
	IValue       any
	WHeader      func() http.Header
	WWrite       func([]byte) (int, error)
	WWriteHeader func(int)
	WFlush       func()
}

func (w responseWriterFlush) Header() http.Header         { return w.WHeader() }
func (w responseWriterFlush) Write(p []byte) (int, error) { return w.WWrite(p) }
func (w responseWriterFlush) WriteHeader(code int)        { w.WWriteHeader(code) }
func (w responseWriterFlush) Flush()                      { w.WFlush() }

// readerWriterTo is an io.Reader that is also an io.WriterTo (io.Copy uses it).
type readerWriterTo struct {
	IValue   any
	WRead    func([]byte) (int, error)
	WWriteTo func(io.Writer) (int64, error)
}

func (w readerWriterTo) Read(p []byte) (int, error)           { return w.WRead(p) }
func (w readerWriterTo) WriteTo(dst io.Writer) (int64, error) { return w.WWriteTo(dst) }

// writerReaderFrom is an io.Writer that is also an io.ReaderFrom (io.Copy uses it).
type writerReaderFrom struct {
	IValue    any
	WWrite    func([]byte) (int, error)
	WReadFrom func(io.Reader) (int64, error)
}

func (w writerReaderFrom) Write(p []byte) (int, error)           { return w.WWrite(p) }
func (w writerReaderFrom) ReadFrom(src io.Reader) (int64, error) { return w.WReadFrom(src) }
