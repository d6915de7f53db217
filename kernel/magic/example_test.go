package magic_test

import (
	"fmt"

	"github.com/gokernel/gokernel/kernel/magic"
)

func ExampleParse() {
	c, err := magic.Parse("%cd /tmp\n!ls\nx := 1")
	if err != nil {
		panic(err)
	}
	for _, m := range c.Magics {
		fmt.Printf("line %d: %s %q\n", m.LineNo, m, m.Args)
	}
	fmt.Printf("Go code: %q\n", c.Code)

	_, err = magic.Parse("x := 1\n%time f()")
	fmt.Println(err)
	// Output:
	// line 1: %cd "/tmp"
	// line 2: ! "ls"
	// Go code: "\n\nx := 1"
	// line 2: %time is a magic command: magics go at the top of a cell, before its Go code (%help lists them)
}
