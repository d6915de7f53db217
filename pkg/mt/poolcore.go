package mt

import (
	"context"
	"reflect"
	"sync"
)

// ApplyOpts configures ApplyAsyncOpts: Fn(Args...) runs on a pool worker;
// Callback receives its value and ErrorCallback its error, on the worker,
// before the result becomes ready.
type ApplyOpts struct {
	Fn            any
	Args          []any
	Callback      func(v any)
	ErrorCallback func(err error)
}

type poolTask struct {
	opts ApplyOpts
	res  *AsyncResult
}

// poolCore is the task queue and lifecycle shared by ThreadPool and Pool:
// FIFO tasks taken by the next free worker, Close (no new tasks; workers
// leave when the queue is drained), Terminate (pending tasks fail), Join.
type poolCore struct {
	mu      sync.Mutex
	tasks   []*poolTask
	state   int // poolRunning, poolClosed, poolTerminated
	changed signal
	workers sync.WaitGroup
	stopped chan struct{} // closed when every worker has returned
}

const (
	poolRunning = iota
	poolClosed
	poolTerminated
)

var errPoolTerminated = newError("RuntimeError", "pool terminated before the task ran")

func (p *poolCore) init(n int, worker func(k int)) {
	p.stopped = make(chan struct{})
	p.workers.Add(n)
	for k := range n {
		go func() {
			defer p.workers.Done()
			worker(k)
		}()
	}
	go func() {
		p.workers.Wait()
		close(p.stopped)
	}()
}

func (p *poolCore) submit(o ApplyOpts) *AsyncResult {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.state != poolRunning {
		return failedResult(newError("ValueError", "Pool not running"))
	}
	t := &poolTask{opts: o, res: newResult()}
	p.tasks = append(p.tasks, t)
	p.changed.broadcast()
	return t.res
}

// next blocks until a task is available (nil when the pool is closed and
// drained, or terminated).
func (p *poolCore) next() *poolTask {
	for {
		p.mu.Lock()
		if p.state == poolTerminated {
			p.mu.Unlock()
			return nil
		}
		if len(p.tasks) > 0 {
			t := p.tasks[0]
			p.tasks[0] = nil
			p.tasks = p.tasks[1:]
			p.mu.Unlock()
			return t
		}
		if p.state == poolClosed {
			p.mu.Unlock()
			return nil
		}
		ch := p.changed.wait()
		p.mu.Unlock()
		<-ch
	}
}

func finish(t *poolTask, v any, err error) {
	if err == nil && t.opts.Callback != nil {
		t.opts.Callback(v)
	}
	if err != nil && t.opts.ErrorCallback != nil {
		t.opts.ErrorCallback(err)
	}
	t.res.set(v, err)
}

func (p *poolCore) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.state == poolRunning {
		p.state = poolClosed
	}
	p.changed.broadcast()
}

// terminate stops taking tasks and fails the pending ones.
func (p *poolCore) terminate() {
	p.mu.Lock()
	pending := p.tasks
	p.tasks = nil
	p.state = poolTerminated
	p.changed.broadcast()
	p.mu.Unlock()
	for _, t := range pending {
		t.res.set(nil, errPoolTerminated)
	}
}

func (p *poolCore) join(ctx context.Context) error {
	p.mu.Lock()
	st := p.state
	p.mu.Unlock()
	if st == poolRunning {
		return newError("ValueError", "Pool is still running")
	}
	select {
	case <-p.stopped:
		return nil
	default:
	}
	defer traceWait(waitJoin, "pool")()
	select {
	case <-p.stopped:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// mapOver applies submit to every element of xs (a slice or array) and
// collects the values in order; the first error (in order) is returned.
// A Map of two or more items that runs for a second shows a
// progress bar, counting tasks as they end.
func mapOver(ctx context.Context, submit func(ApplyOpts) *AsyncResult, fn any, xs any) ([]any, error) {
	v := reflect.ValueOf(xs)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, newError("TypeError", "Map needs a slice or array, not %T", xs)
	}
	rs := make([]*AsyncResult, v.Len())
	line := bar{}
	if len(rs) > 1 {
		line = newBar(ctx, Stdout, len(rs), mapLabel(fn), mapProgressAfter, nil)
		defer line.done()
	}
	for i := range rs {
		rs[i] = submit(ApplyOpts{Fn: fn, Args: []any{v.Index(i).Interface()},
			Callback: func(any) { line.add(1) }, ErrorCallback: func(error) { line.add(1) }})
	}
	out := make([]any, len(rs))
	for i, r := range rs {
		val, err := r.GetCtx(ctx)
		if err != nil {
			return nil, err
		}
		out[i] = val
	}
	return out, nil
}

// mapLabel is the label of a Map's bar: "Map(square)".
func mapLabel(fn any) string {
	if c, err := resolve(fn); err == nil && c.name != "" {
		return "Map(" + c.name + ")"
	}
	return "Map"
}
