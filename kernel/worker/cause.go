package worker

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
)

// deathCause names why a worker died, from its exit status and what the Go
// runtime printed on its fd 2. It returns a one-line summary and the first
// lines of the runtime's report (goroutine stacks are cut short).
func deathCause(exit error, crash string) (string, []string) {
	var detail []string
	summary := ""
	for _, line := range strings.Split(crash, "\n") {
		switch {
		case strings.HasPrefix(line, "fatal error: "):
			summary = line
		case strings.HasPrefix(line, "panic: ") && summary == "":
			summary = line
		case strings.HasPrefix(line, "runtime: goroutine stack exceeds"):
			summary = "stack overflow (runaway recursion?): " + line
		}
	}
	if strings.Contains(crash, "fatal error: stack overflow") {
		summary = "fatal error: stack overflow (runaway recursion?)"
	}
	lines := strings.Split(strings.TrimRight(crash, "\n"), "\n")
	const maxLines = 40
	if len(lines) > maxLines {
		lines = append(lines[:maxLines], fmt.Sprintf("... (%d more lines)", len(lines)-maxLines))
	}
	if crash != "" {
		detail = lines
	}
	var ee *exec.ExitError
	switch {
	case errors.As(exit, &ee):
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			sig := ws.Signal()
			if summary == "" {
				summary = fmt.Sprintf("killed by signal %v", sig)
				if sig == syscall.SIGKILL {
					summary += " (out of memory?)"
				}
			}
			return summary, detail
		}
		code := ee.ExitCode()
		if summary == "" {
			summary = fmt.Sprintf("exited with status %d (os.Exit called?)", code)
		}
	case exit == nil:
		if summary == "" {
			summary = "exited with status 0 (os.Exit(0) called?)"
		}
	default:
		if summary == "" {
			summary = exit.Error()
		}
	}
	return summary, detail
}
