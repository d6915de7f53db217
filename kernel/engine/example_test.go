package engine_test

import (
	"context"
	"fmt"
	"os"

	"github.com/gokernel/gokernel/kernel/engine"
)

func Example() {
	s, err := engine.New(engine.Options{Stdout: os.Stdout, Stderr: os.Stdout})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	s.Exec(ctx, "cell[1]", `import "fmt"`)
	s.Exec(ctx, "cell[2]", "x := 20\nfmt.Println(\"x is\", x)")
	out := s.Exec(ctx, "cell[3]", "x*2 + 2")
	fmt.Println("Out:", out.Value.Text)
	out = s.Exec(ctx, "cell[4]", "x / (x - 20)")
	fmt.Println(out.Err.Name+":", out.Err.Value)
	// Output:
	// x is 20
	// Out: 42
	// panic: runtime error: integer divide by zero
}
