package runner

import (
	"context"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/magic"
)

// Session is what worker magics need of an engine.Session.
type Session interface {
	Exec(ctx context.Context, name, src string) *engine.Outcome
	Decls() []engine.Decl
	Lookup(name string) (reflect.Value, error)
}

var _ Session = (*engine.Session)(nil)

// Runner runs cells with magics in the worker. It is not safe for
// concurrent use (the worker runs one cell at a time).
type Runner struct {
	Sess Session
	// Stdout and Stderr are where cells print; shell commands write to
	// them directly, so their output streams as it is written.
	Stdout, Stderr *os.File
	// Modules pins module versions for %go get (nil: %go get fails).
	Modules magic.Modules

	state   magic.State
	prevDir string // for %cd -
	pending bool   // a nested run (%%time's body) changed the magic.State
}

// Run runs cell src, named name ("cell[N]"), magics and Go code, and
// returns its outcome and, when a magic changed the working directory or
// the environment, the worker's whole State to keep for later workers
// (nil otherwise). ctx ends with an interrupt: a shell command is killed
// with everything it started, %timeit stops between runs.
func (r *Runner) Run(ctx context.Context, name, src string) (*engine.Outcome, *magic.State) {
	if magic.Plain(src) {
		return r.Sess.Exec(ctx, name, src), nil
	}
	c, err := magic.Parse(src)
	if err != nil {
		pe := err.(*magic.Error)
		return &engine.Outcome{Err: usageError(fmt.Sprintf("%s:%d: %s", name, pe.LineNo, pe.Msg))}, nil
	}
	if len(c.Magics) == 0 {
		return r.Sess.Exec(ctx, name, src), nil
	}
	out := &engine.Outcome{}
	changed := false
	for _, m := range c.Magics {
		step, ch := r.magic(ctx, name, m)
		changed = changed || ch
		merge(out, step)
		if out.Err != nil || ctx.Err() != nil {
			return out, r.changed(changed)
		}
	}
	if c.Code != "" {
		merge(out, r.Sess.Exec(ctx, name, c.Code))
	}
	return out, r.changed(changed)
}

func (r *Runner) changed(yes bool) *magic.State {
	if !yes && !r.pending {
		return nil
	}
	r.pending = false
	st := r.state
	st.Env = map[string]string{}
	for k, v := range r.state.Env {
		st.Env[k] = v
	}
	st.Unset = append([]string(nil), r.state.Unset...)
	st.Pins = map[string]string{}
	for k, v := range r.state.Pins {
		st.Pins[k] = v
	}
	return &st
}

// merge adds step's outcome to out: declarations and resets accumulate,
// the value is the last step's, the first error ends the cell.
func merge(out, step *engine.Outcome) {
	if step == nil {
		return
	}
	out.Decls = append(out.Decls, step.Decls...)
	out.Reset = append(out.Reset, step.Reset...)
	out.Value = step.Value
	if step.Err != nil {
		out.Err = step.Err
	}
}

// usageError is a magic called wrongly, named as IPython names it.
func usageError(msg string) *engine.Error {
	return &engine.Error{Name: "UsageError", Value: msg, Traceback: []string{"UsageError: " + msg}}
}

func failed(err error) *engine.Outcome {
	return &engine.Outcome{Err: usageError(err.Error())}
}

// stringValue is a string as a cell's value shows it.
func stringValue(s string) *engine.Outcome {
	return &engine.Outcome{Value: &engine.Value{Text: fmt.Sprintf("%q", s)}}
}

// magic runs one magic; changed reports a change of State.
func (r *Runner) magic(ctx context.Context, name string, m magic.Line) (out *engine.Outcome, changed bool) {
	if m.Name == "!" {
		return r.shellLine(ctx, m.Args), false
	}
	spec, ok := magic.Lookup(m.Name, m.Cell)
	if !ok {
		kind := "Line"
		if m.Cell {
			kind = "Cell"
		}
		return failed(fmt.Errorf("%s magic function `%s` not found (%%help lists the magics)", kind, m)), false
	}
	if spec.Where == magic.Kernel {
		return failed(fmt.Errorf("%s must be alone in its cell", m)), false
	}
	switch spec.Name {
	case "%time":
		return r.time(ctx, name, m), false
	case "%%time":
		return r.timeCell(ctx, name, m), false
	case "%timeit":
		return r.timeit(ctx, name, m), false
	case "%env":
		return r.env(m.Args)
	case "%cd":
		return r.cd(m.Args)
	case "%pwd":
		if m.Args != "" {
			return failed(fmt.Errorf("%%pwd takes no arguments")), false
		}
		d, err := os.Getwd()
		if err != nil {
			return failed(err), false
		}
		return stringValue(d), false
	case "%who":
		return r.who(m.Args, false), false
	case "%whos":
		return r.who(m.Args, true), false
	case "%%writefile":
		return r.writefile(m), false
	case "%%bash":
		return r.bash(ctx, m), false
	case "%go":
		pins, err := magic.GoGet(ctx, r.Modules, m.Args, r.Stdout)
		for p, v := range pins {
			if r.state.Pins == nil {
				r.state.Pins = map[string]string{}
			}
			r.state.Pins[p] = v
		}
		if err != nil {
			return failed(err), len(pins) > 0
		}
		return nil, len(pins) > 0
	}
	return failed(fmt.Errorf("%s is not implemented", m)), false
}

// Restore applies a State kept from an earlier worker to this one and
// returns what could not be restored.
func (r *Runner) Restore(st magic.State) []string {
	var fails []string
	for k, v := range st.Env {
		if err := os.Setenv(k, v); err != nil {
			fails = append(fails, fmt.Sprintf("%%env %s: %v", k, err))
		}
	}
	for _, k := range st.Unset {
		os.Unsetenv(k)
	}
	if st.Dir != "" {
		if err := os.Chdir(st.Dir); err != nil {
			fails = append(fails, fmt.Sprintf("%%cd %s: %v", st.Dir, err))
		}
	}
	if r.Modules != nil && len(st.Pins) > 0 {
		r.Modules.SetPins(st.Pins)
	}
	r.state = st
	if r.state.Env == nil {
		r.state.Env = map[string]string{}
	}
	return fails
}

// writeStdout prints a magic's own message, as cell output.
func (r *Runner) writeStdout(s string) { io.WriteString(r.Stdout, s) }

// unquote strips one pair of matching quotes from a magic's argument.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// indent places code at line, column col of the cell, so that positions in
// its errors are the cell's.
func indent(code string, line, col int) string {
	return strings.Repeat("\n", max(line-1, 0)) + strings.Repeat(" ", max(col-1, 0)) + code
}
