package nbscript_test

import (
	"fmt"

	"github.com/gokernel/gokernel/nbscript"
)

func ExampleConvert() {
	cells := []nbscript.Cell{
		{Source: "import \"fmt\"\n\ncount := 0\nfunc add(n int) int { return n + 1 }"},
		{Source: "%time\ncount = add(count)\ncount"},
		{Source: "for {}", Tags: []string{"skip-execution"}},
	}
	src, err := nbscript.Convert(cells, nbscript.Options{Name: "demo.ipynb"})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Print(string(src))
	// Output:
	// // Program converted from demo.ipynb by `jupyter nbconvert --to script` (gokernel script).
	// // Declarations of the cells come first, their statements run in main in cell order.
	// // It imports github.com/gokernel/gokernel/pkg/...: build it in a module that requires gokernel.
	//
	// package main
	//
	// import (
	// 	"fmt"
	// )
	//
	// // cell 1
	// func add(n int) int { return n + 1 }
	//
	// func main() {
	// 	// cell 1
	// 	count := 0
	// 	// cell 2
	// 	// %time
	// 	count = add(count)
	// 	fmt.Println(count)
	// 	// cell 3 is tagged skip-execution: the notebook runs it only by hand (often unbounded), so it is left out:
	// 	// for {}
	// }
}
