// Package modtest is a module proxy for tests: it serves the GOPROXY
// protocol over HTTP (httptest) for modules given as in-memory files, with
// zips built by golang.org/x/mod/zip as the go command builds them.
package modtest

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// testProxy is a module proxy (the GOPROXY protocol) serving module zips
// built with golang.org/x/mod/zip from in-memory files.
// Proxy is a running test module proxy; URL is its GOPROXY entry.
type Proxy struct {
	URL  string
	srv  *httptest.Server
	mu   sync.Mutex
	mods map[string]map[string]map[string]string // path -> version -> file -> content
	hits map[string]int                          // request path -> count
	Fail int                                     // status for every request when not 0
	// Hang, when set before the first request, makes every request
	// wait until its client goes away; each such request is first sent on
	// Hang (so a test knows a fetch is under way).
	Hang chan string
}

// New starts a Proxy, stopped when the test ends.
func New(t testing.TB) *Proxy {
	p := &Proxy{mods: map[string]map[string]map[string]string{}, hits: map[string]int{}}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	p.URL = p.srv.URL
	t.Cleanup(p.srv.Close)
	return p
}

// Add registers module path@version with files (go.mod included).
func (p *Proxy) Add(path, version string, files map[string]string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.mods[path] == nil {
		p.mods[path] = map[string]map[string]string{}
	}
	p.mods[path][version] = files
}

func (p *Proxy) serve(w http.ResponseWriter, r *http.Request) {
	if p.Hang != nil {
		select {
		case p.Hang <- r.URL.Path:
		case <-r.Context().Done():
		}
		<-r.Context().Done()
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hits[r.URL.Path]++
	if p.Fail != 0 {
		http.Error(w, "failing on purpose", p.Fail)
		return
	}
	esc, rest, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/@")
	path, err := module.UnescapePath(esc)
	if !ok || err != nil || p.mods[path] == nil {
		http.NotFound(w, r)
		return
	}
	vers := p.mods[path]
	if rest == "v/list" {
		var vs []string
		for v := range vers {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		io.WriteString(w, strings.Join(vs, "\n")+"\n")
		return
	}
	file, _ := strings.CutPrefix(rest, "v/")
	dot := strings.LastIndex(file, ".")
	if dot < 0 {
		http.NotFound(w, r)
		return
	}
	v, ext := file[:dot], file[dot:]
	files := vers[v]
	if files == nil {
		http.NotFound(w, r)
		return
	}
	switch ext {
	case ".info":
		io.WriteString(w, `{"Version":"`+v+`","Time":"2026-01-02T03:04:05Z"}`)
	case ".mod":
		io.WriteString(w, files["go.mod"])
	case ".zip":
		w.Write(Zip(path, v, files))
	default:
		http.NotFound(w, r)
	}
}

// Count returns how many requests asked for the URL path.
func (p *Proxy) Count(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[path]
}

// Zip makes a module zip as the go command does.
func Zip(path, version string, files map[string]string) []byte {
	var list []modzip.File
	for name, content := range files {
		list = append(list, memFile{name, content})
	}
	var b bytes.Buffer
	if err := modzip.Create(&b, module.Version{Path: path, Version: version}, list); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// ZipHash is the go.sum h1: hash of the module zip Zip builds.
func ZipHash(t testing.TB, path, version string, files map[string]string) string {
	t.Helper()
	f := t.TempDir() + "/m.zip"
	if err := os.WriteFile(f, Zip(path, version, files), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := dirhash.HashZip(f, dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

type memFile struct{ name, content string }

func (f memFile) Path() string                { return f.name }
func (f memFile) Lstat() (fs.FileInfo, error) { return memInfo(f), nil }
func (f memFile) Open() (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(f.content)), nil
}

type memInfo memFile

func (i memInfo) Name() string       { return i.name[strings.LastIndex(i.name, "/")+1:] }
func (i memInfo) Size() int64        { return int64(len(i.content)) }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// Files returns the files of path@version as added.
func (p *Proxy) Files(path, version string) map[string]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.mods[path][version]
}
