package gotypes_test

import (
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/kernel/gotypes"
)

// typicalCells are cells of the lessons' kind run after the 50-cell bench
// session: statements on its values, a new type with a method, a generator.
var typicalCells = []string{
	"for range 2 {\n\tc3.Inc()\n}\nfmt.Println(c3.N, strings.ToUpper(c3.Name))",
	"// Item is a priced thing.\ntype Item struct {\n\tName  string\n\tPrice float64\n}\n\n// Total sums the prices.\nfunc Total(items []Item) float64 {\n\tt := 0.0\n\tfor _, it := range items {\n\t\tt += it.Price\n\t}\n\treturn t\n}\nitems := []Item{{\"a\", 1.5}, {\"b\", 2}}\nTotal(items)",
	"g := fib3(10)\n_ = g\nstart := time.Now()\nelapsed := time.Since(start)\nfmt.Println(len(tasks2), elapsed > 0)",
}

// The bench session (a lesson-like session through the real engine) is
// checked for sure, and its typical cells pass.
func TestPrecheckLessonSession(t *testing.T) {
	ck := gotypes.New(newBenchSession(t), pkgsyms.Preload())
	for _, c := range typicalCells {
		v := ck.Precheck("cell[51]", c)
		if !v.Sure || len(v.Errors) > 0 {
			t.Errorf("sure %v, errors %q for\n%s", v.Sure, v.Errors, c)
		}
	}
	v := ck.Precheck("cell[51]", "c3.Inc(1)\nvar t Task2 = tasks1[0]")
	want := []string{
		"cell[51]:1:8: too many arguments in call to c3.Inc\n\thave (number)\n\twant ()",
		"cell[51]:2:15: cannot use tasks1[0] (variable of struct type Task1) as Task2 value in variable declaration",
	}
	if !v.Sure || len(v.Errors) != 2 || v.Errors[0] != want[0] || v.Errors[1] != want[1] {
		t.Errorf("sure %v, errors %q, want %q", v.Sure, v.Errors, want)
	}
}

// BenchmarkPrecheck measures the check of a typical cell before it runs,
// after the session changed (as it does after most cells: the session
// file is parsed and checked again), on the 50-cell session.
func BenchmarkPrecheck(b *testing.B) {
	sess := &changing{benchSession: newBenchSession(b)}
	ck := gotypes.New(sess, pkgsyms.Preload())
	ck.Precheck("cell[51]", typicalCells[0]) // load the packages
	i := 0
	for b.Loop() {
		sess.gen++
		ck.Precheck("cell[51]", typicalCells[i%len(typicalCells)])
		i++
	}
}

// BenchmarkPrecheckSameSession measures it when the session did not
// change since the last check (a cell that declared nothing).
func BenchmarkPrecheckSameSession(b *testing.B) {
	ck := gotypes.New(newBenchSession(b), pkgsyms.Preload())
	ck.Precheck("cell[51]", typicalCells[0])
	i := 0
	for b.Loop() {
		ck.Precheck("cell[51]", typicalCells[i%len(typicalCells)])
		i++
	}
}
