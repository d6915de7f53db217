package magic

import "testing"

// BenchmarkParsePlainCell is what every cell without magics pays for the
// magic check (in the worker, and again in the supervisor).
func BenchmarkParsePlainCell(b *testing.B) {
	src := "import \"fmt\"\n\nfunc fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\n\nfor i := range 10 {\n\tfmt.Println(i, fib(i))\n}\n"
	for range b.N {
		if !Plain(src) {
			b.Fatal("not plain")
		}
	}
}
