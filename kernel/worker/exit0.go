package worker

import "github.com/gokernel/gokernel/kernel"

// exitedCleanly reports whether the worker ended with status 0 and printed
// no crash: the cell called os.Exit(0), which ends a Go program
// successfully.
func exitedCleanly(p *proc) bool { return p.exit == nil && p.crash.text() == "" }

// exitedZero is the result of a cell that called os.Exit(0): it succeeded,
// as `go run` of the same program does. The worker is gone (note says how
// the session comes back); the next cell tells the user so.
func (s *Supervisor) exitedZero(note string) *kernel.Result {
	s.mu.Lock()
	s.notices = append(s.notices, "gokernel: the previous cell called os.Exit(0), which ended the worker process. "+note+"\n")
	s.mu.Unlock()
	return &kernel.Result{}
}
