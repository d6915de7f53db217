package mt

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// AsyncResult is the pending result of a pool task (Python's AsyncResult).
// A task's error or panic is kept here silently: it shows only when Get is
// called (the seeds' warning about pools). Safe for concurrent use.
type AsyncResult struct {
	done chan struct{}
	once sync.Once
	val  any
	err  error
}

func newResult() *AsyncResult { return &AsyncResult{done: make(chan struct{})} }

func failedResult(err error) *AsyncResult {
	r := newResult()
	r.set(nil, err)
	return r
}

func (r *AsyncResult) set(v any, err error) {
	r.once.Do(func() {
		r.val, r.err = v, err
		close(r.done)
	})
}

// Get waits for the task and returns its value and error (a panic in the
// task is a *PanicError). With a timeout it gives up after that long with
// "TimeoutError". It blocks; GetCtx can be cancelled.
func (r *AsyncResult) Get(timeout ...time.Duration) (any, error) {
	ctx, cancel := timeoutCtx(timeout)
	defer cancel()
	v, err := r.GetCtx(ctx)
	if err != nil && isCtxErr(err) && ctx.Err() == context.DeadlineExceeded {
		return nil, &Error{Type: "TimeoutError"}
	}
	return v, err
}

// GetCtx waits for the task until ctx is done (nil, ctx.Err()).
func (r *AsyncResult) GetCtx(ctx context.Context) (any, error) {
	select {
	case <-r.done:
		return r.val, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Wait waits until the task ends or the timeout passes; like Python's it
// returns nothing (Ready tells whether the task ended). It blocks; WaitCtx
// can be cancelled.
func (r *AsyncResult) Wait(timeout ...time.Duration) {
	ctx, cancel := timeoutCtx(timeout)
	defer cancel()
	_ = r.WaitCtx(ctx)
}

// WaitCtx waits until the task ends (nil) or ctx is done (ctx.Err()); the
// task runs on either way.
func (r *AsyncResult) WaitCtx(ctx context.Context) error {
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Ready reports whether the task has ended.
func (r *AsyncResult) Ready() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// Successful reports whether the task ended without error; false while it
// is still running (Python raises ValueError then).
func (r *AsyncResult) Successful() bool {
	return r.Ready() && r.err == nil
}

// String describes the result: "<AsyncResult pending>", "<AsyncResult
// value=...>" or "<AsyncResult error=...>".
func (r *AsyncResult) String() string {
	switch {
	case !r.Ready():
		return "<AsyncResult pending>"
	case r.err != nil:
		return fmt.Sprintf("<AsyncResult error=%v>", r.err)
	}
	return fmt.Sprintf("<AsyncResult value=%v>", r.val)
}
