package mt

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Pool is Python's multiprocessing.Pool: n long-lived worker processes
// (started by NewPool, so pids repeat across tasks) that run tasks in FIFO
// order. Targets must be registered (Register, Main); arguments and results
// are serialised as for Process. A task's error or panic is silent until its
// AsyncResult's Get. A worker that dies (os.Exit, Kill) fails its task and is
// replaced. Safe for concurrent use.
type Pool struct {
	core poolCore

	workers []*poolWorker
}

type poolWorker struct {
	name string
	mu   sync.Mutex
	cc   *childConn
	done chan struct{} // closed when cc's process has been reaped
}

var taskCounter atomic.Int64

// NewPool starts n worker processes (n ≤ 0: runtime.NumCPU()). It fails
// when the program cannot be re-executed. The workers live until Close
// (after the queued tasks) or Terminate; Join then waits for them to exit.
func NewPool(n int) (*Pool, error) {
	if n <= 0 {
		n = runtime.NumCPU()
	}
	p := &Pool{workers: make([]*poolWorker, n)}
	for k := range p.workers {
		w := &poolWorker{name: fmt.Sprintf("SpawnPoolWorker-%d", poolWorkerCounter.Add(1))}
		if err := w.start(); err != nil {
			for _, s := range p.workers[:k] {
				s.stop(true)
			}
			return nil, err
		}
		p.workers[k] = w
	}
	p.core.init(n, func(k int) { p.work(p.workers[k]) })
	return p, nil
}

func (w *poolWorker) start() error {
	cc, err := startChild(childSpec{Mode: "pool", Name: w.name})
	if err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		_ = cc.cmd.Wait()
		cc.release()
		close(done)
	}()
	w.mu.Lock()
	w.cc, w.done = cc, done
	w.mu.Unlock()
	return nil
}

// stop ends the worker's process: by closing its task pipe (it exits after
// its current task), or by SIGKILL; it waits for the process to be reaped.
func (w *poolWorker) stop(kill bool) {
	w.mu.Lock()
	cc, done := w.cc, w.done
	w.mu.Unlock()
	if cc == nil {
		return
	}
	if kill {
		_ = cc.cmd.Process.Kill()
	}
	cc.ctl.Close()
	<-done
	cc.res.Close()
}

// Pids returns the current worker pids.
func (p *Pool) Pids() []int {
	pids := make([]int, len(p.workers))
	for i, w := range p.workers {
		w.mu.Lock()
		pids[i] = w.cc.cmd.Process.Pid
		w.mu.Unlock()
	}
	return pids
}

func (p *Pool) work(w *poolWorker) {
	for {
		traceWorker(w, nil)
		t := p.core.next()
		if t == nil {
			traceWorker(w, workerExit)
			p.core.mu.Lock()
			kill := p.core.state == poolTerminated
			p.core.mu.Unlock()
			w.stop(kill)
			return
		}
		traceWorker(w, t)
		v, err, died := w.run(t)
		finish(t, v, err)
		if died {
			w.stop(true)
			p.core.mu.Lock()
			running := p.core.state != poolTerminated
			p.core.mu.Unlock()
			if !running || w.start() != nil {
				return
			}
		}
	}
}

// run sends one task to the worker process and waits for its result; died
// reports that the process ended instead of answering.
func (w *poolWorker) run(t *poolTask) (v any, err error, died bool) {
	for _, a := range t.opts.Args {
		pq, ok := a.(*ProcessQueue)
		if _, tq := a.(*Queue); tq || (ok && !pq.managed) {
			return nil, newError("RuntimeError", "Queue objects should only be shared between processes through inheritance."), false
		}
	}
	c, key, args, err := prepare(t.opts.Fn, t.opts.Args)
	if err != nil {
		return nil, err, false
	}
	w.mu.Lock()
	cc := w.cc
	w.mu.Unlock()
	id := taskCounter.Add(1)
	if err := cc.enc.Encode(taskMsg{ID: id, Target: key, Args: args}); err != nil {
		return nil, fmt.Errorf("mt: pool worker %s: %w", w.name, err), true
	}
	var m resultMsg
	if err := cc.dec.Decode(&m); err != nil {
		<-w.done
		return nil, newError("RuntimeError", "pool worker %s exited (%s) while running the task", w.name, cc.cmd.ProcessState), true
	}
	v, err = decodeResult(c.fn.Type(), m)
	return v, err, false
}

// ApplyAsync queues fn(args...) for a worker process and returns its
// pending result; fn must be registered. After Close or Terminate the result
// fails with "ValueError: Pool not running".
func (p *Pool) ApplyAsync(fn any, args ...any) *AsyncResult {
	return p.core.submit(ApplyOpts{Fn: fn, Args: args})
}

// ApplyAsyncOpts is ApplyAsync with callbacks (run in the parent).
func (p *Pool) ApplyAsyncOpts(o ApplyOpts) *AsyncResult { return p.core.submit(o) }

// Apply runs fn(args...) on a worker process and waits for the result.
func (p *Pool) Apply(fn any, args ...any) (any, error) {
	return p.ApplyCtx(context.Background(), fn, args...)
}

// ApplyCtx is Apply that stops waiting when ctx is done (nil, ctx.Err());
// the task still runs.
func (p *Pool) ApplyCtx(ctx context.Context, fn any, args ...any) (any, error) {
	return p.ApplyAsync(fn, args...).GetCtx(ctx)
}

// Map applies fn to every element of xs (a slice or array) on the workers
// and returns the values in order, or the first error in order.
func (p *Pool) Map(fn any, xs any) ([]any, error) { return p.MapCtx(context.Background(), fn, xs) }

// MapCtx is Map whose wait ends with ctx.Err() when ctx is done.
func (p *Pool) MapCtx(ctx context.Context, fn any, xs any) ([]any, error) {
	return mapOver(ctx, p.core.submit, fn, xs)
}

// Close stops accepting tasks; queued tasks still run, then the worker
// processes exit.
func (p *Pool) Close() { p.core.close() }

// Terminate fails queued tasks and kills the worker processes at once
// (running tasks fail too).
func (p *Pool) Terminate() {
	p.core.terminate()
	for _, w := range p.workers {
		w.mu.Lock()
		cc := w.cc
		w.mu.Unlock()
		if cc != nil {
			_ = cc.cmd.Process.Kill()
		}
	}
}

// Join waits until every worker process has exited; it must follow Close or
// Terminate ("ValueError: Pool is still running" otherwise).
func (p *Pool) Join() error { return p.core.join(context.Background()) }

// JoinCtx is Join ending with ctx.Err() when ctx is done first.
func (p *Pool) JoinCtx(ctx context.Context) error { return p.core.join(ctx) }
