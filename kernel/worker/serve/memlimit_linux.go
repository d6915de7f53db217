package serve

import "syscall"

// setHardMemoryLimit sets RLIMIT_DATA (private writable memory, which is
// what the Go heap maps) to n bytes, in builds without cgo and the race
// detector (see hardLimitOff).
func setHardMemoryLimit(n uint64) {
	if hardLimitOff {
		return
	}
	lim := syscall.Rlimit{Cur: n, Max: n}
	var old syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_DATA, &old) == nil && old.Max < n {
		lim = syscall.Rlimit{Cur: old.Max, Max: old.Max}
	}
	syscall.Setrlimit(syscall.RLIMIT_DATA, &lim)
}
