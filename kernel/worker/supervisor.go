package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/engine/cell"
	"github.com/gokernel/gokernel/kernel/gotypes"
	"github.com/gokernel/gokernel/kernel/magic"
)

// Supervisor is a kernel.Interpreter that runs cells in a worker process and
// replaces the worker when it dies or is interrupted.
type Supervisor struct {
	// Exe and Args start a worker: by default this binary with "worker".
	Exe  string
	Args []string
	// Env is the worker's environment; nil means the kernel's.
	Env []string

	// The Supervisor's timeouts; zero means the default in parentheses.
	//
	// ReadyTimeout bounds a new worker's start until it says it is ready
	// (30 s); a worker that does not is killed and the start fails.
	ReadyTimeout time.Duration
	// ReplayTimeout bounds replaying the declarations into a new worker
	// (20 s): a var initializer that blocks (say, on a channel nothing
	// sends to any more) must not hang the session.
	ReplayTimeout time.Duration
	// InterruptAck is how long an interrupted cell's worker has to answer
	// that the interrupt is under way (100 ms), and InterruptGrace how long
	// the cell then has to return (2 s; the worker stops interpreted code
	// itself and reports within its settleTime twice over, so only a
	// worker whose main loop hangs needs it). Past either, the worker is
	// replaced.
	InterruptAck, InterruptGrace time.Duration
	// InterruptPatience, when set, replaces both InterruptAck and
	// InterruptGrace; tests on a loaded machine lengthen them.
	InterruptPatience time.Duration
	// OutputWait bounds the wait, after a cell's reply, for its output up to
	// its sync marker on both pipes (2 s); output later than that is
	// published with the next flush.
	OutputWait time.Duration
	// Checker, when set, type-checks every plain cell before it runs
	// (precheck.go).
	Checker *gotypes.Checker

	host kernel.Host

	mu      sync.Mutex
	cur     *starting                  // the current worker, possibly still starting
	decls   []decl                     // declarations so far, in order, one per key
	values  map[string]json.RawMessage // the vars' last snapshots (supervisor_snap.go)
	nextID  int
	notices []string          // told to the user in the next cell's stderr
	gen     uint64            // counts changes of decls (Declarations)
	sources map[string]string // cell name → text of the cells whose decls were logged
	state   *magic.State      // %cd and %env of the session, for a new worker
	closed  bool              // Close was called
}

// starting is a worker being started: ready is closed when p (or err) is set
// and the declarations have been replayed.
type starting struct {
	ready  chan struct{}
	p      *proc
	err    error
	failed []string // what replaying could not restore, told to the next cell
	// summary says which vars the replay restored, reset or zeroed
	summary string
}

// The defaults of the Supervisor's timeouts.
const (
	defaultReadyTimeout   = 30 * time.Second
	defaultReplayTimeout  = 20 * time.Second
	defaultInterruptAck   = 100 * time.Millisecond
	defaultInterruptGrace = 2 * time.Second
	defaultOutputWait     = 2 * time.Second
)

// timeout returns d, or def when d is not set.
func (s *Supervisor) timeout(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

var _ kernel.Interpreter = (*Supervisor)(nil)

var errClosed = errors.New("worker: the kernel is shutting down")

// Start starts the first worker in the background and returns at once, so
// the kernel answers kernel_info while the worker warms up.
func (s *Supervisor) Start(_ context.Context, host kernel.Host) error {
	if s.Exe == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("worker: cannot find own executable: %w", err)
		}
		s.Exe = exe
	}
	if s.Args == nil {
		s.Args = []string{"worker"}
	}
	s.host = host
	s.mu.Lock()
	s.cur = s.startLocked()
	s.mu.Unlock()
	return nil
}

// startLocked starts a new worker and replays the declarations into it.
func (s *Supervisor) startLocked() *starting {
	st := &starting{ready: make(chan struct{})}
	if s.closed {
		st.err = errClosed
		close(st.ready)
		return st
	}
	decls := append([]decl(nil), s.decls...)
	go s.boot(st, decls, s.valuesLocked())
	go s.watch(st)
	return st
}

// boot starts a worker for st and replays decls into it. If the replay
// fails (a var initializer blocks, or kills the worker), it starts over
// without the vars, so that at least the imports, types, funcs and consts
// come back, and says which vars are lost.
func (s *Supervisor) boot(st *starting, decls []decl, values map[string]json.RawMessage) {
	defer close(st.ready)
	p, err := s.replay(decls, values, st)
	if err == nil || len(decls) == 0 {
		st.p, st.err = p, err
		return
	}
	var kept []decl
	var lost []string
	for _, d := range decls {
		if d.Kind == "var" {
			for _, n := range d.Names {
				if userVar(n) {
					lost = append(lost, n)
				}
			}
			continue
		}
		kept = append(kept, d)
	}
	st.failed = []string{fmt.Sprintf("replaying the session failed (%v); started again without variables, "+
		"so these are gone: %s", err, strings.Join(lost, ", "))}
	st.p, st.err = s.replay(kept, nil, st)
}

// replay starts a worker and replays decls into it, the vars' values
// restored from values where they can be, appending what could not be
// restored to st.failed and setting st.summary.
func (s *Supervisor) replay(decls []decl, values map[string]json.RawMessage, st *starting) (*proc, error) {
	p, err := spawn(s.Exe, s.Args, s.Env, s.host.Stdout(), s.host.Stderr(), s.show)
	if err != nil {
		return nil, err
	}
	if err := s.await(p, opReady, s.timeout(s.ReadyTimeout, defaultReadyTimeout), nil); err != nil {
		p.kill()
		return p, err
	}
	if err := s.restoreState(p, &st.failed); err != nil {
		p.kill()
		return p, err
	}
	if len(decls) == 0 {
		return p, nil
	}
	if err := p.send(request{Op: opReplay, Decls: decls, Values: values}); err != nil {
		return p, err
	}
	timeout := s.timeout(s.ReplayTimeout, defaultReplayTimeout)
	err = s.await(p, opReplayed, timeout, func(r reply) {
		st.failed = append(st.failed, r.Fails...)
		st.summary = r.Summary
	})
	if err != nil {
		p.kill()
		return p, fmt.Errorf("worker: replaying declarations: %w", err)
	}
	return p, nil
}

// await waits for a reply with op from p, handing it to f.
func (s *Supervisor) await(p *proc, op replyOp, timeout time.Duration, f func(reply)) error {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case r, ok := <-p.replies:
			if !ok {
				<-p.dead
				why, _ := deathCause(p.exit, p.crash.text())
				return errors.New("worker " + why)
			}
			if r.Op == op {
				if f != nil {
					f(r)
				}
				return nil
			}
		case <-t.C:
			p.kill()
			return fmt.Errorf("worker: no %q after %v", op, timeout)
		}
	}
}

// watch tells the user when a worker dies while no cell is running.
func (s *Supervisor) watch(st *starting) {
	<-st.ready
	p := st.p
	if p == nil {
		return
	}
	<-p.dead
	s.noteDeath(p)
}

// noteDeath queues, once, a notice for a worker that died with no cell
// running to report it.
func (s *Supervisor) noteDeath(p *proc) {
	if !p.claimUnnoticedDeath() {
		return
	}
	why, _ := deathCause(p.exit, p.crash.text())
	if outOfMemory(p.crash.text()) {
		why = "ran out of memory (" + memoryError(s.limits().MemoryMiB) + ")"
	}
	note := fmt.Sprintf("gokernel: the worker process %s after its cell had finished (a goroutine left running?); "+
		"this cell runs in a fresh worker with the earlier declarations replayed", why)
	if vars := s.varNames(); len(vars) > 0 {
		note += "." + restoreNote
	}
	s.mu.Lock()
	s.notices = append(s.notices, note+"\n")
	s.mu.Unlock()
}

// tell writes pending notices to the running cell's stderr.
func (s *Supervisor) tell() {
	s.mu.Lock()
	notes := s.notices
	s.notices = nil
	s.mu.Unlock()
	for _, n := range notes {
		io.WriteString(s.host.Stderr(), n)
	}
}

// worker returns the ready current worker, replacing a dead one first.
func (s *Supervisor) worker(ctx context.Context) (*proc, error) {
	s.mu.Lock()
	st := s.cur
	s.mu.Unlock()
	select {
	case <-st.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if st.p != nil && st.p.alive() && st.err == nil {
		s.noteReplay(st)
		return st.p, nil
	}
	// Dead or failed: start over once.
	if st.p != nil && !st.p.alive() {
		s.noteDeath(st.p)
	}
	s.mu.Lock()
	if s.cur == st {
		s.cur = s.startLocked()
	}
	st = s.cur
	s.mu.Unlock()
	select {
	case <-st.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if st.err != nil {
		return nil, st.err
	}
	s.noteReplay(st)
	return st.p, nil
}

// noteReplay prints, once, what replaying into a new worker could not
// restore.
func (s *Supervisor) noteReplay(st *starting) {
	s.mu.Lock()
	failed, summary := st.failed, st.summary
	st.failed, st.summary = nil, ""
	s.mu.Unlock()
	if summary != "" {
		fmt.Fprintf(s.host.Stderr(), "gokernel: in the fresh worker, variables are %s\n", summary)
	}
	for _, f := range failed {
		fmt.Fprintf(s.host.Stderr(), "gokernel: could not restore a declaration in the new worker: %s\n", f)
	}
}

// Execute runs one cell in the worker.
func (s *Supervisor) Execute(ctx context.Context, e *kernel.Execution) *kernel.Result {
	if r, ok := s.kernelMagic(ctx, e); ok {
		return r
	}
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	// Positions in errors name the cell as the user sees it. The rewriter
	// derives generated identifiers from the name's digits, so silent
	// executions (which share the previous cell's count) get a name whose
	// digits start with 0, a number no visible cell has.
	name := fmt.Sprintf("cell[%d]", e.ExecutionCount)
	if e.Silent {
		name = fmt.Sprintf("silent[0%d]", id)
	}
	code, sure, refused := s.precheck(name, e.Code)
	if refused != nil {
		return refused
	}
	p, err := s.handTo(ctx, request{Op: opExec, ID: id, Name: name, Code: code})
	record := func(ds []decl) { s.record(name, e.Code, ds) }
	if err != nil {
		if ctx.Err() != nil {
			return interrupted(nil)
		}
		return &kernel.Result{Err: &kernel.Error{Name: "WorkerDied", Value: err.Error(),
			Traceback: []string{"gokernel: " + err.Error()}}}
	}
	defer p.setBusy(false)
	for {
		select {
		case r, ok := <-p.replies:
			if !ok {
				return s.died(p)
			}
			switch r.Op {
			case opAsk:
				if !s.answerInput(ctx, p, r) {
					return s.interruptCell(p, id, true, record)
				}
			case opResult:
				if r.ID != id {
					continue
				}
				s.awaitOutput(p, id)
				record(r.Decls)
				s.keepValues(r)
				s.keepState(r.State)
				return interpreterFailed(sure, result(r))
			}
		case <-ctx.Done():
			return s.interruptCell(p, id, false, record)
		case <-p.dead:
			return s.died(p)
		}
	}
}

// handTo sends the cell's request r to a live worker and returns it, marked
// busy. A worker that is gone before it could read r (it died between cells
// and the supervisor has not seen it yet: the send fails) counts as a death
// between cells: a fresh worker replays the session and gets r, once.
func (s *Supervisor) handTo(ctx context.Context, r request) (*proc, error) {
	for try := 0; ; try++ {
		p, err := s.worker(ctx)
		s.tell()
		if err != nil {
			return nil, err
		}
		p.setBusy(true)
		err = p.send(r)
		if err == nil {
			return p, nil
		}
		p.setBusy(false)
		if try > 0 {
			return nil, fmt.Errorf("worker: a fresh worker cannot take the cell: %w", err)
		}
		select {
		case <-p.dead:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// interruptCell stops cell id: it asks the worker first (serve/interrupt.go),
// which keeps the session, and replaces the worker if the cell does not
// return in time or leaves goroutines running.
// inputPending says the cell waits for the answer to an input request the
// interrupt cancelled: it is answered with an error after the interrupt, so
// the worker has stopped the cell before the read returns to it.
// record logs the declarations the cell made before it stopped.
func (s *Supervisor) interruptCell(p *proc, id int, inputPending bool, record func([]decl)) *kernel.Result {
	if err := p.send(request{Op: opInterrupt, ID: id}); err != nil {
		return s.interrupt(p)
	}
	if inputPending && p.send(request{Op: opAnswer, Error: inputInterrupted}) != nil {
		return s.interrupt(p)
	}
	ack := s.timeout(s.InterruptAck, defaultInterruptAck)
	g := s.timeout(s.InterruptGrace, defaultInterruptGrace)
	if s.InterruptPatience > 0 {
		ack, g = s.InterruptPatience, s.InterruptPatience
	}
	wait := time.NewTimer(ack)
	defer wait.Stop()
	for {
		select {
		case r, ok := <-p.replies:
			if !ok {
				return s.died(p)
			}
			switch {
			case r.Op == opInterrupting && r.ID == id:
				wait.Reset(g)
			case r.Op == opAsk: // asked after the interrupt: no frontend waits
				if p.send(request{Op: opAnswer, Error: inputInterrupted}) != nil {
					return s.interrupt(p)
				}
			case r.Op == opResult && r.ID == id:
				s.awaitOutput(p, id)
				record(r.Decls)
				s.keepState(r.State)
				if r.Stuck {
					return s.interrupt(p, r.Blocked...)
				}
				s.keepValues(r)
				return result(r)
			}
		case <-wait.C:
			return s.interrupt(p)
		case <-p.dead:
			return s.died(p)
		}
	}
}

// answerInput relays the worker's input request to the frontend, after the
// output the cell wrote before asking (up to the request's sync marker).
// It returns false, leaving the request unanswered, when ctx ends first (an
// interrupt: interruptCell answers it).
func (s *Supervisor) answerInput(ctx context.Context, p *proc, r reply) bool {
	if r.ID > 0 {
		s.awaitOutput(p, r.ID)
	}
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-p.dead:
			cancel()
		case <-ictx.Done():
		}
	}()
	v, err := s.host.Input(ictx, r.Prompt, r.Password)
	if ctx.Err() != nil {
		return false
	}
	req := request{Op: opAnswer, Value: v}
	if err != nil {
		req.Error = err.Error()
	}
	p.send(req)
	return true
}

// inputInterrupted answers an input request that an interrupt cancelled.
const inputInterrupted = "KeyboardInterrupt: input interrupted"

// awaitOutput waits until the worker's output up to the end of cell id has
// been read from both pipes, then flushes it.
func (s *Supervisor) awaitOutput(p *proc, id int) {
	deadline := time.NewTimer(s.timeout(s.OutputWait, defaultOutputWait))
	defer deadline.Stop()
	for _, seen := range []chan int{p.outSeen, p.errSeen} {
	wait:
		for {
			select {
			case got, ok := <-seen:
				if !ok || got >= id {
					break wait
				}
			case <-deadline.C:
				break wait
			}
		}
	}
	s.host.Flush()
}

// record adds the declarations of cell name (whose text is code) to the
// log; a redeclared name replaces its earlier declaration.
func (s *Supervisor) record(name, code string, ds []decl) {
	if len(ds) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	if s.sources == nil {
		s.sources = map[string]string{}
	}
	s.sources[name] = code
	for _, d := range ds {
		k := d.Key()
		kept := s.decls[:0]
		for _, old := range s.decls {
			if old.Key() != k {
				kept = append(kept, old)
			}
		}
		s.decls = append(kept, d)
	}
}

// userVar reports whether a var name of a declaration is the user's: not
// blank and not one of the rewriter's temporaries (_gkT1_1, declared for
// `srv, err := f()`), which the user never wrote.
func userVar(n string) bool { return n != "_" && !strings.HasPrefix(n, "_gk") }

// varNames lists the variables a replay resets.
func (s *Supervisor) varNames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for _, d := range s.decls {
		if d.Kind == "var" {
			for _, n := range d.Names {
				if userVar(n) {
					names = append(names, n)
				}
			}
		}
	}
	return names
}

// replace kills p (if still running) and starts a fresh worker in the
// background. It returns the note telling the user what that means.
func (s *Supervisor) replace(p *proc) string {
	if p.alive() {
		p.kill()
	}
	s.mu.Lock()
	s.cur = s.startLocked()
	s.mu.Unlock()
	note := "A fresh worker process was started and the declarations of earlier cells are replayed into it."
	if vars := s.varNames(); len(vars) > 0 {
		note += restoreNote
	}
	return note
}

// interrupt stops the running cell by replacing the worker, when asking
// (interruptCell) did not stop it: killing also stops native calls that
// cannot be cancelled. blocked names those calls when the worker knows
// them.
func (s *Supervisor) interrupt(p *proc, blocked ...string) *kernel.Result {
	note := s.replace(p)
	s.host.Flush()
	var more []string
	if len(blocked) > 0 {
		more = append(more, "The cell was blocked in a compiled call that an interrupt cannot end: "+
			strings.Join(blocked, ", ")+".")
	}
	return interrupted(append(more, note))
}

func interrupted(more []string) *kernel.Result {
	tb := append([]string{"Interrupted: the cell was stopped."}, more...)
	return &kernel.Result{Err: &kernel.Error{Name: "Interrupted", Value: "the cell was stopped", Traceback: tb}}
}

// died reports a worker that exited during a cell and starts a new one.
func (s *Supervisor) died(p *proc) *kernel.Result {
	<-p.dead
	p.setReported()
	why, detail := deathCause(p.exit, p.crash.text())
	s.host.Flush()
	note := s.replace(p)
	if outOfMemory(p.crash.text()) {
		v := memoryError(s.limits().MemoryMiB)
		return &kernel.Result{Err: &kernel.Error{Name: "MemoryError", Value: v,
			Traceback: []string{"MemoryError: " + v, note}}}
	}
	if exitedCleanly(p) {
		return s.exitedZero(note)
	}
	tb := []string{"WorkerDied: the worker process running this cell " + why}
	tb = append(tb, detail...)
	tb = append(tb, note)
	return &kernel.Result{Err: &kernel.Error{Name: "WorkerDied", Value: why, Traceback: tb}}
}

// result converts a worker's result reply.
func result(r reply) *kernel.Result {
	if r.Err != nil {
		tb := r.Err.Traceback
		if tb == nil {
			tb = []string{}
		}
		return &kernel.Result{Err: &kernel.Error{Name: r.Err.Name, Value: r.Err.Value, Traceback: tb}}
	}
	res := &kernel.Result{}
	if r.Value != nil {
		res.Data = kernel.MIMEBundle{"text/plain": *r.Value}
		for k, v := range r.Data {
			res.Data[k] = v
		}
		res.Metadata = r.Metadata
	}
	return res
}

// IsComplete classifies code with the cell parser; it needs no worker.
func (s *Supervisor) IsComplete(code string) (string, string) {
	return magic.IsComplete(code, cell.IsComplete)
}

// Close kills the worker.
func (s *Supervisor) Close() error {
	s.mu.Lock()
	st := s.cur
	s.closed = true // no new worker starts after this
	s.mu.Unlock()
	if st == nil {
		return nil
	}
	<-st.ready
	if st.p != nil {
		st.p.kill()
		reapGroup(st.p.cmd.Process.Pid) // its children, before the kernel exits
	}
	return nil
}
