package mt

import (
	"io"
	"os"
	"os/exec"

	"github.com/gokernel/gokernel/internal/hostslot"
)

// Host is what a program embedding mt supplies when its functions live
// somewhere mt cannot find them by itself: the gokernel worker installs
// one, because a cell's functions live in its interpreter, so a child
// process must be a worker that replays the notebook rather than the
// program re-executed. Without one (DefaultHost), mt behaves like an
// ordinary Go program's library: children re-execute the program, which
// calls Main, and Input reads os.Stdin.
//
// A host that supplies only some methods embeds DefaultHost.
type Host interface {
	// ChildCommand returns the command that runs a child process
	// (NewProcess, NewPool). mt sets its Stdout, Stderr and ExtraFiles and
	// adds MT_CHILD_PROCESS=1 to its environment; the child must end up in
	// RunChild (Main does that).
	ChildCommand() (*exec.Cmd, error)
	// ResolveTarget returns the function a child process is asked to run
	// by a name that was not registered, or false. With a host installed,
	// the parent sends the targets named with Func unchecked, by name, and
	// the child's host resolves them (the kernel looks the name up in the
	// child's interpreter).
	ResolveTarget(name string) (fn any, ok bool)
	// Stdin returns where Input and GetPass read lines when Stdin is nil.
	// A LineReader shows the prompt itself (the kernel asks the frontend).
	Stdin() io.Reader
}

// DefaultHost is an ordinary Go program: children re-execute it
// (os.Executable, without arguments), only registered targets run in
// them, and Input reads os.Stdin.
type DefaultHost struct{}

// ChildCommand returns the running program, re-executed without arguments.
func (DefaultHost) ChildCommand() (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return exec.Command(exe), nil
}

// ResolveTarget finds nothing: only registered targets run.
func (DefaultHost) ResolveTarget(string) (any, bool) { return nil, false }

// Stdin returns os.Stdin as it is now.
func (DefaultHost) Stdin() io.Reader { return os.Stdin }

var host hostslot.Slot[Host]

// SetHost makes h the package's Host; nil restores DefaultHost. It is meant
// to be called once, by the program that embeds the package, before the
// code it hosts runs (in a child process: before RunChild).
func SetHost(h Host) { host.Set(h) }

// currentHost returns the installed Host, or DefaultHost.
func currentHost() Host { return host.Get(DefaultHost{}) }

// hosted reports whether a Host is installed.
func hosted() bool { return host.Installed() }
