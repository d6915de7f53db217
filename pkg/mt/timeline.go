package mt

import (
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/gokernel/gokernel/pkg/timeline"
)

// The hook points through which mt reports to an active timeline (see
// pkg/timeline): a thread starts and ends (traceThread), a goroutine
// waits for a lock, a queue or a join (traceWait), a pool worker process
// runs a task or waits for one (traceWorker). Each costs one atomic load
// while no timeline records.

// States of traceWait, named here so that other files need not import
// timeline.
const (
	waitLock  = timeline.WaitLock
	waitQueue = timeline.WaitQueue
	waitJoin  = timeline.WaitJoin
	waitChan  = timeline.WaitChan
)

// traceThreadStart records that t runs, on the calling goroutine.
func traceThreadStart(t *Thread) {
	if r := timeline.Active(); r != nil {
		r.Actor(t, t.Name(), timeline.Goid(), timeline.Run, "")
	}
}

// traceThreadEnd records that t has ended.
func traceThreadEnd(t *Thread) {
	if r := timeline.Active(); r != nil {
		r.Actor(t, t.Name(), 0, timeline.End, "")
	}
}

// traceActor gives the calling goroutine a lane of its own, named name
// (the watchdog's callback), while it runs; the returned function records
// its end.
func traceActor(key any, name string) func() {
	r := timeline.Active()
	if r == nil {
		return func() {}
	}
	r.Actor(key, name, timeline.Goid(), timeline.Run, "")
	return func() { r.Actor(key, name, 0, timeline.End, "") }
}

// traceWait is timeline.Blocked.
var traceWait = timeline.Blocked

// traceWorker records what the pool worker process w does: runs task t,
// waits for the next task (t nil)
// or leaves the pool (t workerExit).
func traceWorker(w *poolWorker, t *poolTask) {
	r := timeline.Active()
	if r == nil {
		return
	}
	w.mu.Lock()
	pid := 0
	if w.cc != nil {
		pid = w.cc.cmd.Process.Pid
	}
	w.mu.Unlock()
	key, name := procLane(pid), fmt.Sprintf("pid %d", pid)
	switch t {
	case nil:
		r.Actor(key, name, 0, timeline.WaitQueue, "next task")
	case workerExit:
		r.Actor(key, name, 0, timeline.End, "")
	default:
		r.Actor(key, name, 0, timeline.Run, taskLabel(t))
	}
}

// procLane is the lane key of a child process: its pid.
type procLane int

// traceChildOutput returns w, writing the output of cmd's process, marking
// each line it copies on the process's lane while a timeline records.
func traceChildOutput(w io.Writer, cmd *exec.Cmd) io.Writer {
	return childOutput{w, cmd}
}

type childOutput struct {
	w   io.Writer
	cmd *exec.Cmd
}

func (c childOutput) Write(p []byte) (int, error) {
	if r := timeline.Active(); r != nil && c.cmd.Process != nil {
		pid := c.cmd.Process.Pid
		for _, line := range strings.SplitAfter(string(p), "\n") {
			if line != "" {
				r.Actor(procLane(pid), fmt.Sprintf("pid %d", pid), 0, timeline.Print, line)
			}
		}
	}
	return c.w.Write(p)
}

// workerExit is traceWorker's task for a worker that leaves the pool.
var workerExit = &poolTask{}

// taskLabel is the call a pool task makes: "worker(3)".
func taskLabel(t *poolTask) string {
	name := "task"
	if c, err := resolve(t.opts.Fn); err == nil && c.name != "" {
		name = c.name
	}
	args := make([]string, len(t.opts.Args))
	for i, a := range t.opts.Args {
		args[i] = fmt.Sprint(a)
	}
	return name + "(" + strings.Join(args, ", ") + ")"
}
