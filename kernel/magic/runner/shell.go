package runner

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/magic"
)

// shellLine is `!COMMAND`: sh -c COMMAND (cmd /C on Windows). A non-zero
// exit status is printed and the cell goes on, as in IPython.
func (r *Runner) shellLine(ctx context.Context, command string) *engine.Outcome {
	if command == "" {
		return failed(errors.New("! needs a command: !ls -l"))
	}
	name, args := "sh", []string{"-c", command}
	if runtime.GOOS == "windows" {
		name, args = "cmd", []string{"/C", command}
	}
	code, err := r.shell(ctx, name, args)
	if err != nil {
		return &engine.Outcome{Err: err}
	}
	if code != 0 && ctx.Err() == nil {
		fmt.Fprintf(r.Stderr, "exit status %d\n", code)
	}
	return &engine.Outcome{}
}

// bash is %%bash: the body is a bash script; a non-zero exit status fails
// the cell.
func (r *Runner) bash(ctx context.Context, m magic.Line) *engine.Outcome {
	if m.Args != "" {
		return failed(errors.New("%%bash takes no arguments: the script goes on the lines below it"))
	}
	code, err := r.shell(ctx, "bash", []string{"-c", m.Body})
	if err != nil {
		return &engine.Outcome{Err: err}
	}
	if code != 0 && ctx.Err() == nil {
		msg := fmt.Sprintf("the bash script exited with status %d", code)
		return &engine.Outcome{Err: &engine.Error{Name: "CalledProcessError", Value: msg,
			Traceback: []string{"CalledProcessError: " + msg}}}
	}
	return &engine.Outcome{}
}

// shell runs a shell with its output on the cell's stdout and stderr (the
// pipes themselves, so it streams as it is written) and no stdin. When ctx
// ends it kills the shell with everything it started. It returns the exit
// status (-1 when killed).
func (r *Runner) shell(ctx context.Context, name string, args []string) (int, *engine.Error) {
	path, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("no shell: %s was not found on PATH (%v); shell commands need it", name, err)
		return 0, &engine.Error{Name: "NoShell", Value: msg, Traceback: []string{"NoShell: " + msg}}
	}
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = r.Stdout, r.Stderr
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		msg := fmt.Sprintf("cannot start %s: %v", name, err)
		return 0, &engine.Error{Name: "OSError", Value: msg, Traceback: []string{"OSError: " + msg}}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		killTree(cmd)
		err = <-done
	}
	if err == nil {
		return 0, nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), nil
	}
	msg := fmt.Sprintf("%s: %v", name, err)
	return 0, &engine.Error{Name: "OSError", Value: msg, Traceback: []string{"OSError: " + msg}}
}
