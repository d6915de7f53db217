package mt

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/internal/goid"
)

// Deadlock detection. Every goroutine blocked in an mt lock's Acquire is an
// edge "goroutine g waits for lock l", and every held lock names its holder.
// Waits with a deadline (AcquireTimeout, AcquireCtx with a deadline) end by
// themselves and never count. When a goroutine starts waiting, mt follows
// waits→holder→waits… from it; if the walk comes back to the caller, the
// goroutines form a cycle. A Lock may be released by any goroutine (a lock
// used to hand over turns is released by the next thread in the ring), so a
// cycle is only printed on Stderr (once per cycle) when the caller's wait
// still closes a cycle DeadlockGrace later. The goroutines keep waiting, as
// Python's would: in the kernel the cell is then interrupted; compiled
// callers use AcquireCtx/AcquireTimeout.

// DeadlockGrace is how long a wait must keep closing a cycle of waits before
// the cycle is printed on Stderr as a deadlock. It spares the hand-off
// patterns in which a thread waits for a lock that another thread is about
// to release. Zero or less prints a cycle as soon as it forms. Set it before
// starting threads; DeadlockReport is not affected.
var DeadlockGrace = 500 * time.Millisecond

// afterFunc schedules the grace checks (replaced in tests).
var afterFunc = func(d time.Duration, f func()) { time.AfterFunc(d, f) }

type trackedLock interface {
	lockName() string
	holderID() int64
}

var deadlocks = struct {
	mu       sync.Mutex
	waiting  map[int64]waitInfo
	reported map[string]bool
	seq      uint64         // numbers the waits
	pending  sync.WaitGroup // grace checks not yet run (for tests)
}{waiting: map[int64]waitInfo{}, reported: map[string]bool{}}

// waitInfo is what a blocked goroutine waits for; a bounded wait (one with a
// deadline) ends by itself, so a cycle containing it is not a deadlock.
type waitInfo struct {
	lock    trackedLock
	bounded bool
	goid    int64  // for naming goroutines that are not mt threads
	seq     uint64 // tells this wait from a later one of the same goroutine
}

type waitEdge struct {
	g    int64
	lock trackedLock
	by   int64 // holder of lock
}

func waitStart(g int64, l trackedLock, bounded bool) {
	id := goid.ID()
	grace := DeadlockGrace
	deadlocks.mu.Lock()
	deadlocks.seq++
	seq := deadlocks.seq
	deadlocks.waiting[g] = waitInfo{lock: l, bounded: bounded, goid: id, seq: seq}
	var text string
	if cycleFrom(g) != nil {
		if grace > 0 {
			deadlocks.pending.Add(1)
			afterFunc(grace, func() {
				defer deadlocks.pending.Done()
				reportCycle(g, seq)
			})
		} else {
			text = newCycleText(g)
		}
	}
	deadlocks.mu.Unlock()
	if text != "" {
		printf(Stderr, "%s", text)
	}
}

// reportCycle prints the cycle through g if g is still in the wait numbered
// seq and that wait still closes a cycle.
func reportCycle(g int64, seq uint64) {
	deadlocks.mu.Lock()
	var text string
	if w, ok := deadlocks.waiting[g]; ok && w.seq == seq {
		text = newCycleText(g)
	}
	deadlocks.mu.Unlock()
	if text != "" {
		printf(Stderr, "%s", text)
	}
}

// newCycleText returns the text of the cycle through g, or "" when there is
// none or it was reported already. Called with deadlocks.mu held.
func newCycleText(g int64) string {
	cycle := cycleFrom(g)
	if cycle == nil {
		return ""
	}
	key := cycleKey(cycle)
	if deadlocks.reported[key] {
		return ""
	}
	deadlocks.reported[key] = true
	return formatCycle(cycle)
}

func waitEnd(g int64) {
	deadlocks.mu.Lock()
	defer deadlocks.mu.Unlock()
	delete(deadlocks.waiting, g)
	if len(deadlocks.waiting) == 0 {
		clear(deadlocks.reported)
	}
}

// cycleFrom follows the wait-for graph from g and returns the cycle through
// g, starting with its first-started thread (so that a cycle always reads the
// same: goroutine ids are handed out in per-processor batches and do not
// follow start order), or nil. Called with deadlocks.mu held.
func cycleFrom(g int64) []waitEdge {
	var path []waitEdge
	seen := map[int64]bool{}
	for cur := g; ; {
		w, ok := deadlocks.waiting[cur]
		if !ok || w.bounded {
			return nil
		}
		h := w.lock.holderID()
		if h == 0 || seen[cur] {
			return nil
		}
		seen[cur] = true
		path = append(path, waitEdge{g: cur, lock: w.lock, by: h})
		if h == g {
			first := 0
			for i, e := range path {
				if startRank(e.g) < startRank(path[first].g) {
					first = i
				}
			}
			return append(path[first:], path[:first]...)
		}
		cur = h
	}
}

// startRank orders goroutines in a cycle: mt threads by start order, then
// other goroutines by id. Called with deadlocks.mu held.
func startRank(g int64) int64 {
	if t := registry.lookup(g); t != nil {
		return t.seq
	}
	return 1<<40 + deadlocks.waiting[g].goid
}

func cycleKey(c []waitEdge) string {
	ids := make([]string, len(c))
	for i, e := range c {
		ids[i] = fmt.Sprintf("%x>%p", e.g, e.lock)
	}
	slices.Sort(ids)
	return strings.Join(ids, ",")
}

// threadName names the goroutine with gid g. Called with deadlocks.mu held.
func threadName(g int64) string {
	if t := registry.lookup(g); t != nil {
		return t.Name()
	}
	if g == mainGID {
		return "MainThread"
	}
	if w, ok := deadlocks.waiting[g]; ok {
		return fmt.Sprintf("goroutine %d", w.goid)
	}
	return "an unknown goroutine"
}

// formatCycle describes a cycle: each thread, the lock it holds (the one the
// previous thread waits for) and the lock it waits for.
func formatCycle(c []waitEdge) string {
	var b strings.Builder
	if len(c) == 1 {
		fmt.Fprintf(&b, "Deadlock detected: %s waits for %s, which it holds itself (a Lock is not reentrant; use an RLock)\n",
			threadName(c[0].g), c[0].lock.lockName())
		return b.String()
	}
	fmt.Fprintf(&b, "Deadlock detected: %d threads wait for each other:\n", len(c))
	for i, e := range c {
		held := c[(i+len(c)-1)%len(c)].lock
		fmt.Fprintf(&b, "  %s holds %s and waits for %s (held by %s)\n",
			threadName(e.g), held.lockName(), e.lock.lockName(), threadName(e.by))
	}
	return b.String()
}

// DeadlockReport returns the text of every cycle of goroutines waiting on mt
// locks right now (the text printed on Stderr for a deadlock), or "" when
// there is none. Unlike the Stderr report it does not wait DeadlockGrace.
func DeadlockReport() string {
	deadlocks.mu.Lock()
	defer deadlocks.mu.Unlock()
	var out []string
	done := map[string]bool{}
	ids := make([]int64, 0, len(deadlocks.waiting))
	for g := range deadlocks.waiting {
		ids = append(ids, g)
	}
	slices.Sort(ids)
	for _, g := range ids {
		if c := cycleFrom(g); c != nil {
			if k := cycleKey(c); !done[k] {
				done[k] = true
				out = append(out, formatCycle(c))
			}
		}
	}
	return strings.Join(out, "")
}
