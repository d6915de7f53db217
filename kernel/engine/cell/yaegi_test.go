package cell_test

// These tests run the rewritten chunks under yaegi v0.16.1, the interpreter
// the session uses, and compare the output with what Go prints. They are the
// proof that the rewrites work. Each file in testdata/run is a sequence of
// cells run in one fresh interpreter:
//
//	-- cell --      a cell (cell[1], cell[2], ... in order)
//	-- error --     optional, after a cell: its expected error (exact text)
//	-- stdout --    everything printed to stdout; a trailing expression's
//	                value is printed by the harness as "=> %v"
//	-- stderr --    optional: stderr, without yaegi's own "L:C: panic:" trace lines
//	-- go --        optional: a Go program that must print the same stdout
//	                (run with `go run` unless -short)

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/engine/cell"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// session is a minimal stand-in for kernel/engine's session: it evaluates a
// cell's chunks in order as the contract says.
type session struct {
	t        *testing.T
	in       *interp.Interpreter
	out, err *os.File
	imported map[string]bool
	n        int
}

func newSession(t *testing.T) *session {
	t.Helper()
	dir := t.TempDir()
	out, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	errf, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.Close(); errf.Close() })
	in := interp.New(interp.Options{Stdout: out, Stderr: errf})
	if err := in.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	s := &session{t: t, in: in, out: out, err: errf, imported: map[string]bool{}}
	if _, err := s.eval(cell.Prelude); err != nil {
		t.Fatalf("prelude: %v", err)
	}
	return s
}

// eval runs one Eval, turning yaegi's internal panics into errors.
func (s *session) eval(src string) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaegi panic: %v", r)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return s.in.EvalWithContext(ctx, src)
}

// compiles reports whether src compiles, without running it.
func (s *session) compiles(src string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := s.in.Compile(src)
	return err == nil
}

// isInt answers cell.Options.IsInt by asking the interpreter.
func (s *session) isInt(name string) bool {
	v, err := s.eval(name)
	if err != nil || !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// exec runs one cell and returns its error ("" if none).
func (s *session) exec(src string) string {
	s.n++
	c, err := cell.Parse(fmt.Sprintf("cell[%d]", s.n), src, cell.Options{IsInt: s.isInt})
	if err != nil {
		return err.Error()
	}
	msg := s.chunks(c)
	if _, err := s.eval(cell.RunDefers); err != nil && msg == "" {
		msg = err.Error()
	}
	return cell.CleanPositions(msg)
}

func (s *session) chunks(c *cell.Cell) string {
	for _, ch := range c.Chunks {
		if os.Getenv("CELLDEBUG") != "" {
			fmt.Fprintf(os.Stderr, "EVAL %v:\n%s\n", ch.Kind, ch.Src)
		}
		switch ch.Kind {
		case cell.Import:
			fresh := false
			for _, n := range ch.Names {
				fresh = fresh || !s.imported[n]
			}
			if !fresh {
				continue
			}
			if _, err := s.eval(ch.Src); err != nil {
				return err.Error()
			}
			for _, n := range ch.Names {
				s.imported[n] = true
			}
		case cell.Decl:
			if _, err := s.eval(ch.Src); err != nil {
				return err.Error()
			}
		case cell.Stmts:
			if _, err := s.eval(ch.Src); err != nil {
				return err.Error()
			}
			if _, err := s.eval(ch.Call); err != nil {
				return err.Error()
			}
		case cell.Expr:
			// yaegi's result for a call without results is meaningless (a
			// *interface{} or a stale value); yaegi accepts `_ = f()` for
			// such a call but rejects `var _ any = f()` in a function.
			hasValue := s.compiles("func _() { var _ any = " + ch.Src + "\n}")
			v, err := s.eval(ch.Src)
			if err != nil {
				return err.Error()
			}
			if hasValue && v.IsValid() && v.CanInterface() {
				fmt.Fprintf(s.out, "=> %v\n", v.Interface())
			}
		}
	}
	return ""
}

// output returns what was written to stdout and stderr so far.
func (s *session) output() (stdout, stderr string) {
	o, err := os.ReadFile(s.out.Name())
	if err != nil {
		s.t.Fatal(err)
	}
	e, err := os.ReadFile(s.err.Name())
	if err != nil {
		s.t.Fatal(err)
	}
	return string(o), string(e)
}

// waitStderr returns stderr without yaegi's trace lines once it equals want,
// or what it is after 10s.
func (s *session) waitStderr(want string) string {
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, stderr := s.output()
		got := cell.CleanPositions(yaegiTrace.ReplaceAllString(stderr, ""))
		if got == want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// yaegiTrace matches the call-stack lines yaegi prints on a panic.
var yaegiTrace = regexp.MustCompile(`(?m)^[^ \n]*:\d+:\d+: panic: .*\n`)

func TestYaegiRun(t *testing.T) {
	files, err := filepath.Glob("testdata/run/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			secs := readSections(t, file)
			s := newSession(t)
			var want = map[string]string{}
			var gotErrs, wantErrs []string
			for i := 0; i < len(secs); i++ {
				switch secs[i].name {
				case "cell":
					got := s.exec(secs[i].body)
					exp := ""
					if i+1 < len(secs) && secs[i+1].name == "error" {
						exp = strings.TrimSuffix(secs[i+1].body, "\n")
						i++
					}
					gotErrs = append(gotErrs, got)
					wantErrs = append(wantErrs, exp)
				default:
					want[secs[i].name] = secs[i].body
				}
			}
			for i := range gotErrs {
				if gotErrs[i] != wantErrs[i] {
					t.Errorf("cell[%d] error:\n got: %q\nwant: %q", i+1, gotErrs[i], wantErrs[i])
				}
			}
			stdout, _ := s.output()
			if stdout != want["stdout"] {
				t.Errorf("stdout:\n got: %q\nwant: %q", stdout, want["stdout"])
			}
			if exp, ok := want["stderr"]; ok {
				// A goroutine may still be writing: wait for the text, not
				// for a time.
				got := s.waitStderr(exp)
				if got != exp {
					t.Errorf("stderr:\n got: %q\nwant: %q", got, exp)
				}
			}
			if prog, ok := want["go"]; ok && !testing.Short() {
				if got := goRun(t, prog); got != want["stdout"] {
					t.Errorf("go run prints:\n%q\nwant (the interpreter's stdout):\n%q", got, want["stdout"])
				}
			}
		})
	}
}

// goRun runs a Go program with the go command and returns its stdout.
func goRun(t *testing.T, prog string) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module prog\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goCmd, "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go run: %v\n%s", err, stderr)
	}
	return string(out)
}

// TestYaegiPanicPositions checks the positions in yaegi's panic trace for a
// panic inside a hoisted func called after rewritten code on the same line.
// (For a caller frame yaegi gives the line but not the call's column.)
func TestYaegiPanicPositions(t *testing.T) {
	s := newSession(t)
	src := "import \"fmt\"\n" +
		"func h(xs []int) int {\n" +
		"\treturn xs[3]\n" +
		"}\n" +
		"for i := range 2 { defer fmt.Print(i) }; h(nil); fmt.Println()\n"
	if msg := s.exec(src); msg == "" {
		t.Fatal("no error")
	}
	_, stderr := s.output()
	stderr = cell.CleanPositions(stderr)
	if !strings.Contains(stderr, "cell[1]:3:9: panic: main.h(...)\n") {
		t.Errorf("no exact position for the panic in h:\n%s", stderr)
	}
	if !regexp.MustCompile(`(?m)^cell\[1\]:5:\d+: panic: main\._gkRun1_0\(`).MatchString(stderr) {
		t.Errorf("no cell line for the caller:\n%s", stderr)
	}
}
