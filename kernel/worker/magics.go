package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/magic"
)

// The supervisor's part of the magics (kernel/magic): %help and %reset run
// here, in the kernel process; every other magic runs in the worker, which
// reports its State (working directory, %env) after a magic changed it so
// that a later worker starts with it.

// kernelMagic runs a cell that is a kernel-process magic, reporting false
// for any other cell (the worker runs it, magics and all, and reports a
// misplaced magic).
func (s *Supervisor) kernelMagic(ctx context.Context, e *kernel.Execution) (*kernel.Result, bool) {
	if magic.Plain(e.Code) {
		return nil, false
	}
	c, err := magic.Parse(e.Code)
	if err != nil || len(c.Magics) == 0 {
		return nil, false
	}
	var spec magic.Spec
	var line magic.Line
	found := false
	for _, m := range c.Magics {
		if sp, ok := magic.Lookup(m.Name, m.Cell); ok && sp.Where == magic.Kernel {
			spec, line, found = sp, m, true
			break
		}
	}
	if !found {
		return nil, false
	}
	if len(c.Magics) > 1 || strings.TrimSpace(c.Code) != "" {
		return usageResult(fmt.Sprintf("%s must be alone in its cell", spec.Name)), true
	}
	switch spec.Name {
	case "%help":
		text, err := magic.Help(line.Args)
		if err != nil {
			return usageResult(err.Error()), true
		}
		return &kernel.Result{Payload: []any{kernel.PagePayload(text)}}, true
	case "%reset":
		return s.reset(ctx, line.Args), true
	}
	return usageResult(spec.Name + " is not implemented"), true
}

func usageResult(msg string) *kernel.Result {
	return &kernel.Result{Err: &kernel.Error{Name: "UsageError", Value: msg, Traceback: []string{"UsageError: " + msg}}}
}

// reset is %reset [-f]: it says what the session will lose, asks when the
// frontend allows input (unless -f), then drops every declaration and
// replaces the worker. The working directory and %env settings stay.
func (s *Supervisor) reset(ctx context.Context, args string) *kernel.Result {
	if args != "" && args != "-f" {
		return usageResult("%reset takes only -f (proceed without asking)")
	}
	out := s.host.Stdout()
	fmt.Fprintf(out, "%%reset drops the session's declarations and starts a fresh worker process.\n%s",
		s.lossSummary())
	if args != "-f" {
		answer, err := s.host.Input(ctx, "Proceed (y/[n])? ", false)
		switch {
		case ctx.Err() != nil:
			return interrupted(nil)
		case errors.Is(err, kernel.ErrStdinNotAllowed):
			// nbclient and papermill allow no input: a notebook that
			// says %reset means it.
		case err != nil:
			return &kernel.Result{Err: &kernel.Error{Name: "StdinError", Value: err.Error(),
				Traceback: []string{"StdinError: " + err.Error()}}}
		case !strings.HasPrefix(strings.ToLower(strings.TrimSpace(answer)), "y"):
			io.WriteString(out, "Nothing was reset.\n")
			return &kernel.Result{}
		}
	}
	s.mu.Lock()
	st := s.cur
	s.decls = nil
	s.mu.Unlock()
	<-st.ready
	if st.p != nil && st.p.alive() {
		st.p.kill()
	}
	s.mu.Lock()
	s.cur = s.startLocked()
	s.mu.Unlock()
	io.WriteString(out, "Reset: the next cell runs in a fresh worker.\n")
	s.host.Flush()
	return &kernel.Result{}
}

// lossSummary says what a reset loses, by kind.
func (s *Supervisor) lossSummary() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	kinds := []struct{ kind, title string }{
		{"var", "variables"}, {"const", "constants"}, {"func", "functions"}, {"type", "types"}, {"import", "imports"},
	}
	var b strings.Builder
	for _, k := range kinds {
		var names []string
		for _, d := range s.decls {
			if d.Kind != k.kind {
				continue
			}
			for _, n := range d.Names {
				if userVar(n) {
					names = append(names, n)
				}
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(&b, "  %s: %s\n", k.title, strings.Join(names, ", "))
		}
	}
	if b.Len() == 0 {
		return "The session has no declarations to lose.\n"
	}
	return "These will be lost:\n" + b.String()
}

// keepState remembers the worker's State that a magic changed.
func (s *Supervisor) keepState(st *magic.State) {
	if st == nil {
		return
	}
	s.mu.Lock()
	s.state = st
	s.mu.Unlock()
}

// restoreState gives a new worker p the State of the session, before the
// declarations are replayed into it (so their initializers see the same
// directory and environment); what failed is appended to failed.
func (s *Supervisor) restoreState(p *proc, failed *[]string) error {
	s.mu.Lock()
	st := s.state
	s.mu.Unlock()
	if st == nil {
		return nil
	}
	if err := p.send(request{Op: opState, State: st}); err != nil {
		return err
	}
	return s.await(p, opStated, 10*time.Second, func(r reply) { *failed = append(*failed, r.Fails...) })
}
