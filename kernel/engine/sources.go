package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// Sources provides the source of packages that cells import and that no
// symbol table holds: third-party modules, which yaegi interprets from
// source found under GOPATH/src in a file system (internal/modfetch's
// Resolver is the implementation the worker uses).
type Sources interface {
	// Prepare makes the packages of paths, and everything they import,
	// available in FS before the import is compiled (downloading them if
	// need be; ctx ends with an interrupt). binary reports the paths the
	// interpreter has compiled in, which need no source.
	Prepare(ctx context.Context, paths []string, binary func(string) bool) error
	// FS holds the source, laid out as GoPath()/src/IMPORT_PATH.
	FS() fs.FS
	GoPath() string
	// Explain rewrites the interpreter's error about a package's source
	// so that it names the module version and file.
	Explain(err error) error
}

func (s *Session) sourcesGoPath() string {
	if s.opts.Sources == nil {
		return ""
	}
	return s.opts.Sources.GoPath()
}

func (s *Session) sourcesFS() fs.FS {
	if s.opts.Sources == nil {
		return nil
	}
	return s.opts.Sources.FS()
}

// prepareSources asks Options.Sources for the paths of an import that no
// symbol table of m holds.
func (s *Session) prepareSources(ctx context.Context, m *machine, paths []string) error {
	if s.opts.Sources == nil {
		return nil
	}
	var need []string
	for _, p := range paths {
		if !m.binary[p] {
			need = append(need, p)
		}
	}
	if len(need) == 0 {
		return nil
	}
	return s.opts.Sources.Prepare(ctx, need, func(p string) bool { return m.binary[p] })
}

// explainSource lets Options.Sources name the module file of an error. A
// panic of yaegi's compiler stays an internal error (the machine may be
// corrupted), its message explained.
func (s *Session) explainSource(err error) error {
	if s.opts.Sources == nil {
		return err
	}
	var ie errInternal
	if errors.As(err, &ie) {
		if ex := s.opts.Sources.Explain(fmt.Errorf("%v", ie.r)); ex.Error() != fmt.Sprint(ie.r) {
			return errInternal{ex.Error()}
		}
		return err
	}
	return s.opts.Sources.Explain(err)
}

// binaryPaths returns the import paths of the packages in tables (keyed
// "path/name" as yaegi wants them).
func binaryPaths(tables []interp.Exports) map[string]bool {
	out := map[string]bool{}
	for _, t := range tables {
		for k := range t {
			if i := strings.LastIndexByte(k, '/'); i > 0 {
				out[k[:i]] = true
			}
		}
	}
	return out
}
