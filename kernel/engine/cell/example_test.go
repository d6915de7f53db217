package cell_test

import (
	"fmt"

	"github.com/gokernel/gokernel/kernel/engine/cell"
)

func ExampleParse() {
	src := `import "fmt"

n := 3
for i := range n {
	fmt.Print(i)
}
n * 2
`
	c, err := cell.Parse("cell[1]", src, cell.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ch := range c.Chunks {
		fmt.Printf("%v %v %q\n", ch.Kind, ch.Names, ch.Call)
	}
	fmt.Println(c.Chunks[1].Src)
	// Output:
	// import [fmt] ""
	// decl [n] ""
	// stmts [] "_gkRun1_0()"
	// expr [] ""
	// /*line cell[1]/_.go:3:1*/;var /*line cell[1]/_.go:3:1*/n = /*line cell[1]/_.go:3:6*/3
}

func ExampleParse_error() {
	_, err := cell.Parse("cell[3]", "x := 1\ny := (x +\n", cell.Options{})
	fmt.Println(err)
	// Output:
	// cell[3]:3:1: expected operand, found 'EOF'
}

func ExampleIsComplete() {
	for _, src := range []string{"func f() {", "x := )", "x := 1"} {
		status, indent := cell.IsComplete(src)
		fmt.Printf("%s %q\n", status, indent)
	}
	// Output:
	// incomplete "    "
	// invalid ""
	// complete ""
}
