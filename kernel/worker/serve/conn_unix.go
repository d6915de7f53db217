//go:build unix

package serve

import (
	"os"
	"syscall"
)

// openConn opens the inherited descriptor fd, the worker's connection to
// the supervisor, in the runtime's poller (non-blocking; O_NONBLOCK is set
// on the worker's own end of the socketpair only): the request reader parks
// between cells instead of holding a thread in read(2), so a request wakes
// no second thread to run the cell. Nil if fd is not open.
func openConn(fd int, name string) *os.File {
	if err := syscall.SetNonblock(fd, true); err != nil {
		return nil
	}
	return os.NewFile(uintptr(fd), name)
}
