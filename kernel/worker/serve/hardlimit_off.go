//go:build race || cgo

package serve

// hardLimitOff: the race detector maps shadow memory, and cgo's threads
// map 8 MiB stacks, both as private writable memory that RLIMIT_DATA
// counts; such builds rely on the memory guard's heap checks alone.
const hardLimitOff = true
