package mt

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestEvent(t *testing.T) {
	e := NewEvent()
	if e.IsSet() || e.Wait(time.Millisecond) {
		t.Fatal("new event set")
	}
	woke := make(chan bool)
	for range 3 {
		Go(func() { woke <- e.Wait() })
	}
	e.Set()
	for range 3 {
		if !<-woke {
			t.Error("waiter saw false")
		}
	}
	e.Clear()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.WaitCtx(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("WaitCtx = %v", err)
	}
	WaitAll()
}

func TestSemaphore(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"limits concurrency", func(t *testing.T) {
			s := NewSemaphore(2)
			var in, peak atomic.Int64
			for range 6 {
				Go(func() {
					s.Acquire()
					defer s.Release()
					n := in.Add(1)
					for {
						p := peak.Load()
						if n <= p || peak.CompareAndSwap(p, n) {
							break
						}
					}
					time.Sleep(time.Millisecond)
					in.Add(-1)
				})
			}
			WaitAll()
			if p := peak.Load(); p > 2 || p < 1 {
				t.Errorf("peak concurrency %d", p)
			}
		}},
		{"non-blocking and timeout", func(t *testing.T) {
			s := NewSemaphore(1)
			if !s.AcquireBlocking(false) || s.AcquireBlocking(false) || s.AcquireTimeout(time.Millisecond) {
				t.Error("acquire results wrong")
			}
			_ = s.Release(2)
			if s.Value() != 2 {
				t.Errorf("Value = %d", s.Value())
			}
		}},
		{"bounded", func(t *testing.T) {
			s := NewBoundedSemaphore(1)
			err := s.Release()
			if !errors.Is(err, ValueError) || err.Error() != "ValueError: Semaphore released too many times" {
				t.Errorf("Release = %v", err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, tc.run)
	}
}

func TestCondition(t *testing.T) {
	for _, lock := range []struct {
		name string
		cond *Condition
	}{{"rlock", NewCondition()}, {"lock", NewCondition(NewLock())}} {
		t.Run(lock.name, func(t *testing.T) {
			c := lock.cond
			items := 0
			got := make(chan int, 2) // buffered: a consumer sends while holding the lock
			for range 2 {
				Go(func() {
					c.Acquire()
					defer c.Release()
					c.WaitFor(func() bool { return items > 0 })
					items--
					got <- 1
				})
			}
			for range 2 {
				c.Acquire()
				items++
				c.Notify()
				c.Release()
			}
			<-got
			<-got
			WaitAll()
			c.Acquire()
			if c.Wait(time.Millisecond) {
				t.Error("Wait without notify returned true")
			}
			c.Release()
		})
	}
	t.Run("wait unowned rlock", func(t *testing.T) {
		c := NewCondition()
		defer func() {
			if r := recover(); r == nil {
				t.Error("no panic")
			}
		}()
		c.Wait(time.Millisecond)
	})
	t.Run("notify all", func(t *testing.T) {
		c := NewCondition(NewLock())
		var n atomic.Int64
		ready := NewSemaphore(0)
		for range 3 {
			Go(func() {
				c.Acquire()
				ready.Release()
				c.Wait()
				n.Add(1)
				c.Release()
			})
		}
		for range 3 {
			ready.Acquire()
		}
		c.Acquire() // every waiter has released the lock inside Wait
		c.NotifyAll()
		c.Release()
		WaitAll()
		if n.Load() != 3 {
			t.Errorf("woke %d", n.Load())
		}
	})
}

func TestLocal(t *testing.T) {
	l := NewLocal()
	l.Set("student", "main")
	out := make(chan string, 2)
	for _, name := range []string{"Alice", "Bob"} {
		th := NewThreadOpts(ThreadOpts{Name: "Thread-" + name[:1], Target: func() {
			l.Set("student", name)
			time.Sleep(time.Millisecond)
			out <- l.Get("student").(string) + " in " + CurrentThread().Name()
		}})
		_ = th.Start()
	}
	WaitAll()
	got := map[string]bool{<-out: true, <-out: true}
	if !got["Alice in Thread-A"] || !got["Bob in Thread-B"] {
		t.Errorf("got %v", got)
	}
	if v, ok := l.Lookup("student"); !ok || v != "main" {
		t.Errorf("main's value = %v %v", v, ok)
	}
	l.Delete("student")
	if _, ok := l.Lookup("student"); ok {
		t.Error("Delete did not delete")
	}
}
