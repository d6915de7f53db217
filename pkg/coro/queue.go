package coro

import "context"

// Queue is asyncio.Queue: a FIFO queue for cooperative tasks. Get on an
// empty queue and Put on a full one park the calling task in the hub (or,
// outside a task, run the hub until they can proceed). maxsize <= 0 means
// unbounded. Safe for concurrent use.
type Queue struct {
	maxsize    int
	items      []any
	unfinished int
	getters    []waitRef
	putters    []waitRef
	joiners    []waitRef
}

// NewQueue returns an empty queue holding at most maxsize items (<= 0:
// unbounded).
func NewQueue(maxsize int) *Queue { return &Queue{maxsize: maxsize} }

func (q *Queue) full() bool { return q.maxsize > 0 && len(q.items) >= q.maxsize }

// wakeAll readies every waiter of a list (they re-check their condition).
func wakeAll(h *hub, refs *[]waitRef) {
	for _, r := range *refs {
		h.makeReady(r, nil)
	}
	*refs = nil
}

// Put adds v, waiting while the queue is full.
func (q *Queue) Put(v any) error { return q.PutCtx(context.Background(), v) }

// PutCtx is Put that also returns when ctx is done.
func (q *Queue) PutCtx(ctx context.Context, v any) error {
	h := theHub
	for {
		added := false
		err := h.blockAs(waitQueue, "", ctx, func(ref waitRef) bool {
			if q.full() {
				q.putters = append(q.putters, ref)
				return false
			}
			q.items = append(q.items, v)
			q.unfinished++
			added = true
			wakeAll(h, &q.getters)
			return true
		}, -1, nil)
		if err != nil || added {
			return err
		}
	}
}

// PutNowait adds v or fails with QueueFull.
func (q *Queue) PutNowait(v any) error {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	if q.full() {
		return QueueFull
	}
	q.items = append(q.items, v)
	q.unfinished++
	wakeAll(h, &q.getters)
	return nil
}

// Get removes and returns the first item, waiting while the queue is empty.
func (q *Queue) Get() (any, error) { return q.GetCtx(context.Background()) }

// GetCtx is Get that also returns when ctx is done.
func (q *Queue) GetCtx(ctx context.Context) (any, error) {
	h := theHub
	for {
		var v any
		got := false
		err := h.blockAs(waitQueue, "", ctx, func(ref waitRef) bool {
			if len(q.items) == 0 {
				q.getters = append(q.getters, ref)
				return false
			}
			v, q.items = q.items[0], q.items[1:]
			got = true
			wakeAll(h, &q.putters)
			return true
		}, -1, nil)
		if err != nil {
			return nil, err
		}
		if got {
			return v, nil
		}
	}
}

// GetNowait removes and returns the first item or fails with QueueEmpty.
func (q *Queue) GetNowait() (any, error) {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(q.items) == 0 {
		return nil, QueueEmpty
	}
	v := q.items[0]
	q.items = q.items[1:]
	wakeAll(h, &q.putters)
	return v, nil
}

// TaskDone marks one gotten item as processed; called more times than
// items were put it fails with "ValueError: task_done() called too many
// times".
func (q *Queue) TaskDone() error {
	h := theHub
	h.mu.Lock()
	defer h.mu.Unlock()
	if q.unfinished <= 0 {
		return raisef(ValueError, "task_done() called too many times")
	}
	q.unfinished--
	if q.unfinished == 0 {
		wakeAll(h, &q.joiners)
	}
	return nil
}

// Join waits until every item put has been marked done by TaskDone.
func (q *Queue) Join() error { return q.JoinCtx(context.Background()) }

// JoinCtx is Join that also returns, with ErrInterrupted, when ctx is done.
func (q *Queue) JoinCtx(ctx context.Context) error {
	h := theHub
	for {
		err := h.blockAs(waitQueue, "", ctx, func(ref waitRef) bool {
			if q.unfinished == 0 {
				return true
			}
			q.joiners = append(q.joiners, ref)
			return false
		}, -1, nil)
		if err != nil {
			return err
		}
		h.mu.Lock()
		n := q.unfinished
		h.mu.Unlock()
		if n == 0 {
			return nil
		}
	}
}

// Qsize returns the number of items.
func (q *Queue) Qsize() int { theHub.mu.Lock(); defer theHub.mu.Unlock(); return len(q.items) }

// Empty reports whether the queue is empty.
func (q *Queue) Empty() bool { return q.Qsize() == 0 }

// Full reports whether the queue holds maxsize items.
func (q *Queue) Full() bool { theHub.mu.Lock(); defer theHub.mu.Unlock(); return q.full() }

// Maxsize returns the queue's capacity (<= 0: unbounded).
func (q *Queue) Maxsize() int { return q.maxsize }
