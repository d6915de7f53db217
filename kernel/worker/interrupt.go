package worker

// Interrupts. The supervisor first asks (request "interrupt"): the worker
// closes the running cell's interrupt signal, handed to pkg/coro, so that
// the cell's waits in coro (Run, JoinAll, Gather, Queue.Get, a greenlet's
// Switch, ...) and a time.Sleep in its own code end, and it answers
// "interrupting" with how many such waits there were. When the cell then
// returns, the worker cancels the cooperative tasks and greenlets it left
// and checks that no goroutine of the cell still runs; the result says
// KeyboardInterrupt, and the session, variables included, is kept. A cell
// the signal cannot reach (a loop, a lock, a channel, a thread's Join), or
// that leaves goroutines running, makes the supervisor fall back to
// replacing the worker (supervisor.go).

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/pkg/coro"
)

// settleTime bounds the worker's clean-up after an interrupted cell.
const settleTime = 300 * time.Millisecond

// cellSignal is the interrupt signal of the running cell.
type cellSignal struct {
	mu          sync.Mutex
	id          int           // the running cell's request id; 0 between cells
	ch          chan struct{} // closed by interrupt
	interrupted bool
	goroutines  int // runtime.NumGoroutine() when the cell started
}

func init() { coro.IsMain = engine.InCell }

// begin arms a fresh signal for cell id.
func (c *cellSignal) begin(id int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.id, c.ch, c.interrupted = id, make(chan struct{}), false
	c.goroutines = runtime.NumGoroutine()
	coro.SetInterrupt(c.ch)
}

// running returns the running cell's request id, 0 between cells.
func (c *cellSignal) running() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.id
}

// interrupt fires the signal if cell id is running. It returns how many
// waits the signal ends, and false if id is not running.
func (c *cellSignal) interrupt(id int) (waits int, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id != c.id || c.id == 0 {
		return 0, false
	}
	waits = coro.InterruptibleWaits()
	if !c.interrupted {
		c.interrupted = true
		close(c.ch)
	}
	return waits, true
}

// end disarms the signal after the cell returned. If the cell was
// interrupted, it cleans up what the cell left and reports stuck if
// goroutines the cell started still run.
func (c *cellSignal) end() (interrupted, stuck bool) {
	c.mu.Lock()
	interrupted, before := c.interrupted, c.goroutines
	c.id = 0
	c.mu.Unlock()
	coro.SetInterrupt(nil)
	if !interrupted {
		return false, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), settleTime)
	defer cancel()
	if coro.KillAllCtx(ctx) != nil || coro.KillGreenletsCtx(ctx) != nil {
		return true, true
	}
	for runtime.NumGoroutine() > before {
		select {
		case <-ctx.Done():
			return true, true
		case <-time.After(2 * time.Millisecond):
		}
	}
	return true, false
}

// keyboardInterrupt makes r the reply of an interrupted cell: its error is
// KeyboardInterrupt, with the cell's traceback when the interrupt unwound
// the cell (a panic of coro.ErrInterrupted, or the error its last
// expression returned: the engine names both KeyboardInterrupt), whatever the cell did with the errors its
// interrupted calls returned otherwise.
func keyboardInterrupt(r *reply) {
	name := coro.ErrInterrupted.Type
	r.Value = nil
	switch {
	case r.Err != nil && r.Err.Name == name: // the engine names the exception (panicked or returned)
	default:
		r.Err = &cellErr{Name: name, Value: "the cell was interrupted",
			Traceback: []string{name + ": the cell was interrupted"}}
	}
}
