//go:build !linux

package serve

// setHardMemoryLimit does nothing outside Linux: the guard's heap checks
// are the only limit there.
func setHardMemoryLimit(uint64) {}
