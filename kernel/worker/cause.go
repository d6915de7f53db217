package worker

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
)

// deathCause says why a worker died, from its exit status and what the Go
// runtime printed on its fd 2, as a verb phrase that follows "the worker
// process": "died: panic: boom", "exited with status 3 (os.Exit called?)".
// It also returns the first lines of the runtime's report (goroutine stacks
// are cut short).
func deathCause(exit error, crash string) (string, []string) {
	reason := ""
	for _, line := range strings.Split(crash, "\n") {
		switch {
		case strings.HasPrefix(line, "fatal error: "):
			reason = line
		case strings.HasPrefix(line, "panic: ") && reason == "":
			reason = line
		}
	}
	if strings.Contains(crash, "fatal error: stack overflow") || strings.Contains(crash, "goroutine stack exceeds") {
		reason = "fatal error: stack overflow (runaway recursion?)"
	}
	var detail []string
	if crash != "" {
		lines := strings.Split(strings.TrimRight(crash, "\n"), "\n")
		const maxLines = 40
		if len(lines) > maxLines {
			lines = append(lines[:maxLines], fmt.Sprintf("... (%d more lines)", len(lines)-maxLines))
		}
		detail = lines
	}
	if reason != "" {
		return "died: " + reason, detail
	}
	var ee *exec.ExitError
	switch {
	case errors.As(exit, &ee):
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			s := fmt.Sprintf("was killed by signal %v", ws.Signal())
			if ws.Signal() == syscall.SIGKILL {
				s += " (out of memory?)"
			}
			return s, detail
		}
		return fmt.Sprintf("exited with status %d (os.Exit called?)", ee.ExitCode()), detail
	case exit == nil:
		return "exited with status 0 (os.Exit(0) called?)", detail
	default:
		return "died: " + exit.Error(), detail
	}
}

// outOfMemory reports whether a dead worker's crash report says it ran out
// of memory: the guard's line or the runtime's.
func outOfMemory(crash string) bool {
	return strings.Contains(crash, protocol.MemoryExceeded) || strings.Contains(crash, "fatal error: out of memory") ||
		strings.Contains(crash, "runtime: out of memory") ||
		strings.Contains(crash, "fatal error: runtime: cannot allocate memory")
}

// memoryError is the error of a cell whose worker ran out of memory.
func memoryError(limitMiB int) (value string) {
	if limitMiB > 0 {
		return fmt.Sprintf("the cell used more than %d MiB of memory, the session's limit (%s)", limitMiB, protocol.MemoryLimitEnv)
	}
	return "the worker process ran out of memory"
}
