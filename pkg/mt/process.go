package mt

import (
	"context"
	"encoding/gob"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"
)

// Process is Python's multiprocessing.Process: a real child OS process with
// its own pid and its own copy of every global, running target(args...).
// In a compiled program the child is the program itself, re-executed: Main
// at the top of main recognises the child, runs the target and exits (spawn
// semantics: globals start from their initial values, not the parent's
// current ones). Arguments are serialised (see Register and the wire format
// notes: gob, by parameter type). The child's stdout and stderr are copied to
// Stdout and Stderr. A panic or error in the target prints "Process NAME:"
// and the message on stderr and makes the exit code 1.
//
// Children get SIGKILL when the parent dies (Linux), so a killed kernel
// worker leaves no orphans; every started child is reaped by a goroutine, so
// none stays a zombie. Methods are safe for concurrent use.
type Process struct {
	name   string
	daemon bool
	target any
	args   []any

	mu      sync.Mutex
	cmd     *exec.Cmd
	release func() // frees the child's slot (childlimit.go)
	started bool
	done    chan struct{}
	code    int
}

// ProcessOpts configures NewProcessOpts (Daemon is informational: children
// always die with the parent).
type ProcessOpts struct {
	Target any
	Args   []any
	Name   string
	Daemon bool
}

var processCounter atomic.Int64

// NewProcess returns an unstarted process that will run target(args...) in a
// child. target must be registered (Register, Main).
func NewProcess(target any, args ...any) *Process {
	return NewProcessOpts(ProcessOpts{Target: target, Args: args})
}

// NewProcessOpts is NewProcess with a name ("Process-N" by default).
func NewProcessOpts(o ProcessOpts) *Process {
	name := o.Name
	if name == "" {
		name = fmt.Sprintf("Process-%d", processCounter.Add(1))
	}
	return &Process{name: name, daemon: o.Daemon, target: o.Target, args: o.Args, done: make(chan struct{})}
}

// Start starts the child process. It fails with a TypeError when the target
// is not registered or an argument cannot be serialised, with
// "RuntimeError: cannot start a process twice" the second time, and with the
// exec error when the program cannot be re-executed.
func (p *Process) Start() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.started {
		return newError("RuntimeError", "cannot start a process twice")
	}
	_, key, args, err := prepare(p.target, p.args)
	if err != nil {
		return err
	}
	cc, err := startChild(childSpec{Mode: "process", Name: p.name, Target: key, Args: args})
	if err != nil {
		return err
	}
	cc.closePipes() // the child has its spec; it reports by exit code
	p.started = true
	p.cmd, p.release = cc.cmd, cc.release
	children.add(p)
	go p.wait()
	return nil
}

func (p *Process) wait() {
	_ = p.cmd.Wait()
	p.release()
	p.mu.Lock()
	p.code = exitCode(p.cmd.ProcessState)
	p.mu.Unlock()
	children.remove(p)
	close(p.done)
}

// Join waits until the child exits, or the optional timeout passes. Like
// Python's join it returns nothing, so a cell ending in p.Join() shows no
// value: after a timeout, IsAlive tells whether the child still runs. Joining
// an unstarted process returns at once. JoinCtx can be cancelled and reports
// why it returned.
func (p *Process) Join(timeout ...time.Duration) {
	ctx, cancel := timeoutCtx(timeout)
	defer cancel()
	_ = p.JoinCtx(ctx)
}

// JoinCtx waits until the child exits (nil) or ctx is done (ctx.Err());
// "ValueError: can only join a started process" before Start.
func (p *Process) JoinCtx(ctx context.Context) error {
	p.mu.Lock()
	started := p.started
	p.mu.Unlock()
	if !started {
		return newError("ValueError", "can only join a started process")
	}
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// IsAlive reports whether the child has started and not exited.
func (p *Process) IsAlive() bool {
	p.mu.Lock()
	started := p.started
	p.mu.Unlock()
	if !started {
		return false
	}
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// Terminate sends SIGTERM (Python's terminate); the exit code becomes -15.
// It does not wait: follow with Join. On an unstarted or ended process it
// does nothing.
func (p *Process) Terminate() error { return p.signal(terminate) }

// Kill sends SIGKILL; the exit code becomes -9.
func (p *Process) Kill() error { return p.signal((*os.Process).Kill) }

func (p *Process) signal(send func(*os.Process) error) error {
	if !p.IsAlive() {
		return nil
	}
	if err := send(p.cmd.Process); err != nil && p.IsAlive() {
		return fmt.Errorf("mt: signal %s: %w", p.name, err)
	}
	return nil
}

// Pid returns the child's process id, 0 before Start.
func (p *Process) Pid() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	return p.cmd.Process.Pid
}

// ExitCode returns the exit code (0 success, 1 exception, -N killed by
// signal N) and true once the child has exited; 0, false before.
func (p *Process) ExitCode() (int, bool) {
	select {
	case <-p.done:
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.code, true
	default:
		return 0, false
	}
}

// Name returns the process's name.
func (p *Process) Name() string { return p.name }

// Daemon reports the daemon flag given in ProcessOpts.
func (p *Process) Daemon() bool { return p.daemon }

// String formats the process as Python does: "<Process name='Process-1'
// pid=4242 parent=4200 started>", "initial" before Start, "stopped
// exitcode=N" after.
func (p *Process) String() string {
	if code, ok := p.ExitCode(); ok {
		return fmt.Sprintf("<Process name='%s' pid=%d parent=%d stopped exitcode=%d>", p.name, p.Pid(), os.Getpid(), code)
	}
	if p.IsAlive() {
		return fmt.Sprintf("<Process name='%s' pid=%d parent=%d started>", p.name, p.Pid(), os.Getpid())
	}
	return fmt.Sprintf("<Process name='%s' parent=%d initial>", p.name, os.Getpid())
}

// children tracks live Process children for ActiveChildren.
var children = &childSet{set: map[*Process]bool{}}

type childSet struct {
	sync.Mutex
	set map[*Process]bool
}

func (c *childSet) add(p *Process) {
	c.Lock()
	defer c.Unlock()
	select {
	case <-p.done:
	default:
		c.set[p] = true
	}
}

func (c *childSet) remove(p *Process) {
	c.Lock()
	defer c.Unlock()
	delete(c.set, p)
}

// ActiveChildren returns the started processes that have not exited.
func ActiveChildren() []*Process {
	children.Lock()
	defer children.Unlock()
	out := make([]*Process, 0, len(children.set))
	for p := range children.set {
		out = append(out, p)
	}
	return out
}

// childEnv is set in a child's environment; Main looks for it.
const childEnv = "MT_CHILD_PROCESS"

// childCommand asks the Host for the command of a child process.
func childCommand() (*exec.Cmd, error) {
	cmd, err := currentHost().ChildCommand()
	if err != nil {
		return nil, fmt.Errorf("mt: child command: %w", err)
	}
	return cmd, nil
}

// childConn is a started child and the two pipes to it.
type childConn struct {
	cmd     *exec.Cmd
	release func()   // frees the child's slot once it has been reaped
	ctl     *os.File // parent → child
	enc     *gob.Encoder
	res     *os.File // child → parent
	dec     *gob.Decoder
}

func (c *childConn) closePipes() {
	c.ctl.Close()
	c.res.Close()
}

// startChild re-executes the program as a child and sends spec as its first
// message.
func startChild(spec childSpec) (cc *childConn, err error) {
	release, err := takeChildSlot()
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			release()
		}
	}()
	cmd, err := childCommand()
	if err != nil {
		return nil, err
	}
	ctlR, ctlW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("mt: pipe: %w", err)
	}
	resR, resW, err := os.Pipe()
	if err != nil {
		ctlR.Close()
		ctlW.Close()
		return nil, fmt.Errorf("mt: pipe: %w", err)
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, childEnv+"=1")
	cmd.Stdout = traceChildOutput(lockedWriter{&Stdout}, cmd)
	cmd.Stderr = traceChildOutput(lockedWriter{&Stderr}, cmd)
	cmd.ExtraFiles = []*os.File{ctlR, resW} // fds 3 and 4 in the child
	setChildAttrs(cmd)
	err = cmd.Start()
	ctlR.Close()
	resW.Close()
	cc = &childConn{cmd: cmd, release: release, ctl: ctlW, enc: gob.NewEncoder(ctlW), res: resR, dec: gob.NewDecoder(resR)}
	if err != nil {
		cc.closePipes()
		return nil, fmt.Errorf("mt: start child: %w", err)
	}
	if err := cc.enc.Encode(spec); err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		cc.closePipes()
		return nil, fmt.Errorf("mt: start child: %w", err)
	}
	return cc, nil
}
