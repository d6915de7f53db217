package serve

// The worker is the host of pkg/coro, pkg/mt and pkg/display: it installs
// one Host in each, once, before any cell runs (Serve, serveChild). The
// packages default to plain Go behaviour without them.

import (
	"io"
	"os/exec"
	"sync/atomic"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/pkg/mt"
)

// mtHost is the worker's mt.Host: children are workers that replay the
// session (childCommand), a child finds the targets the parent names in
// its interpreter, and Input asks the frontend (stdin).
type mtHost struct {
	stdin io.Reader
	// sess is the session whose declarations a child replays and whose
	// functions a child runs; nil while a child replays (a process
	// started then fails with errBootstrap).
	sess atomic.Pointer[engine.Session]
}

// ChildCommand returns this program again with the session's
// declarations on its stdin.
func (h *mtHost) ChildCommand() (*exec.Cmd, error) {
	sess := h.sess.Load()
	if sess == nil {
		return nil, errBootstrap
	}
	return childCommand(sess)()
}

// ResolveTarget looks name up in the session's interpreter.
func (h *mtHost) ResolveTarget(name string) (any, bool) {
	sess := h.sess.Load()
	if sess == nil {
		return nil, false
	}
	v, err := sess.Lookup(name)
	if err != nil || !v.IsValid() || !v.CanInterface() {
		return nil, false
	}
	return v.Interface(), true
}

// Stdin returns the cell's standard input.
func (h *mtHost) Stdin() io.Reader { return h.stdin }

var _ mt.Host = (*mtHost)(nil)
