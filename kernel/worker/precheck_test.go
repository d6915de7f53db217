package worker_test

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/kernel/gotypes"
	"github.com/gokernel/gokernel/kernel/worker"
)

// startChecked starts a session whose supervisor type-checks cells before
// they run, as the kernel's does.
func startChecked(t *testing.T) *session {
	return start(t, func(s *worker.Supervisor) { s.Checker = gotypes.New(s, pkgsyms.Preload()) })
}

// A cell Go rejects fails with every error in Go's words at the cell's
// positions, and nothing of it runs: not the Println before the errors,
// not the assignment.
func TestPrecheckRefusesBeforeAnythingRuns(t *testing.T) {
	s := startChecked(t)
	s.ok("import \"fmt\"\nn := 1")
	out, _, _, r := s.run("fmt.Println(\"before\")\nn = 2\nn = \"x\"\nvar s string = n\n_ = s")
	if r["status"] != "error" || r["ename"] != worker.NameTypeError {
		t.Fatalf("reply %v", r)
	}
	want := []string{
		`cell[2]:3:5: cannot use "x" (untyped string constant) as int value in assignment`,
		`cell[2]:4:16: cannot use n (variable of type int) as string value in variable declaration`,
	}
	if r["evalue"] != want[0] {
		t.Errorf("evalue %q, want %q", r["evalue"], want[0])
	}
	var tb []string
	for _, l := range r["traceback"].([]any) {
		tb = append(tb, l.(string))
	}
	if strings.Join(tb, "\n") != strings.Join(want, "\n") {
		t.Errorf("traceback\n%s\nwant\n%s", strings.Join(tb, "\n"), strings.Join(want, "\n"))
	}
	if out != "" {
		t.Errorf("the refused cell printed %q", out)
	}
	if _, v := s.ok("n"); v != "1" {
		t.Errorf("n = %s after the refused cell, want 1 (its assignment must not run)", v)
	}
}

// Type arguments yaegi cannot infer run once written out.
func TestPrecheckInfersTypeArguments(t *testing.T) {
	s := startChecked(t)
	s.ok("func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}")
	if _, v := s.ok("import \"strconv\"\nMap([]int{1, 2, 3}, strconv.Itoa)"); v != "[1 2 3]" {
		t.Errorf("value %q", v)
	}
}

// A compile error of the interpreter on a cell go/types accepts says that
// the interpreter failed, not the program.
func TestInterpreterLimitIsToldApart(t *testing.T) {
	s := startChecked(t)
	_, _, _, r := s.run("c := make(chan int)\nvar r <-chan int = c\nr == c")
	if r["status"] != "error" {
		t.Skip("the interpreter runs this cell now; find another it cannot compile")
	}
	tb := r["traceback"].([]any)
	if ev, _ := r["evalue"].(string); !strings.HasPrefix(ev, "interpreter limit: ") ||
		!strings.Contains(tb[len(tb)-1].(string), "not an error in the program") {
		t.Errorf("reply %v", r)
	}
}
