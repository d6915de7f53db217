package mt

import (
	"container/heap"
	"context"
	"fmt"
	"reflect"
	"sync"
	"time"
)

// Queue is Python's queue.Queue family for threads: FIFO (NewQueue), LIFO
// (NewLifoQueue) or priority (NewPriorityQueue), bounded when maxsize > 0.
// Put blocks while the queue is full, Get while it is empty; both have
// non-blocking (…Nowait → Full/Empty), timed (…Timeout) and cancellable
// (…Ctx) forms. TaskDone/Join count unfinished items as Python does. Qsize,
// Empty and Full are snapshots. Safe for concurrent use.
type Queue struct {
	mu         sync.Mutex
	maxsize    int
	items      store
	unfinished int
	changed    signal // an item was added or removed
	allDone    signal // unfinished reached zero
}

type store interface {
	push(v any)
	pop() any
	len() int
}

// NewQueue returns a FIFO queue; maxsize ≤ 0 means unbounded.
func NewQueue(maxsize int) *Queue { return &Queue{maxsize: maxsize, items: &fifo{}} }

// NewLifoQueue returns a LIFO queue (a stack); maxsize ≤ 0 means unbounded.
func NewLifoQueue(maxsize int) *Queue { return &Queue{maxsize: maxsize, items: &lifo{}} }

// NewPriorityQueue returns a queue that hands out the smallest item first.
// less, if given, is a func(a, b T) bool reporting whether a comes before b
// (called by reflection, so interpreted funcs work); without it items must
// all be ints, floats or strings (or slices of them compared element by
// element, like Python's (priority, data) tuples as []any{2, "job"}).
func NewPriorityQueue(maxsize int, less ...any) *Queue {
	p := &prio{less: lessOrdered}
	if len(less) > 0 && less[0] != nil {
		c, err := resolve(less[0])
		if err != nil {
			panic(err)
		}
		p.less = func(a, b any) bool {
			r, err := c.call([]any{a, b})
			if err != nil {
				panic(err)
			}
			ok, _ := r.(bool)
			return ok
		}
	}
	return &Queue{maxsize: maxsize, items: p}
}

// Maxsize returns the bound given at construction.
func (q *Queue) Maxsize() int { return q.maxsize }

// Qsize returns the number of items (a snapshot).
func (q *Queue) Qsize() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.items.len()
}

// Empty reports whether the queue has no items (a snapshot).
func (q *Queue) Empty() bool { return q.Qsize() == 0 }

// Full reports whether a bounded queue holds maxsize items (a snapshot).
func (q *Queue) Full() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.full()
}

func (q *Queue) full() bool { return q.maxsize > 0 && q.items.len() >= q.maxsize }

// Put adds v, blocking while the queue is full. It cannot be cancelled; use
// PutCtx or PutTimeout.
func (q *Queue) Put(v any) { _ = q.PutCtx(background(), v) }

// PutNowait adds v if there is room, else returns Full.
func (q *Queue) PutNowait(v any) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.full() {
		return Full
	}
	q.add(v)
	return nil
}

// PutTimeout waits at most d for room; Full when there was none.
func (q *Queue) PutTimeout(v any, d time.Duration) error {
	ctx, cancel := context.WithTimeout(background(), max(d, 0))
	defer cancel()
	if err := q.PutCtx(ctx, v); err != nil {
		return Full
	}
	return nil
}

// PutOpts is Python's put(item, block, timeout): block false is PutNowait;
// a positive timeout bounds the wait; otherwise it waits as long as needed.
func (q *Queue) PutOpts(v any, block bool, timeout time.Duration) error {
	switch {
	case !block:
		return q.PutNowait(v)
	case timeout > 0:
		return q.PutTimeout(v, timeout)
	}
	q.Put(v)
	return nil
}

// PutCtx adds v, waiting for room until ctx is done (ctx.Err(), v not added).
func (q *Queue) PutCtx(ctx context.Context, v any) error {
	var resume func()
	for {
		q.mu.Lock()
		if !q.full() {
			q.add(v)
			q.mu.Unlock()
			return nil
		}
		ch := q.changed.wait()
		q.mu.Unlock()
		if resume == nil {
			resume = traceWait(waitQueue, "Queue.Put")
			defer resume()
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (q *Queue) add(v any) {
	q.items.push(v)
	q.unfinished++
	q.changed.broadcast()
}

// Get removes and returns the next item, blocking while the queue is empty.
// It cannot be cancelled; use GetCtx or GetTimeout.
func (q *Queue) Get() any {
	v, _ := q.GetCtx(background())
	return v
}

// GetNowait returns the next item if there is one, else Empty.
func (q *Queue) GetNowait() (any, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.items.len() == 0 {
		return nil, Empty
	}
	return q.take(), nil
}

// GetTimeout waits at most d for an item; Empty when none came.
func (q *Queue) GetTimeout(d time.Duration) (any, error) {
	ctx, cancel := context.WithTimeout(background(), max(d, 0))
	defer cancel()
	v, err := q.GetCtx(ctx)
	if err != nil {
		return nil, Empty
	}
	return v, nil
}

// GetOpts is Python's get(block, timeout), like PutOpts.
func (q *Queue) GetOpts(block bool, timeout time.Duration) (any, error) {
	switch {
	case !block:
		return q.GetNowait()
	case timeout > 0:
		return q.GetTimeout(timeout)
	}
	return q.Get(), nil
}

// GetCtx returns the next item, waiting until there is one or ctx is done
// (nil, ctx.Err()).
func (q *Queue) GetCtx(ctx context.Context) (any, error) {
	var resume func()
	for {
		q.mu.Lock()
		if q.items.len() > 0 {
			v := q.take()
			q.mu.Unlock()
			return v, nil
		}
		ch := q.changed.wait()
		q.mu.Unlock()
		if resume == nil {
			resume = traceWait(waitQueue, "Queue.Get")
			defer resume()
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (q *Queue) take() any {
	v := q.items.pop()
	q.changed.broadcast()
	return v
}

// TaskDone marks one item taken with Get as processed. Called more times than
// items were put, it returns "ValueError: task_done() called too many times".
func (q *Queue) TaskDone() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.unfinished <= 0 {
		return newError("ValueError", "task_done() called too many times")
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.allDone.broadcast()
	}
	return nil
}

// Join blocks until every item put has been marked with TaskDone. JoinCtx can
// be cancelled.
func (q *Queue) Join() { _ = q.JoinCtx(background()) }

// JoinCtx is Join ending with ctx.Err() when ctx is done first.
func (q *Queue) JoinCtx(ctx context.Context) error {
	for {
		q.mu.Lock()
		if q.unfinished == 0 {
			q.mu.Unlock()
			return nil
		}
		ch := q.allDone.wait()
		q.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// String describes the queue: "<Queue size=2 maxsize=3>".
func (q *Queue) String() string {
	return fmt.Sprintf("<Queue size=%d maxsize=%d>", q.Qsize(), q.maxsize)
}

type fifo struct {
	buf  []any
	head int
}

func (f *fifo) push(v any) { f.buf = append(f.buf, v) }
func (f *fifo) len() int   { return len(f.buf) - f.head }
func (f *fifo) pop() any {
	v := f.buf[f.head]
	f.buf[f.head] = nil
	f.head++
	if f.head > 32 && f.head*2 >= len(f.buf) {
		f.buf = append(f.buf[:0], f.buf[f.head:]...)
		f.head = 0
	}
	return v
}

type lifo struct{ buf []any }

func (l *lifo) push(v any) { l.buf = append(l.buf, v) }
func (l *lifo) len() int   { return len(l.buf) }
func (l *lifo) pop() any {
	v := l.buf[len(l.buf)-1]
	l.buf[len(l.buf)-1] = nil
	l.buf = l.buf[:len(l.buf)-1]
	return v
}

// prio is a binary heap; seq keeps equal items in insertion order.
type prio struct {
	items []prioItem
	less  func(a, b any) bool
	seq   int
}

type prioItem struct {
	v   any
	seq int
}

func (p *prio) Len() int { return len(p.items) }
func (p *prio) Less(i, j int) bool {
	a, b := p.items[i], p.items[j]
	if p.less(a.v, b.v) {
		return true
	}
	if p.less(b.v, a.v) {
		return false
	}
	return a.seq < b.seq
}
func (p *prio) Swap(i, j int) { p.items[i], p.items[j] = p.items[j], p.items[i] }
func (p *prio) Push(x any)    { p.items = append(p.items, x.(prioItem)) }
func (p *prio) Pop() any {
	n := len(p.items) - 1
	it := p.items[n]
	p.items = p.items[:n]
	return it
}
func (p *prio) push(v any) { p.seq++; heap.Push(p, prioItem{v: v, seq: p.seq}) }
func (p *prio) pop() any   { return heap.Pop(p).(prioItem).v }
func (p *prio) len() int   { return len(p.items) }

// lessOrdered compares numbers (as float64), strings, and slices/arrays of
// them lexicographically. Other kinds panic with a TypeError, as Python's
// "'<' not supported" does.
func lessOrdered(a, b any) bool { return compareOrdered(reflect.ValueOf(a), reflect.ValueOf(b)) < 0 }

func compareOrdered(a, b reflect.Value) int {
	for a.Kind() == reflect.Interface && !a.IsNil() {
		a = a.Elem()
	}
	for b.Kind() == reflect.Interface && !b.IsNil() {
		b = b.Elem()
	}
	if fa, ok := number(a); ok {
		if fb, ok := number(b); ok {
			switch {
			case fa < fb:
				return -1
			case fa > fb:
				return 1
			}
			return 0
		}
	}
	if a.Kind() == reflect.String && b.Kind() == reflect.String {
		switch {
		case a.String() < b.String():
			return -1
		case a.String() > b.String():
			return 1
		}
		return 0
	}
	if seq(a) && seq(b) {
		for i := 0; i < a.Len() && i < b.Len(); i++ {
			if c := compareOrdered(a.Index(i), b.Index(i)); c != 0 {
				return c
			}
		}
		return a.Len() - b.Len()
	}
	panic(newError("TypeError", "'<' not supported between instances of %s and %s", kindName(a), kindName(b)))
}

func kindName(v reflect.Value) string {
	if !v.IsValid() {
		return "nil"
	}
	return v.Type().String()
}

func seq(v reflect.Value) bool {
	return v.IsValid() && (v.Kind() == reflect.Slice || v.Kind() == reflect.Array)
}

func number(v reflect.Value) (float64, bool) {
	if !v.IsValid() {
		return 0, false
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return v.Float(), true
	}
	return 0, false
}
