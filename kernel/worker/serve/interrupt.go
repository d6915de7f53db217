package serve

// Interrupts. The supervisor first asks (request opInterrupt): the worker
// closes the running cell's interrupt signal, handed to pkg/coro, so that
// the cell's waits in coro (Run, JoinAll, Gather, Queue.Get, a greenlet's
// Switch, ...) and every time.Sleep of interpreted code end, and cancels
// the cell's context, which makes yaegi stop all interpreted code (the
// cell's and its goroutines', loops included) at its next step and end its
// channel operations and selects. It answers opInterrupting with how many
// coro waits there were. When the cell has returned, the worker cancels
// the cooperative tasks and greenlets it left and waits until no goroutine
// of the cell still runs; the result says KeyboardInterrupt, and the
// session, variables included, is kept (engine.Session.Settle). A cell
// blocked in a native call that nothing can end (sync.WaitGroup.Wait, a
// mutex, an mt thread's Join) is reported Stuck, with those calls, and the
// supervisor replaces the worker (kernel/worker/supervisor.go).

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/worker/protocol"
	"github.com/gokernel/gokernel/pkg/coro"
)

// settleTime bounds the worker's clean-up after an interrupted cell.
const settleTime = 300 * time.Millisecond

// cellSignal is the interrupt signal of the running cell.
type cellSignal struct {
	mu          sync.Mutex
	id          int           // the running cell's protocol.Request id; 0 between cells
	ch          chan struct{} // closed by interrupt
	cancel      context.CancelFunc
	interrupted bool
	stopped     int      // goroutines of interpreted code running when interrupted
	waits       []string // the goroutines' waits, if a deadlock stopped the cell (deadlock.go)
}

// Interrupt is the running cell's interrupt signal, nil between cells:
// the worker's coro.Host (Serve installs it).
func (c *cellSignal) Interrupt() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.id == 0 {
		return nil
	}
	return c.ch
}

// IsMain reports whether the calling goroutine runs a cell's own code.
func (c *cellSignal) IsMain() bool { return engine.InCell() }

// begin arms a fresh signal for cell id, whose code runs with a context
// that cancel ends.
func (c *cellSignal) begin(id int, cancel context.CancelFunc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.id, c.ch, c.cancel, c.interrupted, c.stopped = id, make(chan struct{}), cancel, false, 0
	c.waits = nil
}

// running returns the running cell's request id, 0 between cells.
func (c *cellSignal) running() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.id
}

// interrupt fires the signal if cell id is running. It returns how many
// coro waits the signal ends, and false if id is not running.
func (c *cellSignal) interrupt(id int) (waits int, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id != c.id || c.id == 0 {
		return 0, false
	}
	waits = coro.InterruptibleWaits()
	if !c.interrupted {
		c.interrupted = true
		c.stopped = interpretedGoroutines()
		close(c.ch)
		c.cancel()
	}
	return waits, true
}

// end disarms the signal after the cell returned. If the cell was
// interrupted, it cleans up what the cell left and reports stuck, with the
// calls they block in, if goroutines the cell started still run.
func (c *cellSignal) end(sess *engine.Session) (interrupted bool, stopped int, blocked []string) {
	c.mu.Lock()
	interrupted, stopped = c.interrupted, c.stopped
	c.id = 0 // Interrupt returns nil from now on
	c.mu.Unlock()
	if !interrupted {
		return false, 0, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), settleTime)
	settled := coro.KillAllCtx(ctx) == nil && coro.KillGreenletsCtx(ctx) == nil && sess.Settle(ctx)
	cancel()
	// On a loaded machine the stopped goroutines may need more than
	// settleTime to be scheduled and see the cancellation. Wait on, up to
	// settleLimit, while every one left is in interpreted code (which the
	// cancellation stops) or in a wait of the kernel's own packages (which
	// Release ended); a native call outside them is stuck at once.
	for start := time.Now(); !settled; {
		blocked = blockedCalls()
		if !allReleasable(blocked) || time.Since(start) > settleLimit {
			break
		}
		ctx, cancel := context.WithTimeout(context.Background(), settleTime)
		settled = sess.Settle(ctx)
		cancel()
	}
	if settled {
		return true, stopped, nil
	}
	if len(blocked) == 0 {
		blocked = []string{"an unknown call"}
	}
	return true, stopped, blocked
}

// settleLimit bounds how long an interrupted cell's goroutines may take to
// end when all of them are in code the interrupt does end.
const settleLimit = 10 * time.Second

// allReleasable reports whether each call (as blockedCalls names it) is a
// wait of pkg/coro, pkg/mt or the cells' sync (isync), which the kernel's
// Release ends.
func allReleasable(calls []string) bool {
	for _, c := range calls {
		if !strings.HasPrefix(c, "coro.") && !strings.HasPrefix(c, "mt.") && !strings.Contains(c, "/engine/isync.") {
			return false
		}
	}
	return true
}

// yaegiFrame marks a goroutine running interpreted code; execGoroutine the
// goroutine ExecuteWithContext runs a cell's program on.
const (
	yaegiFrame    = "github.com/traefik/yaegi/interp."
	execGoroutine = "created by github.com/traefik/yaegi/interp.(*Interpreter).ExecuteWithContext"
)

// cellCode reports whether goroutine stack g runs interpreted code, not
// counting the worker's main loop (which waits in ExecuteWithContext).
func cellCode(g []byte) bool {
	return bytes.Contains(g, []byte(yaegiFrame)) && !bytes.Contains(g, []byte(workerFrame+"Serve"))
}

// goroutineStacks returns the stacks of all goroutines.
func goroutineStacks() [][]byte {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Split(buf[:n], []byte("\n\n"))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// interpretedGoroutines counts the goroutines running interpreted code
// besides the cells' own: those an interrupt stops.
func interpretedGoroutines() int {
	n := 0
	for _, g := range goroutineStacks() {
		if cellCode(g) && !bytes.Contains(g, []byte(execGoroutine)) {
			n++
		}
	}
	return n
}

// blockedCalls names, for each goroutine of interpreted code still
// running, the innermost call outside the Go runtime it waits in (such as
// "sync.(*WaitGroup).Wait"), without repeats.
func blockedCalls() []string {
	seen := map[string]bool{}
	var calls []string
	for _, g := range goroutineStacks() {
		if !cellCode(g) {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(g))
		sc.Scan() // "goroutine N [state]:"
		for sc.Scan() {
			l := sc.Text()
			if strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "runtime.") ||
				strings.HasPrefix(l, "internal/") || strings.HasPrefix(l, "sync.runtime_") {
				continue
			}
			fn := l
			if i := strings.LastIndexByte(fn, '('); i > 0 {
				fn = fn[:i] // the arguments
			}
			fn = strings.TrimPrefix(fn, "github.com/gokernel/gokernel/pkg/")
			if strings.HasPrefix(fn, yaegiFrame) || strings.HasPrefix(fn, "reflect.") {
				break // interpreted code, which an interrupt stops
			}
			if !seen[fn] {
				seen[fn] = true
				calls = append(calls, fn)
			}
			break
		}
	}
	return calls
}

// keyboardInterrupt makes r the reply of an interrupted cell: its error is
// KeyboardInterrupt, with the cell's traceback when the interrupt unwound
// the cell (a panic of coro.ErrInterrupted, or the error its last
// expression returned: the engine names both KeyboardInterrupt) or the
// position of the statements it stopped, whatever the cell did with the
// errors its interrupted calls returned otherwise. stopped goroutines of
// interpreted code were stopped with it.
func keyboardInterrupt(r *protocol.Reply, stopped int) {
	name := coro.ErrInterrupted.Type
	r.Value = nil
	switch {
	case r.Err != nil && r.Err.Name == name: // the engine names the exception (panicked or returned)
	case r.Err != nil && r.Err.Name == engine.NameInterrupted:
		r.Err = &protocol.CellError{Name: name, Value: "the cell was interrupted",
			Traceback: append([]string{name + ": the cell was interrupted"}, r.Err.Traceback[1:]...)}
	case r.Err != nil && r.Err.Name == engine.NamePanic:
		return // a goroutine's panic stopped the cell first
	default:
		r.Err = &protocol.CellError{Name: name, Value: "the cell was interrupted",
			Traceback: []string{name + ": the cell was interrupted"}}
	}
	switch stopped {
	case 0:
	case 1:
		r.Err.Traceback = append(r.Err.Traceback, "1 goroutine running interpreted code was stopped")
	default:
		r.Err.Traceback = append(r.Err.Traceback, fmt.Sprintf("%d goroutines running interpreted code were stopped", stopped))
	}
}
