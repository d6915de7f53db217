package mt

import (
	"context"
	"sync/atomic"
)

// waitCtx is the context of the blocking calls that take none (Acquire,
// Join, Get, Put, Wait, ...): Release cancels it and installs a fresh one.
var waitCtx atomic.Pointer[waitContext]

type waitContext struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func init() { waitCtx.Store(newWaitContext()) }

func newWaitContext() *waitContext {
	ctx, cancel := context.WithCancel(context.Background())
	return &waitContext{ctx, cancel}
}

// background is the context of the package's blocking calls without one.
func background() context.Context { return waitCtx.Load().ctx }

// Release ends every blocking call without a context now waiting (a Lock's
// Acquire, a thread's Join, a Queue's Get, an Event's Wait, ...): each
// returns as its Ctx form does when its context is cancelled, without what
// it waited for. The kernel calls it after an interrupt, once it has
// stopped the interpreted code that made those calls, so that their
// goroutines end and the session is kept.
func Release() { waitCtx.Swap(newWaitContext()).cancel() }
