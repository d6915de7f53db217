package serve

// Deadlock detection. While a cell runs, a watcher decides, as the Go
// runtime does before it prints "all goroutines are asleep - deadlock!",
// whether any goroutine of the worker could still make progress. It reads
// the state of every goroutine from one consistent dump (runtime.Stack
// stops the world) and classifies each:
//
//   - the worker's own goroutines (its main loop, the request reader, this
//     watcher) are left out;
//   - a goroutine running interpreted code is asleep when it is blocked in
//     an interpreted channel send, receive, range or select (yaegi's frame
//     is the innermost outside the runtime and reflect), or in a cell's
//     sync.Mutex, RWMutex or WaitGroup (package isync) or a sync.Cond;
//     blocked anywhere else (an mt thread's Join, an mt lock, a queue, a
//     coro wait, time.Sleep, stdin, a process, the network, a file) it
//     counts as awake, since something outside the interpreted goroutines
//     may end that wait;
//   - any other goroutine (started by compiled code) is asleep when the
//     runtime says it waits on a channel, select or sync primitive, and
//     awake otherwise (running, in a system call, in network I/O, asleep in
//     time.Sleep).
//
// The cell is deadlocked when its own goroutine is asleep, every goroutine
// counted is asleep, and no timer or signal subscription is pending
// (internal/wakers: timers are invisible in a dump). A deadlock must show
// the same dump twice in a row, with no goroutine created in between,
// before the cell is stopped: its error is Go's fatal error with the wait
// of each goroutine, and the cell's goroutines are stopped as by an
// interrupt, so the session is kept.
//
// The watcher only dumps goroutines when the scheduler reports at most
// one goroutine running or runnable (itself): a cell that computes costs
// it a read of two runtime metrics per deadlockTick.

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"reflect"
	"runtime/metrics"
	"strings"
	"time"

	"github.com/gokernel/gokernel/internal/wakers"
	"github.com/gokernel/gokernel/kernel/worker/protocol"
)

// deadlockOff turns detection off: GOKERNEL_DEADLOCK=off in the
// environment.
var deadlockOff = os.Getenv("GOKERNEL_DEADLOCK") == "off"

// deadlockTick is how often the watcher looks at the scheduler while a
// cell runs; a deadlock is reported about two ticks after it forms.
const deadlockTick = 150 * time.Millisecond

// DeadlockName and DeadlockValue are the ename and evalue of a cell that
// deadlocked: Jupyter shows "fatal error: all goroutines are asleep -
// deadlock!", the line Go prints.
const (
	DeadlockName  = "fatal error"
	DeadlockValue = "all goroutines are asleep - deadlock!"
)

// watchDeadlock runs until stop is closed, and calls found (once) with the
// waits of the goroutines when the running cell deadlocks.
func watchDeadlock(stop <-chan struct{}, found func(waits []string)) {
	t := time.NewTicker(deadlockTick)
	defer t.Stop()
	samples := []metrics.Sample{
		{Name: "/sched/goroutines/running:goroutines"},
		{Name: "/sched/goroutines/runnable:goroutines"},
		{Name: "/sched/goroutines-created:goroutines"},
	}
	var last string // the signature of the last deadlocked dump
	var created uint64
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		metrics.Read(samples)
		busy := uint64(0)
		for _, s := range samples[:2] {
			if s.Value.Kind() == metrics.KindUint64 {
				busy += s.Value.Uint64()
			}
		}
		now := uint64(0)
		if samples[2].Value.Kind() == metrics.KindUint64 {
			now = samples[2].Value.Uint64()
		}
		if busy > 1 || wakers.Pending() {
			last = ""
			continue
		}
		sig, waits, dead := deadlocked(goroutineStacks())
		switch {
		case !dead:
			last = ""
		case sig == last && now == created && !wakers.Pending():
			found(waits)
			return
		default:
			last, created = sig, now
		}
	}
}

// asleepStates are the runtime's wait reasons of a goroutine that only
// another goroutine can wake.
var asleepStates = map[string]bool{
	"chan send": true, "chan receive": true, "select": true, "select (no cases)": true,
	"chan send (nil chan)": true, "chan receive (nil chan)": true,
	"sync.Cond.Wait": true, "sync.Mutex.Lock": true, "sync.RWMutex.Lock": true,
	"sync.RWMutex.RLock": true, "sync.WaitGroup.Wait": true, "semacquire": true,
}

// interpretedWaits names the waits of interpreted code by the innermost
// frame outside the runtime and reflect, as a prefix.
var interpretedWaits = []struct{ frame, wait string }{
	{yaegiFrame + "send.", "chan send"},
	{yaegiFrame + "recv.", "chan receive"},
	{yaegiFrame + "recv2.", "chan receive"},
	{yaegiFrame + "rangeChan.", "chan receive (range)"},
	{yaegiFrame + "_select.", "select"},
	{"github.com/gokernel/gokernel/kernel/engine/isync.(*Mutex).Lock", "sync.Mutex.Lock"},
	{"github.com/gokernel/gokernel/kernel/engine/isync.(*RWMutex).Lock", "sync.RWMutex.Lock"},
	{"github.com/gokernel/gokernel/kernel/engine/isync.(*RWMutex).RLock", "sync.RWMutex.RLock"},
	{"github.com/gokernel/gokernel/kernel/engine/isync.(*WaitGroup).Wait", "sync.WaitGroup.Wait"},
	{"sync.(*Cond).Wait", "sync.Cond.Wait"},
}

// workerFrame marks the worker's own goroutines: functions of this package
// (its path is taken from a type of it, so a move of the package keeps it
// true).
var workerFrame = reflect.TypeFor[gstack]().PkgPath() + "."

// gstack is one goroutine of a dump.
type gstack struct {
	id, state string
	frames    []string // function names, innermost first
	created   string   // the "created by" line
	raw       []byte
}

func parseStack(g []byte) gstack {
	var s gstack
	s.raw = g
	sc := bufio.NewScanner(bytes.NewReader(g))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	if sc.Scan() { // "goroutine N [state, 2 minutes]:"
		h := strings.TrimPrefix(sc.Text(), "goroutine ")
		if i := strings.IndexByte(h, ' '); i > 0 {
			s.id = h[:i]
			st := strings.TrimSuffix(strings.TrimPrefix(h[i+1:], "["), "]:")
			if j := strings.IndexByte(st, ','); j >= 0 {
				st = st[:j]
			}
			s.state = st
		}
	}
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "\t"):
		case strings.HasPrefix(l, "created by "):
			s.created = strings.TrimPrefix(l, "created by ")
		default:
			fn := l
			if i := strings.LastIndexByte(fn, '('); i > 0 && strings.HasSuffix(fn, ")") {
				fn = fn[:i]
			}
			s.frames = append(s.frames, fn)
		}
	}
	return s
}

// top returns the innermost frame outside the runtime and reflect.
func (s gstack) top() string {
	for _, f := range s.frames {
		if strings.HasPrefix(f, "runtime.") || strings.HasPrefix(f, "internal/") ||
			strings.HasPrefix(f, "reflect.") || strings.HasPrefix(f, "sync.runtime_") {
			continue
		}
		return f
	}
	return ""
}

// interpretedWait names the wait of interpreted goroutine s, "" if it
// waits in none of interpretedWaits. isync's condition wait is named by
// its caller.
func (s gstack) interpretedWait() string {
	top := s.top()
	if top == isyncWaiter {
		for i, f := range s.frames {
			if f == isyncWaiter && i+1 < len(s.frames) {
				top = s.frames[i+1]
				break
			}
		}
	}
	for _, w := range interpretedWaits {
		if strings.HasPrefix(top, w.frame) {
			return w.wait
		}
	}
	return ""
}

const isyncWaiter = "github.com/gokernel/gokernel/kernel/engine/isync.(*waiter).wait"

func (s gstack) has(prefix string) bool {
	for _, f := range s.frames {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}

// deadlocked classifies the goroutines of a dump. It reports whether the
// cell's goroutine and every other goroutine counted are asleep, with the
// wait of each, and a signature of the dump (ids, states and frames) that
// tells two dumps apart.
func deadlocked(dump [][]byte) (sig string, waits []string, dead bool) {
	var b strings.Builder
	cell := false
	for _, raw := range dump {
		g := parseStack(raw)
		if g.id == "" {
			continue
		}
		interpreted := g.has(yaegiFrame)
		if g.has(workerFrame+"Serve") || (g.has(workerFrame) && !interpreted) {
			continue // the worker's own goroutine
		}
		if g.top() == yaegiFrame+"(*Interpreter).ExecuteWithContext" {
			continue // waits for the goroutine running the program, counted itself
		}
		if len(g.frames) > 0 && g.top() == "" && strings.HasPrefix(g.created, "runtime.") {
			continue // the runtime's (finalizers, cleanups)
		}
		fmt.Fprintf(&b, "%s %s %s;", g.id, g.state, strings.Join(g.frames, ","))
		if !interpreted {
			if !asleepStates[g.state] {
				return "", nil, false
			}
			continue
		}
		if !asleepStates[g.state] {
			return "", nil, false
		}
		wait := g.interpretedWait()
		if wait == "" {
			return "", nil, false // blocked in a call something else may end
		}
		who := "a goroutine of the cell"
		if strings.HasPrefix(g.created, execGoroutine[len("created by "):]) {
			who, cell = "the cell", true
		}
		waits = append(waits, fmt.Sprintf("goroutine %s [%s]: %s", g.id, wait, who))
	}
	return b.String(), waits, cell
}

// watch starts the deadlock watcher of the cell that begin armed; the
// returned func stops it.
func (c *cellSignal) watch() (stop func()) {
	if deadlockOff {
		return func() {}
	}
	ch := make(chan struct{})
	done := make(chan struct{})
	c.mu.Lock()
	id := c.id
	c.mu.Unlock()
	go func() {
		defer close(done)
		watchDeadlock(ch, func(waits []string) { c.deadlock(id, waits) })
	}()
	return func() {
		close(ch)
		<-done
	}
}

// deadlock stops cell id as an interrupt does, to fail it with Go's
// deadlock error listing waits.
func (c *cellSignal) deadlock(id int, waits []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id != c.id || c.id == 0 || c.interrupted {
		return
	}
	c.interrupted = true
	c.waits = waits
	c.stopped = interpretedGoroutines()
	close(c.ch)
	c.cancel()
}

// deadlockError makes r the reply of a cell stopped by a deadlock: Go's
// fatal error, then the wait of each goroutine, the cell's position, and
// whether the goroutines were stopped; blocked names the compiled calls
// (sync.Cond.Wait) in which goroutines could not be stopped: they stay
// blocked, harmlessly, and the session goes on.
func deadlockError(r *protocol.Reply, waits []string, stopped int, blocked []string) {
	tb := []string{DeadlockName + ": " + DeadlockValue, ""}
	tb = append(tb, waits...)
	if r.Err != nil && len(r.Err.Traceback) > 1 {
		tb = append(tb, r.Err.Traceback[1:]...) // where the cell stopped
	}
	if stopped > 0 {
		n := "1 goroutine of the cell was"
		if stopped > 1 {
			n = fmt.Sprintf("%d goroutines of the cell were", stopped)
		}
		tb = append(tb, n+" stopped; the session is kept")
	}
	if len(blocked) > 0 {
		tb = append(tb, "goroutines waiting in "+strings.Join(blocked, ", ")+" cannot be stopped and stay blocked")
	}
	r.Value = nil
	r.Err = &protocol.CellError{Name: DeadlockName, Value: DeadlockValue, Traceback: tb}
}

// deadlockWaits returns the waits of the last cell if a deadlock stopped
// it, nil otherwise.
func (c *cellSignal) deadlockWaits() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waits
}
