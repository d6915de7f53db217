//go:build unix && !linux

package worker

import "syscall"

// sysProcAttr puts the worker in its own process group (so the kernel can
// kill it with everything it started, and a SIGINT to the kernel's group does
// not reach it).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

func killGroup(pid int) {
	syscall.Kill(-pid, syscall.SIGKILL)
	syscall.Kill(pid, syscall.SIGKILL)
}
