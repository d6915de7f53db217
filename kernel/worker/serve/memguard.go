package serve

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
)

// memGuard enforces the worker's memory limit. Go cannot fail one
// allocation, and the cell's variables keep what it allocated, so a cell
// that passes the limit ends the worker: the supervisor reports a
// MemoryError for that cell and starts a fresh worker with the session's
// declarations replayed, as after any other death. Three layers:
//
//   - debug.SetMemoryLimit(limit) makes the garbage collector work harder
//     as the heap nears the limit, so garbage alone never trips it;
//   - after every GC cycle (and after every cell) the guard reads the live
//     heap; above the limit it writes protocol.MemoryExceeded to fd 2 and exits;
//   - on Linux, RLIMIT_DATA at hardLimit(limit) makes a single huge
//     allocation (make([]byte, 1<<40)) fail in the runtime ("fatal error:
//     out of memory") before the machine's memory is gone. Children started
//     by mt inherit it.
type memGuard struct {
	limit uint64
	out   *os.File // the worker's fd 2, read by the supervisor on death
	mu    sync.Mutex
	live  []metrics.Sample
	heap  []metrics.Sample
}

// hardLimit is the RLIMIT_DATA for a memory limit: room above the soft
// limit for the GC's own overhead and the runtime's metadata.
func hardLimit(limit uint64) uint64 { return limit + limit/2 + 512<<20 }

// startMemGuard starts guarding limitMiB (0: no limit) and reports to out.
func startMemGuard(limitMiB int, out *os.File) *memGuard {
	if limitMiB <= 0 {
		return nil
	}
	g := &memGuard{limit: uint64(limitMiB) << 20, out: out,
		live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}},
		heap: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
	debug.SetMemoryLimit(int64(g.limit))
	setHardMemoryLimit(hardLimit(g.limit))
	g.arm()
	return g
}

// gcMark is garbage whose finalizer runs after the GC cycle that finds it:
// it checks the live heap and arms the next mark.
type gcMark struct {
	g *memGuard
	_ [2]uintptr // not a tiny allocation (those may never be finalized)
}

func (g *memGuard) arm() {
	runtime.SetFinalizer(&gcMark{g: g}, func(m *gcMark) {
		m.g.check()
		m.g.arm()
	})
}

// check ends the worker if the live heap measured by the last GC is above
// the limit.
func (g *memGuard) check() {
	g.mu.Lock()
	metrics.Read(g.live)
	live := g.live[0].Value.Uint64()
	g.mu.Unlock()
	if live > g.limit {
		fmt.Fprintf(g.out, "%s: the live heap is %d MiB, the limit is %d MiB\n", protocol.MemoryExceeded, live>>20, g.limit>>20)
		os.Exit(3)
	}
}

// afterCell checks the limit when a cell ends, so that a cell that filled
// the heap without a GC cycle noticing yet is the one told.
func (g *memGuard) afterCell() {
	if g == nil {
		return
	}
	g.mu.Lock()
	metrics.Read(g.heap)
	heap := g.heap[0].Value.Uint64()
	g.mu.Unlock()
	if heap > g.limit {
		runtime.GC()
		g.check()
	}
}
