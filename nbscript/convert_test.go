package nbscript

import (
	"strings"
	"testing"
)

// convertCells converts cells with coro and mt preloaded and returns the program.
func convertCells(t *testing.T, cells ...Cell) string {
	t.Helper()
	src, err := Convert(cells, Options{Preload: map[string]string{
		"coro": "github.com/gokernel/gokernel/pkg/coro", "mt": "github.com/gokernel/gokernel/pkg/mt"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return string(src)
}

// mainBody returns the text of func main in program.
func mainBody(program string) string {
	_, body, _ := strings.Cut(program, "func main() {\n")
	return body
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name   string
		cells  []Cell
		want   []string // substrings of the program, in this order
		absent []string
	}{{
		name:   "preloaded package imported where used, unused import dropped",
		cells:  []Cell{{Source: "import (\n\t\"fmt\"\n\t\"os\"\n)"}, {Source: "coro.Print(1)"}},
		want:   []string{"import (\n\t\"github.com/gokernel/gokernel/pkg/coro\"\n)", "coro.Print(1)"},
		absent: []string{"\"os\"", "\"fmt\"", "pkg/mt"},
	}, {
		name:  "imports of several cells merged once",
		cells: []Cell{{Source: "import \"fmt\"\nfmt.Println(1)"}, {Source: "import (\"fmt\"; \"strings\")\nfmt.Println(strings.ToUpper(\"a\"))"}},
		want:  []string{"import (\n\t\"fmt\"\n\t\"strings\"\n)"},
	}, {
		name:  "re-declaration becomes an assignment",
		cells: []Cell{{Source: "x := 1\nfmt.Println(x)"}, {Source: "x := 2\nfmt.Println(x)"}, {Source: "x, y := 3, 4\nfmt.Println(x, y)"}},
		want:  []string{"x := 1", "x = 2", "x, y := 3, 4"},
	}, {
		name:  "a statement variable a function uses is declared at package level",
		cells: []Cell{{Source: "limit := 3\nfunc over(n int) bool { return n > limit }"}, {Source: "fmt.Println(over(4))"}},
		want:  []string{"var limit = 3", "func over(n int) bool", "func main() {", "// limit is declared at package level"},
	}, {
		name:  "a variable that depends on main stays in main",
		cells: []Cell{{Source: "a := 1\nb := a + 1\nfunc f() int { return b }"}},
		want:  []string{"a := 1", "b := a + 1"},
	}, {
		name:  "trailing expression printed; a call only when the notebook showed its value",
		cells: []Cell{{Source: "v := 6 * 7\nv"}, {Source: "coro.Print(v)"}, {Source: "coro.Next(nil)", HasResult: true}},
		want:  []string{"fmt.Println(v)", "\tcoro.Print(v)\n", "fmt.Println(coro.Next(nil))"},
	}, {
		name:  "magic and shell lines commented, a '!' that continues an expression kept",
		cells: []Cell{{Source: "%time\n!ls -l\nok := true &&\n\t!false\nfmt.Println(ok)"}},
		want:  []string{"// %time", "// !ls -l", "\t!false"},
	}, {
		name:   "a cell magic that is not Go comments the whole cell",
		cells:  []Cell{{Source: "%%bash\necho hi\nls"}},
		want:   []string{"cell magic %%bash: not Go", "// echo hi", "// ls"},
		absent: []string{"\techo hi"},
	}, {
		name:  "%%time keeps its Go body",
		cells: []Cell{{Source: "%%time\nn := 1\nfmt.Println(n)"}},
		want:  []string{"// %%time", "\tn := 1"},
	}, {
		name: "raises-exception: declarations kept, statements commented, a variable later cells use kept",
		cells: []Cell{
			{Source: "func boom() int { panic(\"x\") }\ng := coro.Range(2)\nboom()", Tags: []string{"raises-exception"}},
			{Source: "coro.Print(g)"},
		},
		want:   []string{"func boom() int", "kept, later cells use it", "g := coro.Range(2)", "is tagged raises-exception", "// boom()"},
		absent: []string{"\tboom()"},
	}, {
		name:   "skip-execution: the whole cell commented, declarations too",
		cells:  []Cell{{Source: "func forever() { for {} }\nforever()", Tags: []string{"skip-execution"}}},
		want:   []string{"tagged skip-execution", "// func forever() { for {} }", "// forever()"},
		absent: []string{"\nfunc forever"},
	}, {
		name:  "a variable the program never reads is marked used",
		cells: []Cell{{Source: "unused := 5"}},
		want:  []string{"unused := 5\n\t_ = unused"},
	}, {
		name:   "package clause dropped, methods and types hoisted, func literal call stays a statement",
		cells:  []Cell{{Source: "package main\ntype T struct{ n int }\nfunc (t T) N() int { return t.n }\nfunc() { fmt.Println(T{1}.N()) }()"}},
		want:   []string{"type T struct", "func (t T) N() int", "func main() {", "func() { fmt.Println(T{1}.N()) }()"},
		absent: []string{"package main\n\npackage", "package main\ntype"},
	}, {
		name:  "comments stay with their code",
		cells: []Cell{{Source: "// add adds.\nfunc add(a, b int) int { return a + b }\nx := add(1, 2) // three\nfmt.Println(x)"}},
		want:  []string{"// add adds.\nfunc add", "x := add(1, 2) // three"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := convertCells(t, tt.cells...)
			rest := prog
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing (or out of order) %q in\n%s", w, prog)
				}
				rest = rest[i+len(w):]
			}
			for _, a := range tt.absent {
				if strings.Contains(prog, a) {
					t.Errorf("unexpected %q in\n%s", a, prog)
				}
			}
		})
	}
}

func TestDeclarationsOutsideMain(t *testing.T) {
	prog := convertCells(t, Cell{Source: "x := 1\nconst k = 2\nvar v = k\ntype S struct{}\nfmt.Println(x, v, S{})"})
	body := mainBody(prog)
	for _, d := range []string{"const k", "var v", "type S"} {
		if strings.Contains(body, d) || !strings.Contains(prog, d) {
			t.Errorf("%q should be at package level:\n%s", d, prog)
		}
	}
}

func TestReadNotebook(t *testing.T) {
	nb := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
	 {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# title"},
	 {"cell_type": "code", "id": "a", "metadata": {"tags": ["raises-exception"]}, "source": ["x := 1\n", "x"],
	  "outputs": [{"output_type": "execute_result", "data": {}, "metadata": {}, "execution_count": 1}], "execution_count": 1},
	 {"cell_type": "code", "id": "b", "metadata": {}, "source": "y", "outputs": [], "execution_count": null}]}`
	cells, err := ReadNotebook([]byte(nb))
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != 2 || cells[0].Source != "x := 1\nx" || !cells[0].HasResult || !cells[0].tagged("raises-exception") ||
		cells[1].ID != "b" || cells[1].HasResult {
		t.Errorf("cells = %+v", cells)
	}
	if _, err := ReadNotebook([]byte(`{"nbformat": 3, "cells": []}`)); err == nil {
		t.Error("nbformat 3 accepted")
	}
}
