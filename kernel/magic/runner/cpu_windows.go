//go:build windows

package runner

import (
	"syscall"
	"time"
)

// cpuTimes returns the user and system CPU time this process used so far.
func cpuTimes() (user, sys time.Duration) {
	h, err := syscall.GetCurrentProcess()
	if err != nil {
		return 0, 0
	}
	var c, e, k, u syscall.Filetime
	if syscall.GetProcessTimes(h, &c, &e, &k, &u) != nil {
		return 0, 0
	}
	// Filetimes count 100 ns intervals.
	ticks := func(f syscall.Filetime) time.Duration {
		return time.Duration(int64(f.HighDateTime)<<32|int64(f.LowDateTime)) * 100
	}
	return ticks(u), ticks(k)
}
