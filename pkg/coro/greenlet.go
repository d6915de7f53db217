package coro

import (
	"context"
	"sync"

	"github.com/gokernel/gokernel/internal/goid"
)

// Greenlet is greenlet.greenlet: a coroutine switched to explicitly.
// Exactly one greenlet of a family runs at a time: Switch hands control to
// the target and blocks the caller until something switches back. Each
// greenlet runs on a goroutine of its own (started by its first Switch);
// every other goroutine (a notebook cell) is the one main greenlet
// (CurrentGreenlet).
//
// Switching is tracked per process: the live greenlet that last received
// control is taken to be the one calling Switch, so there is one family of
// greenlets per process; do not switch greenlets from several goroutines
// at once.
//
// A greenlet whose run function returns is dead, and the return value goes
// to its parent (the greenlet current when it was created): the parent's
// pending Switch returns it. A panic in run goes to the parent too, as a
// panic of its pending Switch. Switching to a dead greenlet goes to its
// parent. A greenlet left suspended keeps its goroutine until Kill (or
// KillGreenlets) ends it; Go has no way to collect it.
type Greenlet struct {
	run     *callable
	parent  *Greenlet
	name    string
	in      chan transfer
	gid     int64
	started bool
	dead    bool
}

// transfer is what a switch delivers: values, or an error to raise.
type transfer struct {
	args []any
	err  error
}

var greenlets = struct {
	sync.Mutex
	byGoroutine map[int64]*Greenlet
	suspended   map[*Greenlet]bool
	running     *Greenlet // the greenlet that switched last (the running one)
}{byGoroutine: map[int64]*Greenlet{}, suspended: map[*Greenlet]bool{}}

// NewGreenlet is greenlet(run[, parent]): a greenlet that calls
// run(args...) on its first Switch. The parent defaults to the current
// greenlet. It panics with TypeError if run is not callable.
func NewGreenlet(run any, parent ...*Greenlet) *Greenlet {
	c, err := newCallable(run)
	if err != nil {
		panic(err)
	}
	g := &Greenlet{run: c, name: c.name, in: make(chan transfer, 1)}
	if len(parent) > 0 && parent[0] != nil {
		g.parent = parent[0]
	} else {
		g.parent = CurrentGreenlet()
	}
	return g
}

// rootGreenlet is the main greenlet: every goroutine that is not a
// greenlet's own (a notebook cell, whichever goroutine yaegi runs it on; a
// test) is this one greenlet, so greenlets created in one cell can return
// to the code of the next.
var rootGreenlet = &Greenlet{name: "main", in: make(chan transfer, 1), started: true}

// inGreenlet reports whether the caller runs on a greenlet's goroutine.
func inGreenlet() bool {
	id := goid.ID()
	greenlets.Lock()
	defer greenlets.Unlock()
	return greenlets.byGoroutine[id] != nil
}

// CurrentGreenlet is greenlet.getcurrent(): the greenlet running on the
// calling goroutine, or the main greenlet for a goroutine that is not a
// greenlet's.
func CurrentGreenlet() *Greenlet {
	id := goid.ID()
	greenlets.Lock()
	defer greenlets.Unlock()
	if g := greenlets.byGoroutine[id]; g != nil {
		return g
	}
	return rootGreenlet
}

// String returns what greenlet prints, with the run function's name:
// "<greenlet.greenlet object at 0xc000123450 (test1) suspended>", the
// state being unstarted, current (the caller's own greenlet), suspended or
// dead, and main for the main greenlet. The address is the greenlet's for
// its whole life.
func (g *Greenlet) String() string {
	state := "suspended"
	switch {
	case g == rootGreenlet:
		state = "main"
	case g.Dead():
		state = "dead"
	case !g.started:
		state = "unstarted"
	case CurrentGreenlet() == g:
		state = "current"
	}
	return "<greenlet.greenlet object at " + ptr(g) + " (" + g.name + ") " + state + ">"
}

// Parent returns the greenlet that receives control when g finishes.
func (g *Greenlet) Parent() *Greenlet { return g.parent }

// Dead reports whether g's run function has returned (or it was killed).
func (g *Greenlet) Dead() bool {
	greenlets.Lock()
	defer greenlets.Unlock()
	return g.dead
}

// Switch transfers control to g, passing args: the first switch calls
// g's run with them; later ones make g's pending Switch return them (none:
// nil, one: that value, several: a Tuple). Switch returns when some
// greenlet switches back to the caller, with the values passed then (or the
// return value of a child that finished). A panic of a child (or an error
// thrown with Throw) panics out of Switch. If the kernel interrupts, Switch
// panics with ErrInterrupted.
func (g *Greenlet) Switch(args ...any) any {
	return g.transfer(context.Background(), transfer{args: args})
}

// SwitchCtx is Switch for compiled callers: it returns the value, or the
// error Switch would panic with (ctx's end included, as ErrInterrupted).
// The greenlet switched to keeps running if ctx ends first.
func (g *Greenlet) SwitchCtx(ctx context.Context, args ...any) (v any, err error) {
	return g.transferCtx(ctx, transfer{args: args})
}

// Throw raises err in g at its pending Switch (started greenlets) or
// kills it before it starts; then works as Switch.
func (g *Greenlet) Throw(err error) any {
	return g.transfer(context.Background(), transfer{err: err})
}

// ThrowCtx is Throw for compiled callers, as SwitchCtx is Switch: it
// returns the value switched back, or the error Throw would panic with
// (ErrInterrupted when ctx ends first; g keeps running then).
func (g *Greenlet) ThrowCtx(ctx context.Context, err error) (any, error) {
	return g.transferCtx(ctx, transfer{err: err})
}

// panicTransferErr panics with err, if any, as transfer does: an
// interrupt as ErrInterrupted, an error raised in a greenlet as an unwind.
func panicTransferErr(err error) {
	switch {
	case err == nil:
	case err == ErrInterrupted:
		panic(err)
	default:
		panic(unwind{err})
	}
}

// transferCtx is transfer returning the error it would panic with.
func (g *Greenlet) transferCtx(ctx context.Context, tr transfer) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			if u, ok := r.(unwind); ok {
				err = u.err
				return
			}
			if e, ok := r.(error); ok && e == ErrInterrupted {
				err = e
				return
			}
			panic(r)
		}
	}()
	return g.transfer(ctx, tr), nil
}

// Kill throws GreenletExit into a suspended greenlet, which ends it (its
// deferred calls run) and returns to the caller; an unstarted greenlet is
// just marked dead. An error other than GreenletExit coming back (or the
// kernel's interrupt) panics out of Kill, as out of Switch.
func (g *Greenlet) Kill() { panicTransferErr(g.KillCtx(context.Background())) }

// KillCtx is Kill for compiled callers: it returns nil once g has ended
// (or has switched back to the caller, having caught GreenletExit), the
// error Kill would panic with otherwise, and ErrInterrupted when ctx ends
// before g switches back; GreenletExit is raised in g all the same, and g
// goes on from there.
func (g *Greenlet) KillCtx(ctx context.Context) error {
	cur := CurrentGreenlet()
	greenlets.Lock()
	if g.dead || g.run == nil {
		greenlets.Unlock()
		return nil
	}
	if !g.started {
		g.dead = true
		greenlets.Unlock()
		return nil
	}
	saved := g.parent
	g.parent = cur
	greenlets.Unlock()
	defer func() {
		greenlets.Lock()
		g.parent = saved
		greenlets.Unlock()
	}()
	if _, err := g.ThrowCtx(ctx, GreenletExit); err != GreenletExit {
		return err
	}
	return nil
}

// KillGreenlets kills every suspended greenlet (the kernel's reset).
func KillGreenlets() { panicTransferErr(KillGreenletsCtx(context.Background())) }

// KillGreenletsCtx is KillGreenlets for compiled callers: it stops at the
// first greenlet whose KillCtx fails and returns that error
// (ErrInterrupted when ctx ends first).
func KillGreenletsCtx(ctx context.Context) error {
	greenlets.Lock()
	var gs []*Greenlet
	for g := range greenlets.suspended {
		gs = append(gs, g)
	}
	greenlets.Unlock()
	for _, g := range gs {
		if err := g.KillCtx(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (g *Greenlet) transfer(ctx context.Context, tr transfer) any {
	greenlets.Lock()
	cur := greenlets.running
	greenlets.Unlock()
	if cur == nil || cur.Dead() {
		cur = rootGreenlet
	}
	greenlets.Lock()
	for g.dead && g.parent != nil {
		g = g.parent
	}
	if g == cur {
		greenlets.Unlock()
		return deliver(tr)
	}
	if tr.err != nil && !g.started && g.run != nil {
		g.dead = true
		greenlets.running = g.parent
		greenlets.Unlock()
		return g.parent.transferFrom(ctx, cur, tr)
	}
	start := !g.started && g.run != nil
	g.started = true
	greenlets.running = g
	if cur.run != nil {
		greenlets.suspended[cur] = true
	}
	delete(greenlets.suspended, g)
	greenlets.Unlock()
	select {
	case <-cur.in: // stale: meant for a wait that was abandoned
	default:
	}
	if start {
		go g.main(tr)
	} else {
		g.in <- tr
	}
	return cur.await(ctx)
}

// transferFrom delivers tr to g from cur (used for errors sent up).
func (g *Greenlet) transferFrom(ctx context.Context, cur *Greenlet, tr transfer) any {
	if g == cur {
		return deliver(tr)
	}
	g.in <- tr
	return cur.await(ctx)
}

// await blocks the current greenlet until something switches to it. Only
// the main greenlet hears the kernel's interrupt: the others stay
// suspended where they are, as greenlet's do when a KeyboardInterrupt
// unwinds the main one.
func (g *Greenlet) await(ctx context.Context) any {
	if g == rootGreenlet {
		if tr, ok, _ := awaitOutside(ctx, g.in); ok {
			return deliver(tr)
		}
	} else {
		select {
		case tr := <-g.in:
			return deliver(tr)
		case <-ctx.Done():
		}
	}
	// g runs again (its caller unwinds); a transfer that comes for the
	// abandoned wait later is stale and dropped by g's next transfer.
	greenlets.Lock()
	greenlets.running = g
	greenlets.Unlock()
	panic(ErrInterrupted)
}

func deliver(tr transfer) any {
	if tr.err != nil {
		panic(unwind{tr.err})
	}
	switch len(tr.args) {
	case 0:
		return nil
	case 1:
		return tr.args[0]
	}
	return Tuple(tr.args)
}

// main runs on g's goroutine.
func (g *Greenlet) main(first transfer) {
	g.gid = goid.ID()
	greenlets.Lock()
	greenlets.byGoroutine[g.gid] = g
	greenlets.Unlock()
	var result any
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = recoveredError(r)
			}
		}()
		if first.err != nil {
			panic(unwind{first.err})
		}
		result, err = g.run.call(first.args...)
	}()
	if err == GreenletExit {
		result, err = GreenletExit, nil
	}
	greenlets.Lock()
	g.dead = true
	delete(greenlets.byGoroutine, g.gid)
	delete(greenlets.suspended, g)
	p := g.parent
	for p.dead && p.parent != nil {
		p = p.parent
	}
	delete(greenlets.suspended, p)
	greenlets.running = p
	greenlets.Unlock()
	if err != nil {
		p.in <- transfer{err: err}
	} else {
		p.in <- transfer{args: []any{result}}
	}
}
