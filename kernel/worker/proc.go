package worker

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
)

// proc is one running worker process as the supervisor sees it.
type proc struct {
	cmd     *exec.Cmd
	conn    *os.File
	encMu   sync.Mutex
	enc     *json.Encoder
	replies chan reply // from the worker, in order
	shows   *displays  // display messages, until their marker is read
	outSeen chan int   // sync marker ids seen on stdout
	errSeen chan int   // and on stderr
	crash   *crashLog
	dead    chan struct{} // closed when the process has exited
	exit    error         // cmd.Wait's result, set before dead is closed

	mu       sync.Mutex
	killed   bool // the supervisor killed it on purpose
	busy     bool // a cell is running in it
	reported bool // its death was reported to the cell that was running
}

// spawn starts `exe args...` as a worker with the descriptors described in
// the package doc. Its output goes to stdout and stderr, its display
// messages to show, in order with stdout.
func spawn(exe string, args []string, env []string, stdout, stderr io.Writer, show func(*displayMsg)) (*proc, error) {
	conn, childConn, err := socketpair()
	if err != nil {
		return nil, fmt.Errorf("worker: socketpair: %w", err)
	}
	outR, outW, err1 := os.Pipe()
	errR, errW, err2 := os.Pipe()
	crashR, crashW, err3 := os.Pipe()
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, fmt.Errorf("worker: pipe: %w", err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = env
	cmd.Stdout = outW
	cmd.Stderr = crashW
	cmd.ExtraFiles = []*os.File{childConn, errW} // fd 3, fd 4
	cmd.SysProcAttr = sysProcAttr()
	startReaper()
	err = startWorker(func() (int, error) {
		if err := cmd.Start(); err != nil {
			return 0, err
		}
		return cmd.Process.Pid, nil
	})
	for _, f := range []*os.File{childConn, outW, errW, crashW} {
		f.Close()
	}
	if err != nil {
		for _, f := range []*os.File{conn, outR, errR, crashR} {
			f.Close()
		}
		return nil, fmt.Errorf("worker: start %s: %w", exe, err)
	}
	p := &proc{
		cmd:     cmd,
		conn:    conn,
		enc:     json.NewEncoder(conn),
		replies: make(chan reply, 16),
		outSeen: make(chan int, 16),
		errSeen: make(chan int, 16),
		crash:   newCrashLog(crashR),
		dead:    make(chan struct{}),
		shows:   newDisplays(),
	}
	go pump(outR, stdout, p.outSeen, func(n int) {
		if d := p.shows.take(n); d != nil {
			show(d)
		}
	})
	go pump(errR, stderr, p.errSeen, func(int) {}) // the worker marks stdout only
	go p.readReplies()
	go func() {
		p.exit = cmd.Wait()
		workerReaped(cmd.Process.Pid)
		conn.Close()
		close(p.dead)
	}()
	return p, nil
}

// readReplies decodes the worker's replies until the connection closes.
func (p *proc) readReplies() {
	defer close(p.replies)
	defer p.shows.close()
	r := bufio.NewReaderSize(p.conn, 64<<10)
	dec := json.NewDecoder(r)
	for {
		var m reply
		if err := dec.Decode(&m); err != nil {
			return
		}
		if m.Op == opDisplay {
			p.shows.put(m.ID, m.Display)
			continue
		}
		select {
		case p.replies <- m:
		case <-p.dead:
			return
		}
	}
}

// send writes one request to the worker.
func (p *proc) send(r request) error {
	p.encMu.Lock()
	defer p.encMu.Unlock()
	return p.enc.Encode(r)
}

// kill stops the worker and every process it started (its process group).
func (p *proc) kill() {
	p.mu.Lock()
	p.killed = true
	p.mu.Unlock()
	killGroup(p.cmd.Process.Pid)
	<-p.dead
}

// setBusy marks whether a cell is running in the worker.
func (p *proc) setBusy(b bool) {
	p.mu.Lock()
	p.busy = b
	p.mu.Unlock()
}

func (p *proc) setReported() {
	p.mu.Lock()
	p.reported = true
	p.mu.Unlock()
}

// claimUnnoticedDeath reports whether the worker died on its own with no
// cell running to report it, and whether this is the first call to say so.
func (p *proc) claimUnnoticedDeath() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.killed || p.busy || p.reported {
		return false
	}
	p.reported = true
	return true
}

// alive reports whether the process is still running.
func (p *proc) alive() bool {
	select {
	case <-p.dead:
		return false
	default:
		return true
	}
}
