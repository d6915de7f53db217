package worker

import (
	"errors"
	"os"
	"syscall"
)

// errNeedsUnix is what starting a worker says on Windows: the worker gets
// its connection and stderr as inherited descriptors 3 and 4, which Windows
// does not pass to a child.
var errNeedsUnix = errors.New("the cell worker process needs Linux or macOS (inherited descriptors 3 and 4); run gokernel under WSL")

func socketpair() (conn, childConn *os.File, err error) { return nil, nil, errNeedsUnix }

func sysProcAttr() *syscall.SysProcAttr { return nil }

func killGroup(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}
