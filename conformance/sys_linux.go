package conformance

import "syscall"

func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the process group a child leads (itself and whatever it
// started).
func killGroup(pid int) { syscall.Kill(-pid, syscall.SIGKILL) }
