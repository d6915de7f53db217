//go:build unix

package history

import (
	"fmt"
	"os"
	"syscall"
)

// locked runs f holding the history lock: exclusive to write, shared to
// read. The lock is flock on a file of its own, which the compaction's
// rename never replaces.
func (s *Store) locked(exclusive bool, f func() error) error {
	lf, err := os.OpenFile(s.lock, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("history: lock: %w", err)
	}
	defer lf.Close()
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(lf.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("history: lock: %w", err)
	}
	defer syscall.Flock(int(lf.Fd()), syscall.LOCK_UN)
	return f()
}
