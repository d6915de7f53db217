package serve

// Child processes of cells: pkg/mt's Process and Pool. A cell's function
// lives in the worker's interpreter, so a child cannot be the program
// re-executed with a registered target (mt's default). Instead mt asks
// its Host (hosts.go) for a command, and the worker answers with itself: the same
// binary and arguments, the session's declarations on stdin. The child
// (mt sets MT_CHILD_PROCESS=1 in its environment) builds a fresh engine,
// replays the declarations with output muted — every import, func, type and
// const, and the vars those refer to (childDecls), so its globals start
// from their declared values, as under Python's "spawn" — and hands over to
// mt.RunChild, which runs the target or the pool's task loop and finds each
// target by name (mt.Host.ResolveTarget, from the rewriter's mt.Func names) in
// the child's interpreter. The child's stdout and stderr are pipes that mt
// copies into the parent's, so its output streams into the running cell.
// Children die with the worker (mt asks for SIGKILL on parent death), so an
// interrupt, which replaces the worker, ends them too.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/gokernel/gokernel/internal/modfetch"
	"os"
	"os/exec"
	"runtime/debug"
	"time"

	"github.com/gokernel/gokernel/internal/trim"
	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/engine/isync"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/kernel/worker/protocol"
	"github.com/gokernel/gokernel/pkg/mt"
)

// childReplayTimeout bounds the child's replay; declarations it could not
// evaluate in time are left out, as in a replacement worker.
const childReplayTimeout = 20 * time.Second

// errBootstrap is what starting a process fails with while a child replays
// the session (a var initializer such as `po, _ := mt.NewPool(3)` would
// otherwise start children of children without end). Python says the same
// when a spawned child's re-import starts a process.
var errBootstrap = errors.New("an attempt has been made to start a new process before the current process has finished its bootstrapping phase (a child process replays the notebook's declarations; a var initializer that starts processes or pools is skipped there)")

// childCommand returns the mt.Host.ChildCommand of a worker (or of a child, once
// it has replayed): this program again, with sess's declarations on stdin.
func childCommand(sess *engine.Session) func() (*exec.Cmd, error) {
	return func() (*exec.Cmd, error) {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		data, err := json.Marshal(toDecls(sess.Decls()))
		if err != nil {
			return nil, err
		}
		cmd := exec.Command(exe, os.Args[1:]...)
		cmd.Stdin = bytes.NewReader(data)
		return cmd, nil
	}
}

// serveChild is Serve in a child process: it replays the declarations read
// from stdin and runs what the parent asks for. It does not return.
func serveChild() error {
	debug.SetMaxStack(maxStack)
	l, _ := protocol.LimitsFromEnv(os.Environ())
	mt.SetMaxChildren(l.MaxChildren) // RLIMIT_DATA is inherited from the worker
	var decls []protocol.Decl
	if err := json.NewDecoder(os.Stdin).Decode(&decls); err != nil {
		return fmt.Errorf("worker: child: reading declarations: %w", err)
	}
	host := &mtHost{stdin: os.Stdin} // no session yet: starting a process fails with errBootstrap
	mt.SetHost(host)
	sess, err := engine.New(engine.Options{Stdout: os.Stdout, Stderr: os.Stderr,
		Symbols: append(pkgsyms.Tables(), isync.Symbols()), Preload: pkgsyms.Preload(), Sources: modfetch.FromEnv()})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), childReplayTimeout)
	sess.Replay(ctx, fromDecls(childDecls(decls))) // what failed is missing, as in a new worker
	cancel()
	host.sess.Store(sess) // targets are found, and processes started, in the replayed session
	trim.Binary()
	os.Exit(mt.RunChild())
	return nil
}

func toDecls(ds []engine.Decl) []protocol.Decl {
	out := make([]protocol.Decl, len(ds))
	for i, d := range ds {
		out[i] = protocol.Decl{Kind: d.Kind, Names: d.Names, Src: d.Src}
	}
	return out
}
