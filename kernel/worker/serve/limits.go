package serve

import (
	"os"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
	"github.com/gokernel/gokernel/pkg/mt"
)

// applyLimits puts the environment's limits on this worker: the cap on
// child processes, and the memory guard, which reports to crash.
func applyLimits(crash *os.File) *memGuard {
	l, _ := protocol.LimitsFromEnv(os.Environ())
	mt.SetMaxChildren(l.MaxChildren)
	return startMemGuard(l.MemoryMiB, crash)
}
