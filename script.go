package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/nbscript"
)

// runScript is `gokernel script [NOTEBOOK]`: it writes the Go program of a
// notebook (read from the file, or from stdin when the argument is absent
// or "-") to stdout. jupyter nbconvert --to script calls it through the
// exporter in python/gokernel_jupyter. A program that go/format cannot
// parse is still written, and the reason goes to stderr with status 1.
func runScript(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 1 {
		fmt.Fprintln(stderr, "usage: gokernel script [NOTEBOOK.ipynb | -]")
		return 2
	}
	var (
		data []byte
		err  error
		name string
	)
	if len(args) == 0 || args[0] == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(args[0])
		name = filepath.Base(args[0])
	}
	if err != nil {
		fmt.Fprintln(stderr, "gokernel script:", err)
		return 1
	}
	cells, err := nbscript.ReadNotebook(data)
	if err != nil {
		fmt.Fprintln(stderr, "gokernel script:", err)
		return 1
	}
	src, err := nbscript.Convert(cells, nbscript.Options{Name: name, Preload: pkgsyms.Preload()})
	if _, werr := stdout.Write(src); werr != nil {
		fmt.Fprintln(stderr, "gokernel script:", werr)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "gokernel script:", err)
		return 1
	}
	return 0
}
