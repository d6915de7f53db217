package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/gokernel/gokernel/internal/modfetch"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/internal/trim"
	"github.com/gokernel/gokernel/internal/wakers"
	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/engine/isync"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/kernel/magic/runner"
	"github.com/gokernel/gokernel/kernel/worker/protocol"
	"github.com/gokernel/gokernel/pkg/coro"
	"github.com/gokernel/gokernel/pkg/display"
	"github.com/gokernel/gokernel/pkg/mt"
)

// idleTrim is how long the worker waits after a cell before it trims.
const idleTrim = time.Second

// maxStack is the worker's goroutine stack limit.
const maxStack = 256 << 20

// Serve is the worker process's main loop (`gokernel worker`). It expects the
// descriptors described in the package doc, runs cells in one engine Session
// and returns when the supervisor closes the connection. Started as a child
// process of a cell (pkg/mt), it serves that instead (child.go).
func Serve() error {
	if mt.IsChild() { // a child process started by a cell (child.go)
		return serveChild()
	}
	conn := openConn(3, "kernel-conn")
	stderr := os.NewFile(4, "stderr")
	if conn == nil || stderr == nil {
		return errors.New("worker: fd 3 and 4 must be open (run by the kernel, not by hand)")
	}
	// The teacher's limits (limits.go, memguard.go) report on fd 2.
	mem := applyLimits(os.Stderr)
	// Compiled code (log, fmt.Fprintln(os.Stderr)) writes to the streamed
	// stderr pipe; fd 2 stays for the Go runtime's crash reports.
	os.Stderr = stderr
	// Runaway recursion should end in a stack overflow long before the
	// default 1 GB stack eats a small machine's (or a Binder pod's) memory.
	// yaegi needs a few KB of Go stack per interpreted call, so this still
	// allows recursion tens of thousands of calls deep.
	debug.SetMaxStack(maxStack)

	w := &server{enc: json.NewEncoder(conn), answers: make(chan protocol.Request, 1), snaps: snapshots{}}
	in := &stdin{w: w}
	mtHost := &mtHost{stdin: in}        // mt.Input asks the frontend, like fmt.Scanln in a cell
	mt.SetHost(mtHost)                  // and mt.NewProcess and mt.NewPool start replaying workers
	coro.SetHost(&w.cell)               // the cell's interrupt ends coro's waits
	display.SetHost(&displayHost{w: w}) // pkg/display in cells and compiled code
	mods := modfetch.FromEnv()
	opts := engine.Options{Stdout: os.Stdout, Stderr: stderr, Stdin: in, ReopenStdio: true,
		// The project's packages (pkg/coro, pkg/mt): usable in every cell,
		// with or without an import line.
		// sync.Mutex, RWMutex and WaitGroup whose waits an interrupt ends.
		// Timers and signal subscriptions counted for deadlock detection.
		Symbols: append(pkgsyms.Tables(), isync.Symbols(), wakers.Symbols()),
		Preload: pkgsyms.Preload(),
		Release: func() { isync.Stop(); coro.Release(); mt.Release() },
		Sources: mods, // third-party modules, fetched and interpreted from source
	}
	sess, err := engine.New(opts)
	if err != nil {
		return err
	}
	mtHost.sess.Store(sess)
	magics := &runner.Runner{Sess: sess, Stdout: os.Stdout, Stderr: stderr, Modules: mods}
	// Package inits and the session setup touched much of the binary that
	// cells will never use again; give those pages back (see internal/trim).
	trim.Binary()
	if err := w.send(protocol.Reply{Op: protocol.OpReady}); err != nil {
		return err
	}
	execs := make(chan protocol.Request)
	go w.read(conn, execs)
	// After a second without cells, give back the pages of the binary the
	// cells touched; the next cell maps what it needs again.
	idle := time.AfterFunc(time.Hour, trim.Binary)
	defer idle.Stop()
	for req := range execs {
		idle.Stop()
		switch req.Op {
		case protocol.OpExec:
			ctx, cancel := context.WithCancel(context.Background())
			w.cell.begin(req.ID, cancel)
			unwatch := w.cell.watch()
			out, state := magics.Run(ctx, req.Name, req.Code)
			unwatch()
			mem.afterCell()
			r := resultReply(req.ID, out)
			r.State = state
			if interrupted, stopped, blocked := w.cell.end(sess); interrupted {
				r.Stuck, r.Blocked = len(blocked) > 0, blocked
				if waits := w.cell.deadlockWaits(); waits != nil {
					// Goroutines of a deadlock that could not be stopped
					// (sync.Cond.Wait) wait for what nothing will do: the
					// session goes on beside them.
					deadlockError(&r, waits, stopped, blocked)
					if r.Stuck {
						sess.Resume()
						r.Stuck, r.Blocked = false, nil
					}
				} else {
					keyboardInterrupt(&r, stopped)
				}
			}
			cancel()
			if !r.Stuck { // goroutines of the cell may still write its vars
				r.Values, r.Unset = w.snaps.update(sess)
			}
			os.Stdout.Write(protocol.SyncMarker(req.ID))
			stderr.Write(protocol.SyncMarker(req.ID))
			w.send(r)
			idle.Reset(idleTrim)
		case protocol.OpState: // before protocol.OpReplay: %cd and %env of earlier workers
			w.send(protocol.Reply{Op: protocol.OpStated, Fails: magics.Restore(*req.State)})
		case protocol.OpReplay:
			// No frontend is waiting on a replay: input fails at once.
			w.replaying.Store(true)
			rep, errs := sess.ReplayRestoring(context.Background(), fromDecls(req.Decls), rawValues(req.Values))
			w.replaying.Store(false)
			maps.Copy(w.snaps, req.Values)
			r := protocol.Reply{Op: protocol.OpReplayed}
			replayReport(&r, rep)
			for _, e := range errs {
				r.Fails = append(r.Fails, e.Error())
			}
			w.send(r)
		}
	}
	return nil
}

// server is the worker's side of the connection.
type server struct {
	replaying atomic.Bool
	mu        sync.Mutex
	enc       *json.Encoder
	answers   chan protocol.Request // input answers from the supervisor
	cell      cellSignal            // the running cell's interrupt signal
	snaps     snapshots             // the values the supervisor holds (snapshot.go)
}

func (w *server) send(r protocol.Reply) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.enc.Encode(r)
}

// read dispatches requests: input answers to the waiting reader,
// interrupts to the running cell's signal, the rest to the main loop, in
// order.
func (w *server) read(conn io.Reader, execs chan<- protocol.Request) {
	defer close(execs)
	dec := json.NewDecoder(bufio.NewReaderSize(conn, 64<<10))
	for {
		var r protocol.Request
		if err := dec.Decode(&r); err != nil {
			return
		}
		if r.Op == protocol.OpAnswer {
			select {
			case w.answers <- r:
			default:
			}
			continue
		}
		if r.Op == protocol.OpInterrupt {
			if waits, ok := w.cell.interrupt(r.ID); ok {
				w.send(protocol.Reply{Op: protocol.OpInterrupting, ID: r.ID, Waits: waits})
			}
			continue
		}
		execs <- r
	}
}

// stdin is the cells' standard input: each read that finds nothing buffered
// asks the frontend for a line through the supervisor.
type stdin struct {
	w   *server
	mu  sync.Mutex
	buf []byte
}

func (s *stdin) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) == 0 {
		line, err := s.ask("", false)
		if err != nil {
			return 0, err
		}
		s.buf = append(s.buf, line...)
		s.buf = append(s.buf, '\n')
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

// ReadLine makes stdin an mt.LineReader: mt.Input and mt.GetPass send their
// prompt (and whether it asks for a password) in the input_request, as
// Python's input() and getpass() do under ipykernel, instead of printing it.
// A line already buffered by an earlier read is returned first.
func (s *stdin) ReadLine(prompt string, password bool) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) > 0 {
		line, rest, _ := bytes.Cut(s.buf, []byte{'\n'})
		s.buf = rest
		return string(line), nil
	}
	return s.ask(prompt, password)
}

// ask sends one input request through the supervisor and waits for its
// answer. The caller holds s.mu.
func (s *stdin) ask(prompt string, password bool) (string, error) {
	if s.w.replaying.Load() {
		return "", errors.New("gokernel: stdin is not available while declarations are replayed")
	}
	// What the cell printed before asking must reach the frontend before
	// the input_request, as ipykernel flushes its streams first: a sync
	// marker on both pipes lets the supervisor wait until it has read them.
	id := s.w.cell.running()
	if id > 0 {
		os.Stdout.Write(protocol.SyncMarker(id))
		os.Stderr.Write(protocol.SyncMarker(id))
	}
	if err := s.w.send(protocol.Reply{Op: protocol.OpAsk, ID: id, Prompt: prompt, Password: password}); err != nil {
		return "", err
	}
	a := <-s.w.answers
	if a.Error != "" {
		return "", fmt.Errorf("gokernel: %s", a.Error)
	}
	if a.Value == "\x04" { // Ctrl-D, as ipykernel reads it
		return "", io.EOF
	}
	return a.Value, nil
}

func resultReply(id int, out *engine.Outcome) protocol.Reply {
	r := protocol.Reply{Op: protocol.OpResult, ID: id}
	if out.Value != nil {
		v := out.Value.Text
		r.Value = &v
		r.Data, r.Metadata = out.Value.Data, out.Value.Metadata
	}
	if len(out.Decls) > 0 {
		r.Decls = toDecls(out.Decls)
	}
	if out.Err != nil {
		r.Err = &protocol.CellError{Name: out.Err.Name, Value: out.Err.Value, Traceback: out.Err.Traceback}
	}
	return r
}

func fromDecls(ds []protocol.Decl) []engine.Decl {
	out := make([]engine.Decl, len(ds))
	for i, d := range ds {
		out[i] = engine.Decl{Kind: d.Kind, Names: d.Names, Src: d.Src}
	}
	return out
}
