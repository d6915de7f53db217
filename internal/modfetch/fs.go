package modfetch

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// FS returns the modules in use as a file system laid out as
// GoPath/src/IMPORT_PATH/FILE (names as yaegi builds them, with
// filepath.Join). Only modules the Resolver has prepared are visible;
// every other name does not exist.
func (r *Resolver) FS() fs.FS { return srcFS{r} }

type srcFS struct{ r *Resolver }

func (s srcFS) Open(name string) (fs.File, error) {
	dir, rel, ok := s.r.locate(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return os.DirFS(dir).Open(rel)
}

// locate maps a GoPath name to a loaded module's directory and the path
// inside it.
func (r *Resolver) locate(name string) (dir, rel string, ok bool) {
	name = filepath.ToSlash(name)
	rest, ok := strings.CutPrefix(name, GoPath+"/src/")
	if !ok {
		return "", "", false
	}
	rest = path.Clean(rest)
	r.mu.Lock()
	defer r.mu.Unlock()
	best := ""
	for p := range r.loaded {
		if (rest == p || strings.HasPrefix(rest, p+"/")) && len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return "", "", false
	}
	rel = strings.TrimPrefix(strings.TrimPrefix(rest, best), "/")
	if rel == "" {
		rel = "."
	}
	return r.loaded[best].dir, rel, true
}

// Explain rewrites an interpreter error about module source so that it
// names the module version and the file inside it
// (golang.org/x/exp@v0.0.0-…/slices/sort.go:12:3) instead of the GoPath
// name; errors about no module source come back unchanged.
func (r *Resolver) Explain(err error) error {
	if err == nil {
		return nil
	}
	msg := filepath.ToSlash(err.Error())
	if !strings.Contains(msg, GoPath+"/src/") {
		return err
	}
	r.mu.Lock()
	var paths []string
	for p := range r.loaded {
		paths = append(paths, p)
	}
	// Longest first, so that a nested module's files are named by it.
	sortByLenDesc(paths)
	for _, p := range paths {
		msg = strings.ReplaceAll(msg, GoPath+"/src/"+p+"/", p+"@"+r.loaded[p].version+"/")
	}
	r.mu.Unlock()
	return &SourceError{Msg: msg, Err: err}
}

// SourceError is an interpreter error located in a module's source.
type SourceError struct {
	Msg string // the error, files named module@version/path
	Err error  // the interpreter's error
}

func (e *SourceError) Error() string {
	return e.Msg + "\n(this module is interpreted from source by yaegi, which cannot handle the construct at the " +
		"position above; the same package compiled with the go command may work)"
}

func (e *SourceError) Unwrap() error { return e.Err }

func sortByLenDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && len(s[j]) > len(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// GoPath returns GoPath (for engine.Sources).
func (r *Resolver) GoPath() string { return GoPath }
