//go:build unix

package worker

import (
	"os"
	"syscall"
)

// socketpair returns the two ends of a connected stream socket, neither
// inherited by children unless passed on purpose: the kernel's end and the
// worker's (its fd 3).
func socketpair() (conn, childConn *os.File, err error) {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		return nil, nil, err
	}
	syscall.CloseOnExec(fds[0])
	syscall.CloseOnExec(fds[1])
	// The kernel's end is non-blocking, so os.NewFile puts it in the
	// runtime's poller: the reader of replies parks instead of holding a
	// thread in read(2), and the reply's wake-up hands the cell's goroutine
	// the same thread rather than waking another one to steal it.
	if err := syscall.SetNonblock(fds[0], true); err != nil {
		syscall.Close(fds[0])
		syscall.Close(fds[1])
		return nil, nil, err
	}
	return os.NewFile(uintptr(fds[0]), "worker-conn"), os.NewFile(uintptr(fds[1]), "kernel-conn"), nil
}
