package magic

import (
	"fmt"
	"sort"
	"strings"
)

// Where a magic runs.
type Where int

const (
	// Worker magics run in the worker process, where cells run and where
	// the working directory and environment of cell code live.
	Worker Where = iota
	// Kernel magics run in the kernel process: they act on the worker
	// (%reset) or need no session (%help).
	Kernel
)

// Spec describes one magic.
type Spec struct {
	Name  string // as written: "%time", "%%time", "!"
	Where Where
	Usage string // one line: how to call it
	Short string // one line: what it does
	Doc   string // the rest of its help
}

// specs lists every magic, in the order %help shows them.
var specs = []Spec{
	{"%help", Kernel, "%help [NAME]", "show this list, or the help of one magic (%help time, %help %%bash)",
		"Shown in the pager (JupyterLab's help panel, the console's pager). Must be alone in its cell."},
	{"%time", Worker, "%time STATEMENT", "run one Go statement and print its wall and CPU time",
		"Prints `CPU times: user …, sys: …, total: …` and `Wall time: …` after the statement's output, as IPython\n" +
			"does. CPU time is the worker process's (all its goroutines, garbage collection included). An\n" +
			"expression's value is shown as the cell's Out. The statement runs in the session like a cell's code."},
	{"%%time", Worker, "%%time", "run the cell's Go code and print its wall and CPU time",
		"The cell body runs as a cell (Go code, and magics or !commands at its top); the timing follows its\n" +
			"output."},
	{"%timeit", Worker, "%timeit [-n LOOPS] [-r RUNS] STATEMENT", "time a Go statement by running it many times",
		"Without -n the number of loops per run grows (1, 2, 5, 10, 20, 50, …) until one run takes at least\n" +
			"0.2 s; then RUNS runs (default 7) are timed and the mean ± standard deviation per loop is printed,\n" +
			"like IPython: `1.23 µs ± 45.6 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each)`. The\n" +
			"statement runs inside a function literal, so names it declares do not stay in the session."},
	{"%env", Worker, "%env | %env NAME | %env NAME=VALUE | %env NAME VALUE | %env -u NAME",
		"list, get, set or unset environment variables of the worker",
		"Cell code (os.Getenv, child processes, !commands) sees them. They are kept for later workers: a\n" +
			"worker started after a crash, an interrupt or %reset has them too."},
	{"%cd", Worker, "%cd [DIR | -]", "change the working directory of cell code (no DIR: home; -: the previous one)",
		"Prints the new directory. Relative paths in cells, %%writefile and !commands start there; a later\n" +
			"worker starts there too."},
	{"%pwd", Worker, "%pwd", "show the working directory of cell code as the cell's value", ""},
	{"%who", Worker, "%who [KIND…]", "list the names the session declared (vars, consts, funcs, types)",
		"KIND filters by kind (var, const, func, type) or by a variable's type (int, string, …)."},
	{"%whos", Worker, "%whos [KIND…]", "list the session's names with their kinds, types and values", "KIND filters as for %who."},
	{"%%writefile", Worker, "%%writefile [-a] FILE", "write the cell body to FILE (-a: append)",
		"FILE is relative to the working directory of cell code (see %cd). Prints `Writing FILE`,\n" +
			"`Overwriting FILE` or `Appending to FILE`."},
	{"%%bash", Worker, "%%bash", "run the cell body as a bash script",
		"Output streams as it is written; an interrupt (■) stops the script and everything it started. A\n" +
			"script that exits non-zero fails the cell with CalledProcessError. Needs bash on PATH."},
	{"!", Worker, "!COMMAND", "run a shell command (sh -c COMMAND; cmd /C on Windows)",
		"Output streams live; an interrupt stops it. A non-zero exit status is printed, the cell goes on,\n" +
			"as in IPython. Shell lines and line magics go at the top of a cell, before its Go code."},
	{"%go", Worker, "%go get MODULE[@VERSION] …", "pin the version of a third-party module that imports use",
		"VERSION is latest (the default) or a semantic version (v1.2.3). The module is looked up through\n" +
			"GOPROXY (and checked against GOSUMDB) at once; its packages are fetched, cached and interpreted\n" +
			"from source when a cell imports them. The pin is kept for later workers (after a crash, an\n" +
			"interrupt or %reset). A module the session already imported cannot change version until %reset."},
	{"%reset", Kernel, "%reset [-f]", "drop every declaration of the session and start a fresh worker",
		"First says what will be lost (variables, functions, types, imports). When the frontend allows\n" +
			"input it asks to proceed; -f (or a frontend without input, like nbclient) proceeds at once. The\n" +
			"working directory and %env settings are kept. Must be alone in its cell."},
}

// Lookup returns the spec of the magic written as name: "time" or "%time"
// finds %time, "%%time" the cell magic; a bare name that only a cell magic
// has ("bash", "writefile") finds the cell magic.
func Lookup(name string, cellMagic bool) (Spec, bool) {
	want := "%" + name
	if cellMagic {
		want = "%%" + name
	}
	if name == "!" {
		want = "!"
	}
	for _, s := range specs {
		if s.Name == want {
			return s, true
		}
	}
	return Spec{}, false
}

// find resolves a %help argument.
func find(arg string) (Spec, bool) {
	switch {
	case arg == "!":
		return Lookup("!", false)
	case strings.HasPrefix(arg, "%%"):
		return Lookup(arg[2:], true)
	}
	arg = strings.TrimPrefix(arg, "%")
	if s, ok := Lookup(arg, false); ok {
		return s, true
	}
	return Lookup(arg, true)
}

// Help returns the text %help shows: every magic with its usage and short
// description, or, given a name, that magic's full help.
func Help(arg string) (string, error) {
	arg = strings.TrimSpace(arg)
	if arg != "" {
		s, ok := find(arg)
		if !ok {
			return "", fmt.Errorf("no magic %s (%%help lists them)", arg)
		}
		text := s.Usage + "\n\n" + s.Short + "."
		if s.Doc != "" {
			text += "\n\n" + s.Doc
		}
		where := "the worker process, where cells run"
		if s.Where == Kernel {
			where = "the kernel process"
		}
		return text + "\n\nRuns in " + where + ".\n", nil
	}
	var b strings.Builder
	b.WriteString("gokernel magics (%help NAME for one of them). Line magics and !shell lines go at the top of a\n" +
		"cell, before its Go code; a cell magic (%%) is the cell's first line.\n\n")
	w := 0
	for _, s := range specs {
		w = max(w, len(s.Usage))
	}
	w = min(w, 28)
	for _, s := range specs {
		if len(s.Usage) > w {
			fmt.Fprintf(&b, "%s\n%-*s  %s\n", s.Usage, w, "", s.Short)
			continue
		}
		fmt.Fprintf(&b, "%-*s  %s\n", w, s.Usage, s.Short)
	}
	return b.String(), nil
}

// Names returns the names of all magics as written, sorted.
func Names() []string {
	var ns []string
	for _, s := range specs {
		ns = append(ns, s.Name)
	}
	sort.Strings(ns)
	return ns
}
