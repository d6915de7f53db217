//go:build unix

package mt

import (
	"os"
	"os/exec"
	"syscall"
)

// exitCode is Python's Process.exitcode: the exit status, or -N when the
// process was killed by signal N.
func exitCode(st *os.ProcessState) int {
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return -int(ws.Signal())
	}
	return st.ExitCode()
}

func terminate(p *os.Process) error { return p.Signal(syscall.SIGTERM) }

func setChildAttrs(cmd *exec.Cmd) { setPdeathsig(cmd) }
