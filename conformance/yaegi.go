package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/unsafe"
)

// yaegiMarker starts the line a Yaegi child prints when Eval fails.
const yaegiMarker = "conformance-yaegi-error: "

// YaegiMain is the child side of Yaegi: it evaluates the program in file
// with a plain yaegi interpreter (standard library and unsafe, nothing of
// gokernel's) and returns the exit status. Output goes to stdout/stderr.
func YaegiMain(file string, stdout, stderr io.Writer) int {
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(stderr, yaegiMarker+err.Error())
		return 3
	}
	i := interp.New(interp.Options{Stdout: stdout, Stderr: stderr, Unrestricted: true})
	if err := i.Use(stdlib.Symbols); err != nil {
		fmt.Fprintln(stderr, yaegiMarker+err.Error())
		return 3
	}
	if err := i.Use(unsafe.Symbols); err != nil {
		fmt.Fprintln(stderr, yaegiMarker+err.Error())
		return 3
	}
	if _, err := i.Eval(string(src)); err != nil {
		fmt.Fprintln(stderr, yaegiMarker+firstLine(err.Error()))
		return 1
	}
	return 0
}

// Yaegi runs programs with plain yaegi, each in a new process started as
// Exe Args FILE (a process whose main calls YaegiMain(FILE)).
type Yaegi struct {
	Exe     string
	Args    []string
	Env     []string
	Timeout time.Duration
	Root    string // the test root the programs' paths are relative to
}

// Run runs p in a child process and compares its output. The child's
// process group is killed when Run returns.
func (y *Yaegi) Run(ctx context.Context, p Program) Result {
	ctx, cancel := context.WithTimeout(ctx, y.Timeout)
	defer cancel()
	cmd := exec.Command(y.Exe, append(append([]string(nil), y.Args...), y.Root+"/"+p.Path)...)
	cmd.Env = y.Env
	var out bytes.Buffer
	w := &limited{w: &out, n: 1 << 20}
	cmd.Stdout, cmd.Stderr = w, w
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return Result{Cause: "harness", Detail: err.Error()}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	timedOut := false
	select {
	case err = <-done:
	case <-ctx.Done():
		timedOut = true
	}
	killGroup(cmd.Process.Pid)
	if timedOut {
		<-done
	}
	text := out.String()
	r := Result{Output: text}
	var ee *exec.ExitError
	switch {
	case timedOut:
		r.Cause, r.Detail = "timeout", "timeout"
	case errors.As(err, &ee) || err != nil:
		r.Detail = yaegiDetail(text, err)
		r.Cause = Classify(r.Detail, text)
	case text != p.Want:
		r.Cause, r.Detail = "output differs", "output differs"
	default:
		r.Pass = true
	}
	return r
}

// yaegiDetail is the marker line of a failed child, else its last line.
func yaegiDetail(text string, err error) string {
	if i := bytes.LastIndex([]byte(text), []byte(yaegiMarker)); i >= 0 {
		return firstLine(text[i+len(yaegiMarker):])
	}
	if i := bytes.Index([]byte(text), []byte("panic: ")); i >= 0 {
		return firstLine(text[i:])
	}
	if i := bytes.Index([]byte(text), []byte("fatal error: ")); i >= 0 {
		return firstLine(text[i:])
	}
	return "exit: " + err.Error()
}

// limited writes at most n bytes to w and drops the rest.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.n > 0 {
		q := p
		if len(q) > l.n {
			q = q[:l.n]
		}
		l.n -= len(q)
		l.w.Write(q)
	}
	return len(p), nil
}
