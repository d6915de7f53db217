package stdlib_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/gokernel/gokernel/kernel/engine/stdlib"
	"github.com/traefik/yaegi/interp"
)

func ExampleSymbols() {
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Unrestricted: true})
	if err := i.Use(stdlib.Symbols()); err != nil { // builds the tables on first use
		fmt.Println(err)
		return
	}
	if _, err := i.Eval(`import "strings"`); err != nil {
		fmt.Println(err)
		return
	}
	v, err := i.Eval(`strings.Repeat("go", 3)`)
	fmt.Println(v, err)
	// Output: gogogo <nil>
}

func ExampleRestrict() {
	i := interp.New(interp.Options{Unrestricted: true})
	if err := i.Use(stdlib.Restrict(stdlib.Symbols())); err != nil {
		fmt.Println(err)
		return
	}
	_, err := i.Eval("package main\n\nimport \"os\"\n\nfunc main() { os.Exit(2) }")
	var p interp.Panic
	if errors.As(err, &p) {
		if exit, ok := p.Value.(stdlib.Exit); ok {
			fmt.Println("cell exited with code", exit.Code)
		}
	}
	// Output: cell exited with code 2
}

func ExampleLoad() {
	e, err := stdlib.Load("fmt", "math")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(e["math/math"]) > 0, e["os/os"] == nil)
	_, err = stdlib.Load("plugin")
	fmt.Println(err)
	// Output:
	// true true
	// stdlib: no symbol table for package "plugin"
}
