// Package wakers keeps count of what may still wake a goroutine from
// outside the goroutines themselves: timers (time.After, time.NewTimer,
// time.AfterFunc, tickers, context deadlines) and signal subscriptions.
// The worker's deadlock detection asks Pending before it declares that
// goroutines blocked on channels can never be woken, as the Go runtime
// checks its timers before it reports "all goroutines are asleep".
//
// A timer a channel receives from is invisible in a goroutine dump, so
// the timers cells create are counted by wrappers that replace the time
// and context functions of the interpreter (Symbols); compiled code that
// hands a timer's firing to interpreted code registers it with Arm. The
// count errs on the safe side: a timer with a fixed deadline (time.After,
// a context deadline) counts until a second after its deadline; a timer or ticker that
// can be reset or stopped counts until the garbage collector frees it;
// a signal subscription counts for the life of the process. A timer that
// is still pending but not counted could make a goroutine waiting for it
// look deadlocked; a stopped timer still counted only delays detection.
package wakers

import (
	"context"
	"os"
	"os/signal"
	"reflect"
	"runtime"
	"sync/atomic"
	"time"
)

var (
	horizon atomic.Int64 // UnixNano by which every fixed-deadline timer has fired
	live    atomic.Int64 // timers, tickers and subscriptions that may fire any time
)

// slack is how long a fixed-deadline timer still counts after its
// deadline: on a loaded machine the runtime fires timers late, and the
// goroutine waiting for one looks blocked until it does.
const slack = time.Second

// Pending reports whether a counted timer or signal subscription may still
// wake a goroutine.
func Pending() bool {
	return live.Load() > 0 || time.Now().UnixNano() < horizon.Load()+int64(slack)
}

// Until counts a wake-up that happens at t at the latest.
func Until(t time.Time) {
	n := t.UnixNano()
	for {
		h := horizon.Load()
		if n <= h || horizon.CompareAndSwap(h, n) {
			return
		}
	}
}

// Arm counts a wake-up that may happen until the returned func is called
// (calls after the first do nothing).
func Arm() (disarm func()) {
	live.Add(1)
	var done atomic.Bool
	return func() {
		if done.CompareAndSwap(false, true) {
			live.Add(-1)
		}
	}
}

// track counts p until the garbage collector frees it.
func track[T any](p *T) *T {
	live.Add(1)
	runtime.AddCleanup(p, func(struct{}) { live.Add(-1) }, struct{}{})
	return p
}

// After is time.After, counted until d has passed.
func After(d time.Duration) <-chan time.Time {
	Until(time.Now().Add(d))
	return time.After(d)
}

// NewTimer is time.NewTimer, counted while the timer is reachable.
func NewTimer(d time.Duration) *time.Timer { return track(time.NewTimer(d)) }

// AfterFunc is time.AfterFunc, counted while the timer is reachable.
func AfterFunc(d time.Duration, f func()) *time.Timer { return track(time.AfterFunc(d, f)) }

// NewTicker is time.NewTicker, counted while the ticker is reachable.
func NewTicker(d time.Duration) *time.Ticker { return track(time.NewTicker(d)) }

// Tick is time.Tick, counted while its channel is reachable (the channel
// keeps its ticker alive).
func Tick(d time.Duration) <-chan time.Time {
	if d <= 0 {
		return nil
	}
	return track(time.NewTicker(d)).C
}

// WithDeadline is context.WithDeadline, counted until d.
func WithDeadline(parent context.Context, d time.Time) (context.Context, context.CancelFunc) {
	Until(d)
	return context.WithDeadline(parent, d)
}

// WithDeadlineCause is context.WithDeadlineCause, counted until d.
func WithDeadlineCause(parent context.Context, d time.Time, cause error) (context.Context, context.CancelFunc) {
	Until(d)
	return context.WithDeadlineCause(parent, d, cause)
}

// WithTimeout is context.WithTimeout, counted until the timeout.
func WithTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return WithDeadline(parent, time.Now().Add(d))
}

// WithTimeoutCause is context.WithTimeoutCause, counted until the timeout.
func WithTimeoutCause(parent context.Context, d time.Duration, cause error) (context.Context, context.CancelFunc) {
	return WithDeadlineCause(parent, time.Now().Add(d), cause)
}

// Notify is signal.Notify; a subscription counts for good.
func Notify(c chan<- os.Signal, sig ...os.Signal) {
	live.Add(1)
	signal.Notify(c, sig...)
}

// NotifyContext is signal.NotifyContext; a subscription counts for good.
func NotifyContext(parent context.Context, sig ...os.Signal) (context.Context, context.CancelFunc) {
	live.Add(1)
	return signal.NotifyContext(parent, sig...)
}

// Symbols returns the table that replaces, for an interpreter, the time,
// context and os/signal functions above; use it after the standard
// library's tables (it has the type of yaegi's interp.Exports).
func Symbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		"time/time": {
			"After":     reflect.ValueOf(After),
			"NewTimer":  reflect.ValueOf(NewTimer),
			"AfterFunc": reflect.ValueOf(AfterFunc),
			"NewTicker": reflect.ValueOf(NewTicker),
			"Tick":      reflect.ValueOf(Tick),
		},
		"context/context": {
			"WithDeadline":      reflect.ValueOf(WithDeadline),
			"WithDeadlineCause": reflect.ValueOf(WithDeadlineCause),
			"WithTimeout":       reflect.ValueOf(WithTimeout),
			"WithTimeoutCause":  reflect.ValueOf(WithTimeoutCause),
		},
		"os/signal/signal": {
			"Notify":        reflect.ValueOf(Notify),
			"NotifyContext": reflect.ValueOf(NotifyContext),
		},
	}
}
