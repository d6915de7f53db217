package worker

import (
	"bytes"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Reaping orphans. A cell's child processes (pkg/mt) are children of the
// worker; when the worker is killed (an interrupt, a crash, shutdown) they
// are killed too, and become orphans that the kernel would leave to PID 1.
// Not every PID 1 reaps (a container's may be the notebook server, or an
// init that does not), so they could stay zombies. The kernel therefore
// declares itself the subreaper of its descendants (PR_SET_CHILD_SUBREAPER):
// orphans are re-parented to it, and on each SIGCHLD it reaps the zombie
// children that come from a worker: those in a worker's process group
// (workers lead their own group, which their children inherit) other than
// the worker itself, which its exec.Cmd reaps. Other children of the
// process are left alone.

const prSetChildSubreaper = 36

var reaper struct {
	once    sync.Once
	mu      sync.Mutex       // held while starting a worker and while reaping
	workers map[int]struct{} // pids of live workers, reaped by their exec.Cmd
	groups  map[int]struct{} // process groups of all workers started
}

// startReaper makes this process the subreaper of its descendants, once.
func startReaper() {
	reaper.once.Do(func() {
		reaper.workers = map[int]struct{}{}
		reaper.groups = map[int]struct{}{}
		if _, _, e := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); e != 0 {
			return
		}
		ch := make(chan os.Signal, 8)
		signal.Notify(ch, syscall.SIGCHLD)
		go reapLoop(ch)
	})
}

// reapLoop reaps on every SIGCHLD, for the life of the process.
func reapLoop(ch <-chan os.Signal) {
	for range ch {
		reapOrphans()
	}
}

// startWorker runs start (which starts a worker) and records the worker's
// pid, with reaping held off so the worker cannot be reaped in between.
func startWorker(start func() (pid int, err error)) error {
	reaper.mu.Lock()
	defer reaper.mu.Unlock()
	pid, err := start()
	if err == nil && reaper.workers != nil {
		reaper.workers[pid] = struct{}{}
		reaper.groups[pid] = struct{}{}
	}
	return err
}

// workerReaped forgets a worker once its exec.Cmd has reaped it.
func workerReaped(pid int) {
	reaper.mu.Lock()
	defer reaper.mu.Unlock()
	delete(reaper.workers, pid)
}

// reapOrphans waits for every zombie child of this process that a worker
// left behind.
func reapOrphans() {
	reaper.mu.Lock()
	defer reaper.mu.Unlock()
	for _, z := range zombieChildren(os.Getpid()) {
		pid := z.pid
		if _, ok := reaper.workers[pid]; ok {
			continue
		}
		if _, ok := reaper.groups[z.pgrp]; !ok {
			continue
		}
		var ws syscall.WaitStatus
		syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
	}
}

type zombie struct{ pid, pgrp int }

// reapGroup waits, at most a second, until no process of a killed worker's
// group is left, reaping the orphans re-parented to this process: at
// shutdown the kernel exits right after, and would leave them to PID 1.
func reapGroup(pgid int) {
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		reapOrphans()
		if !groupExists(pgid) {
			return
		}
	}
}

// groupExists reports whether a process of group pgid exists (a zombie
// counts).
func groupExists(pgid int) bool {
	found := false
	scanProc(func(pid int, state string, ppid, pgrp int) {
		found = found || pgrp == pgid
	})
	return found
}

// zombieChildren lists the zombie processes whose parent is ppid.
func zombieChildren(ppid int) []zombie {
	var out []zombie
	scanProc(func(pid int, state string, parent, pgrp int) {
		if state == "Z" && parent == ppid {
			out = append(out, zombie{pid, pgrp})
		}
	})
	return out
}

// scanProc calls fn for every process in /proc with its state, parent and
// process group.
func scanProc(fn func(pid int, state string, ppid, pgrp int)) {
	d, err := os.Open("/proc")
	if err != nil {
		return
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	for _, n := range names {
		pid, err := strconv.Atoi(n)
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + n + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces and
		// parentheses.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := bytes.Fields(stat[i+1:])
		if len(f) < 3 {
			continue
		}
		ppid, err1 := strconv.Atoi(string(f[1]))
		pgrp, err2 := strconv.Atoi(string(f[2]))
		if err1 == nil && err2 == nil {
			fn(pid, string(f[0]), ppid, pgrp)
		}
	}
}
