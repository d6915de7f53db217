package runner

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/magic"
)

// env is %env: list, get, set (NAME=VALUE or NAME VALUE) or unset (-u).
func (r *Runner) env(args string) (*engine.Outcome, bool) {
	if args == "" {
		vars := os.Environ()
		sort.Strings(vars)
		r.writeStdout(strings.Join(vars, "\n") + "\n")
		return &engine.Outcome{}, false
	}
	if rest, ok := strings.CutPrefix(args, "-u"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
		name := strings.TrimSpace(rest)
		if name == "" {
			return failed(fmt.Errorf("%%env -u needs a variable name")), false
		}
		if err := os.Unsetenv(name); err != nil {
			return failed(err), false
		}
		delete(r.state.Env, name)
		if !slices.Contains(r.state.Unset, name) {
			r.state.Unset = append(r.state.Unset, name)
		}
		r.writeStdout("env: unset " + name + "\n")
		return &engine.Outcome{}, true
	}
	name, value, set := strings.Cut(args, "=")
	if !set {
		name, value, set = strings.Cut(args, " ")
	}
	name, value = strings.TrimSpace(name), unquote(strings.TrimSpace(value))
	if name == "" || strings.ContainsAny(name, " \t=") {
		return failed(fmt.Errorf("%%env: %q is not a variable name", name)), false
	}
	if !set {
		v, ok := os.LookupEnv(name)
		if !ok {
			return failed(fmt.Errorf("environment does not have key: %s", name)), false
		}
		return stringValue(v), false
	}
	if err := os.Setenv(name, value); err != nil {
		return failed(fmt.Errorf("%%env: %v", err)), false
	}
	if r.state.Env == nil {
		r.state.Env = map[string]string{}
	}
	r.state.Env[name] = value
	r.state.Unset = slices.DeleteFunc(r.state.Unset, func(s string) bool { return s == name })
	r.writeStdout(fmt.Sprintf("env: %s=%s\n", name, value))
	return &engine.Outcome{}, true
}

// cd is %cd [DIR | -].
func (r *Runner) cd(args string) (*engine.Outcome, bool) {
	dir := unquote(args)
	switch {
	case dir == "" || dir == "~":
		home, err := os.UserHomeDir()
		if err != nil {
			return failed(fmt.Errorf("%%cd: %v", err)), false
		}
		dir = home
	case dir == "-":
		if r.prevDir == "" {
			return failed(fmt.Errorf("%%cd -: no previous directory")), false
		}
		dir = r.prevDir
	case strings.HasPrefix(dir, "~/") || strings.HasPrefix(dir, "~"+string(filepath.Separator)):
		home, err := os.UserHomeDir()
		if err != nil {
			return failed(fmt.Errorf("%%cd: %v", err)), false
		}
		dir = filepath.Join(home, dir[2:])
	}
	old, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		return failed(fmt.Errorf("%%cd: %v", unwrapPath(err))), false
	}
	now, err := os.Getwd()
	if err != nil {
		return failed(fmt.Errorf("%%cd: %v", err)), false
	}
	r.prevDir, r.state.Dir = old, now
	r.writeStdout(now + "\n")
	return &engine.Outcome{}, true
}

// unwrapPath shortens "chdir x: no such file or directory" to its point.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// writefile is %%writefile [-a] FILE.
func (r *Runner) writefile(m magic.Line) *engine.Outcome {
	args := m.Args
	appendTo := false
	if rest, ok := strings.CutPrefix(args, "-a"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
		appendTo, args = true, strings.TrimSpace(rest)
	}
	name := unquote(args)
	if name == "" {
		return failed(fmt.Errorf("%%%%writefile needs a file name: %%%%writefile [-a] FILE"))
	}
	_, statErr := os.Stat(name)
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	msg := "Writing "
	switch {
	case appendTo:
		flags, msg = os.O_WRONLY|os.O_CREATE|os.O_APPEND, "Appending to "
	case statErr == nil:
		msg = "Overwriting "
	}
	f, err := os.OpenFile(name, flags, 0o666)
	if err != nil {
		return failed(fmt.Errorf("%%%%writefile: %v", unwrapPath(err)))
	}
	_, err = f.WriteString(m.Body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return failed(fmt.Errorf("%%%%writefile: %v", unwrapPath(err)))
	}
	r.writeStdout(msg + name + "\n")
	return &engine.Outcome{}
}
