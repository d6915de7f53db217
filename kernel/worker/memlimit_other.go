//go:build !linux

package worker

// setHardMemoryLimit does nothing outside Linux: the guard's heap checks
// are the only limit there.
func setHardMemoryLimit(uint64) {}
