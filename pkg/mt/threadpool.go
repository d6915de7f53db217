package mt

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
)

// ThreadPool is Python's multiprocessing.pool.ThreadPool: n long-lived mt
// threads (daemon, named "PoolWorker-K", K counting workers of all pools) that run submitted tasks in FIFO
// order, with the same API as the process Pool. A task's error or panic is
// silent until its AsyncResult's Get. Safe for concurrent use.
type ThreadPool struct {
	core    poolCore
	threads []*Thread
}

// poolWorkerCounter numbers pool workers across pools, as Python numbers
// PoolWorker processes.
var poolWorkerCounter atomic.Int64

// NewThreadPool starts a pool of n worker threads (n ≤ 0: runtime.NumCPU()).
// The workers live (and appear in Enumerate) until Close or Terminate; call
// Join after either to wait for them.
func NewThreadPool(n int) *ThreadPool {
	if n <= 0 {
		n = runtime.NumCPU()
	}
	p := &ThreadPool{threads: make([]*Thread, n)}
	ready := make(chan *Thread)
	p.core.init(n, func(k int) {
		// each worker goroutine runs inside an mt thread so that
		// CurrentThread() in a task names its worker.
		t := NewThreadOpts(ThreadOpts{
			Name:   fmt.Sprintf("PoolWorker-%d", poolWorkerCounter.Add(1)),
			Daemon: true,
			Target: func() { p.work() },
		})
		_ = t.Start()
		ready <- t
		t.Join()
	})
	for k := range n {
		p.threads[k] = <-ready
	}
	return p
}

func (p *ThreadPool) work() {
	for {
		t := p.core.next()
		if t == nil {
			return
		}
		c, err := resolve(t.opts.Fn)
		var v any
		if err == nil {
			v, err = c.call(t.opts.Args)
		}
		finish(t, v, err)
	}
}

// Workers returns the pool's worker threads.
func (p *ThreadPool) Workers() []*Thread { return append([]*Thread(nil), p.threads...) }

// ApplyAsync queues fn(args...) and returns its pending result. After Close
// or Terminate the result fails with "ValueError: Pool not running".
func (p *ThreadPool) ApplyAsync(fn any, args ...any) *AsyncResult {
	return p.core.submit(ApplyOpts{Fn: fn, Args: args})
}

// ApplyAsyncOpts is ApplyAsync with callbacks.
func (p *ThreadPool) ApplyAsyncOpts(o ApplyOpts) *AsyncResult { return p.core.submit(o) }

// Apply runs fn(args...) on a worker and waits for its result. It blocks;
// ApplyCtx can be cancelled.
func (p *ThreadPool) Apply(fn any, args ...any) (any, error) {
	return p.ApplyCtx(background(), fn, args...)
}

// ApplyCtx is Apply whose wait ends with ctx.Err() when ctx is done (the
// task still runs).
func (p *ThreadPool) ApplyCtx(ctx context.Context, fn any, args ...any) (any, error) {
	return p.ApplyAsync(fn, args...).GetCtx(ctx)
}

// Map applies fn to every element of xs (a slice or array) on the workers and
// returns the values in order, or the first error in order.
func (p *ThreadPool) Map(fn any, xs any) ([]any, error) {
	return p.MapCtx(background(), fn, xs)
}

// MapCtx is Map whose wait ends with ctx.Err() when ctx is done (queued
// tasks still run).
func (p *ThreadPool) MapCtx(ctx context.Context, fn any, xs any) ([]any, error) {
	return mapOver(ctx, p.core.submit, fn, xs)
}

// Close stops accepting tasks; queued tasks still run, then workers end.
func (p *ThreadPool) Close() { p.core.close() }

// Terminate stops accepting tasks and fails the queued ones
// ("RuntimeError: pool terminated before the task ran"). Running tasks cannot
// be stopped (goroutines cannot be killed): they finish, then workers end.
func (p *ThreadPool) Terminate() { p.core.terminate() }

// Join waits for the workers to end; it must follow Close or Terminate
// ("ValueError: Pool is still running" otherwise). JoinCtx can be cancelled.
func (p *ThreadPool) Join() error { return p.core.join(background()) }

// JoinCtx is Join ending with ctx.Err() when ctx is done first.
func (p *ThreadPool) JoinCtx(ctx context.Context) error { return p.core.join(ctx) }
