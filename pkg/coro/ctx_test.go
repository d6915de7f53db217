package coro

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/internal/ctxforms"
)

// TestEveryBlockingCallHasCtxForm enforces the package's promise that each
// blocking call has a context form for compiled callers.
//
// Iteration (Next, Send, ForEach, List, itertools) is not listed: it runs
// the iterator's own code in the caller, which blocks only when that code
// does (a channel nobody sends on), and only that code can take a context.
func TestEveryBlockingCallHasCtxForm(t *testing.T) {
	problems, err := ctxforms.Check(".", ctxforms.Rules{
		Blocking: []string{
			"Sleep", "Join", "JoinAll", "Kill", "KillAll", "KillGreenlets",
			"Get", "Put", "Await", "Gather", "GatherReturnExceptions",
			"Wait", "WaitFor", "Run", "RunUntilComplete", "Switch", "Throw",
			"IO", "MaybeIO", "Fetch", "TimeSleep",
			"ANext", "ASend", "AThrow", "AClose", "ACollect", "AForEach",
		},
		Variants: []string{"Timeout"},
		RootCtx:  []string{"context.Background", "context.TODO"},
		Exempt: map[string]string{
			"Generator.Throw": "runs the generator's body in the caller up to its next yield, as Next and Send do",
			"MaybeIO":         "a plain call of fn unless PatchAll is in effect, IO then: compiled callers choose IOCtx or the plain call",
			"TimeSleep":       "is time.Sleep in cells (the real one unless PatchAll is in effect); compiled callers use SleepCtx",
			"AsyncYielder.YieldE": "parks an async generator's body between steps, until the next request; the caller's context belongs to ANextCtx, " +
				"and the body's task's cancellation (Run's end, KillAll) or the interrupt ends the wait",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// gated returns a task parked on an unset future until release sets it to
// v; started or not, it cannot finish before.
func gated(v any) (t *Task, release func()) {
	gate := NewFuture()
	return Spawn(gate.Await), func() { gate.SetResult(v) }
}

// stubborn returns a started task that survives one cancellation or
// kill: it catches CancelledError (returned, or panicked by a kill) and
// then blocks, holding the hub, until release (a killed task's next wait
// in the hub would end it).
func stubborn() (t *Task, release func()) {
	gate, hold := NewFuture(), make(chan struct{})
	t = Spawn(func() {
		defer func() {
			recover()
			<-hold
		}()
		gate.Await() // CancelledError
		<-hold
	})
	Sleep(0) // start it: a task cancelled before it starts just ends
	return t, func() { close(hold); t.Join() }
}

// heldGreenlet returns a suspended greenlet that, once an error is thrown
// into it, recovers and keeps control until release (so the thrower's
// wait cannot end). release also takes the value it then sends to the
// main greenlet, which nobody is waiting for any more.
func heldGreenlet() (g *Greenlet, release func(t *testing.T)) {
	hold := make(chan struct{})
	g = NewGreenlet(func() {
		defer func() {
			recover()
			<-hold
		}()
		CurrentGreenlet().Parent().Switch()
	})
	g.Switch()
	return g, func(t *testing.T) {
		if g.Dead() {
			t.Error("the greenlet died while its thrower waited")
		}
		close(hold)
		<-rootGreenlet.in
		if !g.Dead() {
			t.Error("the greenlet did not end")
		}
	}
}

// gatedGen returns an async generator whose body gets each value it
// yields from q, waiting while q is empty. An error thrown in is caught:
// the body then gets one more item from q and yields the error's text.
// Closed, it gets one more item from q before it returns.
func gatedGen() (ag *AsyncGenerator, q *Queue) {
	q = NewQueue(0)
	ag = NewAsyncGenerator(func(y *AsyncYielder) error {
		for {
			v, err := q.Get()
			if err != nil {
				return err
			}
			_, thrown := y.YieldE(v)
			switch {
			case errors.Is(thrown, GeneratorExit):
				_, err := q.Get()
				return err
			case thrown != nil:
				if _, err := q.Get(); err != nil {
					return err
				}
				y.Yield(thrown.Error())
			}
		}
	})
	return ag, q
}

func TestCtxFormsEndWaits(t *testing.T) {
	tests := []struct {
		name string
		// block sets up a wait that cannot end by itself; release checks
		// that ending it early left the thing waited for as documented,
		// then lets it end.
		block func(t *testing.T) (wait func(context.Context) error, release func(t *testing.T))
		// done calls the context form with a live context where the wait
		// ends by itself, and checks the normal result.
		done func(t *testing.T, ctx context.Context)
	}{
		// Existing forms, for the hub: an outside caller whose wait has
		// nothing to run waits for timers in dispatch, and ctx must end
		// that too.
		{"SleepCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				return func(ctx context.Context) error { return SleepCtx(ctx, time.Hour) }, func(*testing.T) {}
			},
			func(t *testing.T, ctx context.Context) {
				if err := SleepCtx(ctx, time.Millisecond); err != nil {
					t.Errorf("SleepCtx = %v", err)
				}
			}},
		{"Queue.GetCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				q := NewQueue(0)
				return func(ctx context.Context) error { _, err := q.GetCtx(ctx); return err },
					func(t *testing.T) {
						q.PutNowait(1)
						if v, err := q.GetNowait(); v != 1 || err != nil {
							t.Errorf("GetNowait after GetCtx = %v, %v", v, err)
						}
					}
			},
			func(t *testing.T, ctx context.Context) {
				q := NewQueue(0)
				Spawn(q.Put, 1)
				if v, err := q.GetCtx(ctx); v != 1 || err != nil {
					t.Errorf("GetCtx = %v, %v", v, err)
				}
			}},
		{"JoinAllCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				task, open := gated(1)
				return func(ctx context.Context) error { return JoinAllCtx(ctx, -1, Spawn(func() {}), task) },
					func(t *testing.T) {
						if task.Done() {
							t.Error("task finished")
						}
						open()
						task.Join()
					}
			},
			func(t *testing.T, ctx context.Context) {
				a, b := Spawn(Sleep, time.Millisecond), Spawn(func() int { return 2 })
				if err := JoinAllCtx(ctx, -1, a, b); err != nil || !a.Done() || !b.Done() {
					t.Errorf("JoinAllCtx = %v, done %v %v", err, a.Done(), b.Done())
				}
				late, open := gated(1)
				if err := JoinAllCtx(ctx, time.Millisecond, late); err != nil || late.Done() {
					t.Errorf("JoinAllCtx with timeout = %v, done %v", err, late.Done())
				}
				open()
				late.Join()
			}},
		{"Task.AwaitCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				task, open := gated("v")
				return func(ctx context.Context) error { _, err := task.AwaitCtx(ctx); return err },
					func(t *testing.T) {
						open()
						if v, err := task.Await(); v != "v" || err != nil {
							t.Errorf("Await after AwaitCtx = %v, %v", v, err)
						}
					}
			},
			func(t *testing.T, ctx context.Context) {
				if v, err := Spawn(func() int { return 7 }).AwaitCtx(ctx); v != 7 || err != nil {
					t.Errorf("AwaitCtx = %v, %v", v, err)
				}
			}},
		{"Task.KillCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				task, release := stubborn()
				return task.KillCtx, func(t *testing.T) {
					if task.Done() {
						t.Error("task finished")
					}
					release()
				}
			},
			func(t *testing.T, ctx context.Context) {
				task := Spawn(Sleep, time.Hour)
				if err := task.KillCtx(ctx); err != nil || !task.Cancelled() {
					t.Errorf("KillCtx = %v, cancelled %v", err, task.Cancelled())
				}
			}},
		{"KillAllCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				task, release := stubborn()
				return KillAllCtx, func(t *testing.T) {
					if task.Done() {
						t.Error("task finished")
					}
					release()
				}
			},
			func(t *testing.T, ctx context.Context) {
				a, b := Spawn(Sleep, time.Hour), Spawn(Sleep, time.Hour)
				if err := KillAllCtx(ctx); err != nil || !a.Cancelled() || !b.Cancelled() {
					t.Errorf("KillAllCtx = %v, cancelled %v %v", err, a.Cancelled(), b.Cancelled())
				}
			}},
		{"Queue.JoinCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				q := NewQueue(0)
				q.PutNowait(1)
				return q.JoinCtx, func(t *testing.T) {
					if v, err := q.GetNowait(); v != 1 || err != nil {
						t.Errorf("item after JoinCtx: %v, %v", v, err)
					}
					if err := q.TaskDone(); err != nil {
						t.Error(err)
					}
				}
			},
			func(t *testing.T, ctx context.Context) {
				q := NewQueue(0)
				q.PutNowait(1)
				worker := Spawn(func() {
					q.Get()
					Sleep(time.Millisecond)
					q.TaskDone()
				})
				if err := q.JoinCtx(ctx); err != nil || !worker.Done() {
					t.Errorf("JoinCtx = %v, worker done %v", err, worker.Done())
				}
			}},
		{"WaitForCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				task, open := gated(1)
				return func(ctx context.Context) error { _, err := WaitForCtx(ctx, task, time.Hour); return err },
					func(t *testing.T) {
						if task.Done() {
							t.Error("ending the wait cancelled the task")
						}
						open()
						task.Join()
					}
			},
			func(t *testing.T, ctx context.Context) {
				v, err := WaitForCtx(ctx, Async(func() int { Sleep(time.Millisecond); return 5 }), time.Hour)
				if v != 5 || err != nil {
					t.Errorf("WaitForCtx = %v, %v", v, err)
				}
				late, _ := gated(1)
				if _, err := WaitForCtx(ctx, late, time.Millisecond); !errors.Is(err, TimeoutError) || !late.Cancelled() {
					t.Errorf("WaitForCtx timeout = %v, cancelled %v", err, late.Cancelled())
				}
			}},
		{"Coroutine.AwaitCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				gate := NewFuture()
				var starts int
				c := GenCoroutine(func(y *Yielder) any {
					starts++
					return y.Yield(gate)
				})
				return func(ctx context.Context) error { _, err := c.AwaitCtx(ctx); return err },
					func(t *testing.T) {
						gate.SetResult("v")
						if v, err := c.Await(); v != "v" || err != nil || starts != 1 {
							t.Errorf("Await after AwaitCtx = %v, %v; body started %d times", v, err, starts)
						}
					}
			},
			func(t *testing.T, ctx context.Context) {
				if v, err := Async(func() int { return 3 }).AwaitCtx(ctx); v != 3 || err != nil {
					t.Errorf("AwaitCtx = %v, %v", v, err)
				}
				ran := false
				c := Async(func() { ran = true })
				done, cancel := context.WithCancel(ctx)
				cancel()
				if _, err := c.AwaitCtx(done); !errors.Is(err, ErrInterrupted) || ran {
					t.Errorf("AwaitCtx with an ended context = %v, ran %v", err, ran)
				}
				if c.Await(); !ran {
					t.Error("Await after an ended AwaitCtx did not run the call")
				}
			}},
		{"Loop.RunUntilCompleteCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				l := NewEventLoop()
				task, open := gated(4)
				return func(ctx context.Context) error { _, err := l.RunUntilCompleteCtx(ctx, task); return err },
					func(t *testing.T) {
						if l.IsRunning() || task.Done() {
							t.Errorf("after RunUntilCompleteCtx: running %v, task done %v", l.IsRunning(), task.Done())
						}
						open()
						if v, err := l.RunUntilComplete(task); v != 4 || err != nil {
							t.Errorf("RunUntilComplete = %v, %v", v, err)
						}
					}
			},
			func(t *testing.T, ctx context.Context) {
				l := NewEventLoop()
				if v, err := l.RunUntilCompleteCtx(ctx, Async(func() int { Sleep(time.Millisecond); return 7 })); v != 7 || err != nil {
					t.Errorf("RunUntilCompleteCtx = %v, %v", v, err)
				}
			}},
		{"GatherReturnExceptionsCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				task, _ := gated(1)
				return func(ctx context.Context) error { _, err := GatherReturnExceptionsCtx(ctx, task); return err },
					func(t *testing.T) {
						if task.Join(); !task.Cancelled() { // as GatherCtx, giving up cancels
							t.Error("the awaitable was not cancelled")
						}
					}
			},
			func(t *testing.T, ctx context.Context) {
				out, err := GatherReturnExceptionsCtx(ctx, Async(func() int { return 1 }), Async(func() error { return ValueError }))
				if err != nil || len(out) != 2 || out[0] != 1 || out[1] != ValueError {
					t.Errorf("GatherReturnExceptionsCtx = %v, %v", out, err)
				}
			}},
		{"Greenlet.ThrowCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				g, release := heldGreenlet()
				return func(ctx context.Context) error { _, err := g.ThrowCtx(ctx, ValueError); return err }, release
			},
			func(t *testing.T, ctx context.Context) {
				catcher := NewGreenlet(func() (r string) {
					defer func() {
						if recover() != nil {
							r = "caught"
						}
					}()
					CurrentGreenlet().Parent().Switch()
					return "not thrown"
				})
				catcher.Switch()
				if v, err := catcher.ThrowCtx(ctx, ValueError); v != "caught" || err != nil {
					t.Errorf("ThrowCtx = %v, %v", v, err)
				}
				plain := NewGreenlet(func() { CurrentGreenlet().Parent().Switch() })
				plain.Switch()
				if v, err := plain.ThrowCtx(ctx, ValueError); v != nil || err != ValueError || !plain.Dead() {
					t.Errorf("ThrowCtx = %v, %v, dead %v", v, err, plain.Dead())
				}
			}},
		{"Greenlet.KillCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				g, release := heldGreenlet()
				return g.KillCtx, release
			},
			func(t *testing.T, ctx context.Context) {
				g := NewGreenlet(func() { CurrentGreenlet().Parent().Switch() })
				g.Switch()
				if err := g.KillCtx(ctx); err != nil || !g.Dead() {
					t.Errorf("KillCtx = %v, dead %v", err, g.Dead())
				}
			}},
		{"KillGreenletsCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				_, release := heldGreenlet()
				return KillGreenletsCtx, release
			},
			func(t *testing.T, ctx context.Context) {
				g := NewGreenlet(func() { CurrentGreenlet().Parent().Switch() })
				g.Switch()
				if err := KillGreenletsCtx(ctx); err != nil || !g.Dead() {
					t.Errorf("KillGreenletsCtx = %v, dead %v", err, g.Dead())
				}
			}},
		{"IOCtx outside a task",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				hold, ended := make(chan struct{}), make(chan struct{})
				fn := func() error { <-hold; close(ended); return nil }
				return func(ctx context.Context) error { return IOCtx(ctx, fn) },
					func(t *testing.T) {
						close(hold)
						<-ended // fn runs on to its end
					}
			},
			func(t *testing.T, ctx context.Context) {
				if err := IOCtx(ctx, func() error { return io.EOF }); err != io.EOF {
					t.Errorf("IOCtx = %v", err)
				}
				if err := IOCtx(ctx, func() error { panic("boom") }); err == nil || err.Error() != "panic: boom" {
					t.Errorf("IOCtx of a panic = %v", err)
				}
			}},
		{"IOCtx in a task",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				hold, ended := make(chan struct{}), make(chan struct{})
				fn := func() error { <-hold; close(ended); return nil }
				return func(ctx context.Context) error {
						task := Spawn(func() error { return IOCtx(ctx, fn) })
						task.Join()
						return task.Err()
					}, func(t *testing.T) {
						close(hold)
						<-ended
					}
			},
			func(t *testing.T, ctx context.Context) {
				task := Spawn(func() error { return IOCtx(ctx, func() error { return io.EOF }) })
				if task.Join(); task.Err() != io.EOF {
					t.Errorf("IOCtx in a task = %v", task.Err())
				}
			}},
		// Async generators: an early-ended wait leaves the step running;
		// the next call gets its outcome.
		{"AsyncGenerator.ANextCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				ag, q := gatedGen()
				return func(ctx context.Context) error { _, err := ag.ANextCtx(ctx); return err },
					func(t *testing.T) {
						q.PutNowait("v")
						if v, err := ag.ANext(); v != "v" || err != nil {
							t.Errorf("ANext after ANextCtx = %v, %v", v, err)
						}
						closeGated(t, ag, q)
					}
			},
			func(t *testing.T, ctx context.Context) {
				ag, q := gatedGen()
				q.PutNowait(1)
				if v, err := ag.ANextCtx(ctx); v != 1 || err != nil {
					t.Errorf("ANextCtx = %v, %v", v, err)
				}
				closeGated(t, ag, q)
			}},
		{"AsyncGenerator.ASendCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				ag, q := gatedGen()
				q.PutNowait(1)
				ag.ANext()
				return func(ctx context.Context) error { _, err := ag.ASendCtx(ctx, "x"); return err },
					func(t *testing.T) {
						q.PutNowait(2)
						if v, err := ag.ASend("y"); v != 2 || err != nil {
							t.Errorf("ASend after ASendCtx = %v, %v", v, err)
						}
						closeGated(t, ag, q)
					}
			},
			func(t *testing.T, ctx context.Context) {
				ag, q := gatedGen()
				q.PutNowait(1)
				if v, err := ag.ASendCtx(ctx, nil); v != 1 || err != nil {
					t.Errorf("ASendCtx = %v, %v", v, err)
				}
				closeGated(t, ag, q)
			}},
		{"AsyncGenerator.AThrowCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				ag, q := gatedGen()
				q.PutNowait(1)
				ag.ANext()
				return func(ctx context.Context) error { _, err := ag.AThrowCtx(ctx, ValueError); return err },
					func(t *testing.T) {
						q.PutNowait(nil)
						if v, err := ag.ANext(); v != "ValueError" || err != nil {
							t.Errorf("ANext after AThrowCtx = %v, %v", v, err)
						}
						closeGated(t, ag, q)
					}
			},
			func(t *testing.T, ctx context.Context) {
				ag, q := gatedGen()
				q.PutNowait(1)
				ag.ANext()
				q.PutNowait(nil)
				if v, err := ag.AThrowCtx(ctx, KeyError); v != "KeyError" || err != nil {
					t.Errorf("AThrowCtx = %v, %v", v, err)
				}
				closeGated(t, ag, q)
			}},
		{"AsyncGenerator.ACloseCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				ag, q := gatedGen()
				q.PutNowait(1)
				ag.ANext()
				return ag.ACloseCtx, func(t *testing.T) { closeGated(t, ag, q) }
			},
			func(t *testing.T, ctx context.Context) {
				unstarted, _ := gatedGen()
				if err := unstarted.ACloseCtx(ctx); err != nil {
					t.Errorf("ACloseCtx of an unstarted generator = %v", err)
				}
				ag, q := gatedGen()
				q.PutNowait(1)
				ag.ANextCtx(ctx)
				q.PutNowait(nil)
				if err := ag.ACloseCtx(ctx); err != nil {
					t.Errorf("ACloseCtx = %v", err)
				}
				if _, err := ag.ANextCtx(ctx); !errors.Is(err, StopAsyncIteration) {
					t.Errorf("ANextCtx after ACloseCtx = %v", err)
				}
			}},
		{"ACollectCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				ag, q := gatedGen()
				return func(ctx context.Context) error { _, err := ACollectCtx(ctx, ag, nil); return err },
					func(t *testing.T) {
						q.PutNowait("v")
						if v, err := ag.ANext(); v != "v" || err != nil {
							t.Errorf("ANext after ACollectCtx = %v, %v", v, err)
						}
						closeGated(t, ag, q)
					}
			},
			func(t *testing.T, ctx context.Context) {
				l, err := ACollectCtx(ctx, ticker("t", time.Millisecond, 3, Sleep), func(v int) bool { return v > 0 })
				if err != nil || l.String() != "[1, 2]" {
					t.Errorf("ACollectCtx = %v, %v", l, err)
				}
				done, cancel := context.WithCancel(ctx)
				cancel()
				if _, err := ACollectCtx(done, &countdown{2}, nil); !errors.Is(err, ErrInterrupted) {
					t.Errorf("ACollectCtx of an AsyncIterator with an ended context = %v", err)
				}
			}},
		{"AForEachCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				ag, q := gatedGen()
				return func(ctx context.Context) error { return AForEachCtx(ctx, ag, func(any) bool { return true }) },
					func(t *testing.T) {
						q.PutNowait("v")
						if v, err := ag.ANext(); v != "v" || err != nil {
							t.Errorf("ANext after AForEachCtx = %v, %v", v, err)
						}
						closeGated(t, ag, q)
					}
			},
			func(t *testing.T, ctx context.Context) {
				var seen []any
				err := AForEachCtx(ctx, &countdown{3}, func(v any) bool { seen = append(seen, v); return true })
				if err != nil || Repr(seen) != "[2, 1, 0]" {
					t.Errorf("AForEachCtx = %v, saw %v", err, seen)
				}
			}},
		{"FetchCtx",
			func(t *testing.T) (func(context.Context) error, func(*testing.T)) {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
				return func(ctx context.Context) error { _, err := FetchCtx(ctx, srv.URL); return err },
					func(t *testing.T) {
						srv.Close()
						http.DefaultClient.CloseIdleConnections()
					}
			},
			func(t *testing.T, ctx context.Context) {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "body") }))
				defer srv.Close()
				defer http.DefaultClient.CloseIdleConnections()
				if b, err := FetchCtx(ctx, srv.URL); string(b) != "body" || err != nil {
					t.Errorf("FetchCtx = %q, %v", b, err)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(strings.ReplaceAll(tc.name, " ", "_")+"/cancelled", func(t *testing.T) {
			wait, release := tc.block(t)
			defer release(t) // also after a failure: a wait left blocked would hang the next test
			ctxforms.EndsOnCancel(t, wait, ErrInterrupted)
		})
		t.Run(strings.ReplaceAll(tc.name, " ", "_")+"/done", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			tc.done(t, ctx)
		})
	}
	KillAll()
}

// closeGated closes a gatedGen generator, giving its body the item it
// waits for while it closes, and checks that it ended.
func closeGated(t *testing.T, ag *AsyncGenerator, q *Queue) {
	t.Helper()
	q.PutNowait(nil)
	if err := ag.AClose(); err != nil {
		t.Errorf("AClose = %v", err)
	}
	if _, err := ag.ANext(); !errors.Is(err, StopAsyncIteration) {
		t.Errorf("ANext after AClose = %v", err)
	}
}

// The kernel's interrupt ends the plain forms as a context ends the Ctx
// forms. The tasks they waited for stay frozen until KillAll ends them
// (goleak, in TestMain, checks that it does).
func TestInterruptEndsPlainForms(t *testing.T) {
	plain := []struct {
		name string
		wait func() error
	}{
		{"JoinAll", func() error { task, _ := gated(1); JoinAll(task); return nil }},
		{"Queue.Join", func() error { q := NewQueue(0); q.PutNowait(1); return q.Join() }},
		{"WaitFor", func() error { task, _ := gated(1); _, err := WaitFor(task, time.Hour); return err }},
		{"Task.Await", func() error { task, _ := gated(1); _, err := task.Await(); return err }},
		{"AsyncGenerator.ANext", func() error { ag, _ := gatedGen(); _, err := ag.ANext(); return err }},
		{"ACollect", func() error { ag, _ := gatedGen(); _, err := ACollect(ag, nil); return err }},
	}
	for _, tc := range plain {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			ch := make(chan struct{})
			setInterrupt(ch)
			defer setInterrupt(nil)
			errc := make(chan error, 1)
			go func() { errc <- tc.wait() }()
			time.Sleep(ctxforms.Settle)
			close(ch)
			select {
			case err := <-errc:
				if err != nil && !errors.Is(err, ErrInterrupted) {
					t.Errorf("%s = %v", tc.name, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%s still waiting 5s after the interrupt", tc.name)
			}
		})
	}
	setInterrupt(nil)
	KillAll()
}
