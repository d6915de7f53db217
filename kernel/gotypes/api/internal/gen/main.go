// Command gen writes the embedded API of the packages a cell can import
// (kernel/gotypes/api/data): for each package, its type information as
// export data (golang.org/x/tools/go/gcexportdata, from the compiler's export
// data that `go list -export` builds) and its doc comments, each
// gzip-compressed, plus an index of import paths and names.
//
// The packages are those with a yaegi symbol table: the paths listed in
// kernel/engine/stdlib/zindex.go and kernel/engine/pkgsyms/zindex.go. Run
// it with `go generate` in kernel/gotypes/api.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"go/types"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/gcexportdata"
)

func main() {
	out := flag.String("out", "data", "output directory")
	flag.Parse()
	var paths []string
	for _, idx := range flag.Args() {
		b, err := os.ReadFile(idx)
		if err != nil {
			log.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`path: "([^"]+)"`).FindAllSubmatch(b, -1) {
			paths = append(paths, string(m[1]))
		}
	}
	if len(paths) == 0 {
		log.Fatal("gen: no packages (give the zindex.go files of the symbol tables)")
	}
	pkgs, err := list(paths)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.RemoveAll(*out); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	fset := token.NewFileSet()
	imports := map[string]*types.Package{}
	var index strings.Builder
	for _, p := range pkgs {
		tp, err := readExport(fset, imports, p)
		if err != nil {
			log.Fatalf("gen: %s: %v", p.ImportPath, err)
		}
		var x bytes.Buffer
		if err := gcexportdata.Write(&x, fset, tp); err != nil {
			log.Fatalf("gen: %s: %v", p.ImportPath, err)
		}
		docs, err := docsOf(p)
		if err != nil {
			log.Fatalf("gen: %s: %v", p.ImportPath, err)
		}
		dj, _ := json.Marshal(docs)
		base := filepath.Join(*out, FileName(p.ImportPath))
		if err := writeGz(base+".x.gz", x.Bytes()); err != nil {
			log.Fatal(err)
		}
		if err := writeGz(base+".doc.gz", dj); err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(&index, "%s %s\n", p.ImportPath, p.Name)
	}
	if err := os.WriteFile(filepath.Join(*out, "index.txt"), []byte(index.String()), 0o644); err != nil {
		log.Fatal(err)
	}
}

// FileName is the data file name (without suffix) of an import path; the
// api package computes the same.
func FileName(path string) string { return strings.ReplaceAll(path, "/", "_") }

type listed struct {
	ImportPath, Name, Dir, Export string
	GoFiles                       []string
}

// list runs `go list -export` for linux/amd64 (the platform of the symbol tables).
func list(paths []string) ([]listed, error) {
	cmd := exec.Command("go", append([]string{"list", "-export", "-json=ImportPath,Name,Dir,Export,GoFiles"}, paths...)...)
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	var out []listed
	dec := json.NewDecoder(bytes.NewReader(b))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ImportPath < out[j].ImportPath })
	return out, nil
}

func readExport(fset *token.FileSet, imports map[string]*types.Package, p listed) (*types.Package, error) {
	f, err := os.Open(p.Export)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	//lint:ignore SA1019 go list -export names the compiler's archive files, which NewReader still reads in go1.26
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, err
	}
	return gcexportdata.Read(r, fset, imports, p.ImportPath)
}

// maxDoc bounds one doc comment: a tooltip shows the start of it.
const maxDoc = 3000

// docsOf returns the doc comments of p's exported names, keyed "" (the
// package), "Name", "Type.Method" and "Type.Field".
func docsOf(p listed) (map[string]string, error) {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	dp, err := doc.NewFromFiles(fset, files, p.ImportPath)
	if err != nil {
		return nil, err
	}
	docs := map[string]string{}
	put := func(k, d string) {
		d = strings.TrimSpace(d)
		if d == "" {
			return
		}
		if len(d) > maxDoc {
			d = d[:maxDoc] + " …"
		}
		docs[k] = d
	}
	put("", dp.Doc)
	values := func(prefix string, vs []*doc.Value) {
		for _, v := range vs {
			for _, sp := range v.Decl.Specs {
				vs := sp.(*ast.ValueSpec)
				d := vs.Doc.Text()
				if d == "" {
					d = vs.Comment.Text()
				}
				if d == "" {
					d = v.Doc
				}
				for _, n := range vs.Names {
					put(prefix+n.Name, d)
				}
			}
		}
	}
	funcs := func(prefix string, fs []*doc.Func) {
		for _, f := range fs {
			put(prefix+f.Name, f.Doc)
		}
	}
	values("", dp.Consts)
	values("", dp.Vars)
	funcs("", dp.Funcs)
	for _, t := range dp.Types {
		put(t.Name, t.Doc)
		values("", t.Consts)
		values("", t.Vars)
		funcs("", t.Funcs)
		funcs(t.Name+".", t.Methods)
		for _, sp := range t.Decl.Specs {
			ts, ok := sp.(*ast.TypeSpec)
			if !ok {
				continue
			}
			switch tt := ts.Type.(type) {
			case *ast.StructType:
				fields(put, t.Name, tt.Fields)
			case *ast.InterfaceType:
				fields(put, t.Name, tt.Methods)
			}
		}
	}
	return docs, nil
}

func fields(put func(k, d string), typ string, fl *ast.FieldList) {
	for _, f := range fl.List {
		d := f.Doc.Text()
		if d == "" {
			d = f.Comment.Text()
		}
		for _, n := range f.Names {
			put(typ+"."+n.Name, d)
		}
	}
}

func writeGz(name string, b []byte) error {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(b)
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(name, z.Bytes(), 0o644)
}
