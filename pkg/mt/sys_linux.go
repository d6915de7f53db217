package mt

import (
	"os/exec"
	"syscall"
)

// setPdeathsig asks Linux to kill the child when its parent dies, so that a
// killed kernel worker leaves no orphans.
func setPdeathsig(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
