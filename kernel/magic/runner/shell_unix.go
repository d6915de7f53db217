//go:build unix

package runner

import (
	"os/exec"
	"syscall"
)

// ownGroup starts cmd in a process group of its own, so that an interrupt
// kills it with everything it started.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killTree kills cmd's process group.
func killTree(cmd *exec.Cmd) {
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	cmd.Process.Kill()
}
