package mt

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"sync"
	"time"
)

// ProcessQueue is Python's multiprocessing.Queue: a queue (FIFO, bounded
// when maxsize > 0) that child processes can use when it is passed to them
// as an argument of NewProcess. The parent holds the items; children reach
// them over a Unix socket that the queue opens the first time it is sent to
// a child. Values crossing a process boundary are gob-encoded as interface
// values: the basic types work as they are, other types must be registered
// with gob.Register in both processes (it runs in init, so registering in
// an init function covers both). The method set is Queue's. Safe for
// concurrent use; Close it when done (in the parent).
//
// A ProcessQueue made by NewProcessQueue cannot be passed to a Pool task:
// the task fails with Python's "RuntimeError: Queue objects should only be
// shared between processes through inheritance." — use Manager.Queue.
type ProcessQueue struct {
	managed bool

	// parent side
	local  *Queue
	mu     sync.Mutex
	srv    *queueServer
	closed bool

	// child side
	addr   string
	client *queueClient
}

// NewProcessQueue returns a process queue; maxsize ≤ 0 means unbounded.
func NewProcessQueue(maxsize int) *ProcessQueue {
	return &ProcessQueue{local: NewQueue(maxsize)}
}

// Manager is Python's multiprocessing.Manager: it makes queues that may be
// passed to Pool tasks. Its queues live in the parent (not in a separate
// server process as in Python); Shutdown closes them.
type Manager struct {
	mu     sync.Mutex
	queues []*ProcessQueue
	closed bool
}

// NewManager returns a manager. The error is always nil; it is there for
// Python's shape (starting a manager can fail there).
func NewManager() (*Manager, error) { return &Manager{}, nil }

// Queue returns a new queue (maxsize ≤ 0 or omitted: unbounded) usable from
// processes and pool tasks.
func (m *Manager) Queue(maxsize ...int) *ProcessQueue {
	n := 0
	if len(maxsize) > 0 {
		n = maxsize[0]
	}
	q := NewProcessQueue(n)
	q.managed = true
	m.mu.Lock()
	defer m.mu.Unlock()
	m.queues = append(m.queues, q)
	return q
}

// Shutdown closes every queue the manager made.
func (m *Manager) Shutdown() {
	m.mu.Lock()
	qs := m.queues
	m.queues = nil
	m.closed = true
	m.mu.Unlock()
	for _, q := range qs {
		_ = q.Close()
	}
}

var errQueueClosed = newError("ValueError", "Queue is closed")

// Close closes the queue: later operations in the parent fail with
// "ValueError: Queue is closed", children's calls fail, and it can no longer
// be sent to a child. In a child, Close only drops the connection.
func (q *ProcessQueue) Close() error {
	if q.local == nil {
		if q.client != nil {
			q.client.close()
		}
		return nil
	}
	q.mu.Lock()
	srv := q.srv
	q.srv = nil
	q.closed = true
	q.mu.Unlock()
	if srv != nil {
		srv.close()
	}
	return nil
}

// GobEncode sends the queue to a child: it starts the queue's socket server
// if needed and encodes its address.
func (q *ProcessQueue) GobEncode() ([]byte, error) {
	addr := q.addr
	if q.local != nil {
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return nil, errQueueClosed
		}
		if q.srv == nil {
			srv, err := serveQueue(q.local)
			if err != nil {
				q.mu.Unlock()
				return nil, err
			}
			q.srv = srv
		}
		addr = q.srv.addr
		q.mu.Unlock()
	}
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(struct {
		Addr    string
		Managed bool
	}{addr, q.managed})
	return buf.Bytes(), err
}

// GobDecode makes the child's end of a queue.
func (q *ProcessQueue) GobDecode(b []byte) error {
	var w struct {
		Addr    string
		Managed bool
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&w); err != nil {
		return err
	}
	q.addr, q.managed = w.Addr, w.Managed
	q.client = &queueClient{addr: w.Addr}
	return nil
}

// do runs one operation: on the local queue in the parent, over the socket
// in a child.
func (q *ProcessQueue) do(ctx context.Context, r queueReq) (queueResp, error) {
	if q.local != nil {
		q.mu.Lock()
		closed := q.closed
		q.mu.Unlock()
		if closed {
			return queueResp{}, errQueueClosed
		}
		return r.apply(ctx, q.local), nil
	}
	if q.client == nil {
		return queueResp{}, errors.New("mt: ProcessQueue used before it was made with NewProcessQueue")
	}
	return q.client.call(ctx, r)
}

func (q *ProcessQueue) put(ctx context.Context, r queueReq) error {
	resp, err := q.do(ctx, r)
	if err != nil {
		return err
	}
	return resp.err()
}

func (q *ProcessQueue) get(ctx context.Context, r queueReq) (any, error) {
	resp, err := q.do(ctx, r)
	if err != nil {
		return nil, err
	}
	return resp.V, resp.err()
}

// Put adds v, blocking while the queue is full.
func (q *ProcessQueue) Put(v any) error {
	return q.put(context.Background(), queueReq{Op: "put", V: v, Block: true})
}

// PutNowait adds v if there is room, else returns Full.
func (q *ProcessQueue) PutNowait(v any) error {
	return q.put(context.Background(), queueReq{Op: "put", V: v})
}

// PutTimeout waits at most d for room; Full when there was none.
func (q *ProcessQueue) PutTimeout(v any, d time.Duration) error {
	return q.put(context.Background(), queueReq{Op: "put", V: v, Block: true, Timeout: max(d, 1)})
}

// PutOpts is Python's put(item, block, timeout).
func (q *ProcessQueue) PutOpts(v any, block bool, timeout time.Duration) error {
	return q.put(context.Background(), queueReq{Op: "put", V: v, Block: block, Timeout: max(timeout, 0)})
}

// PutCtx adds v, waiting for room until ctx is done.
func (q *ProcessQueue) PutCtx(ctx context.Context, v any) error {
	return q.put(ctx, queueReq{Op: "put", V: v, Block: true})
}

// Get removes and returns the next item, blocking while the queue is empty.
func (q *ProcessQueue) Get() (any, error) {
	return q.get(context.Background(), queueReq{Op: "get", Block: true})
}

// GetNowait returns the next item if there is one, else Empty.
func (q *ProcessQueue) GetNowait() (any, error) {
	return q.get(context.Background(), queueReq{Op: "get"})
}

// GetTimeout waits at most d for an item; Empty when none came.
func (q *ProcessQueue) GetTimeout(d time.Duration) (any, error) {
	return q.get(context.Background(), queueReq{Op: "get", Block: true, Timeout: max(d, 1)})
}

// GetOpts is Python's get(block, timeout).
func (q *ProcessQueue) GetOpts(block bool, timeout time.Duration) (any, error) {
	return q.get(context.Background(), queueReq{Op: "get", Block: block, Timeout: max(timeout, 0)})
}

// GetCtx returns the next item, waiting until there is one or ctx is done.
func (q *ProcessQueue) GetCtx(ctx context.Context) (any, error) {
	return q.get(ctx, queueReq{Op: "get", Block: true})
}

// Qsize returns the number of items (a snapshot; -1 if the parent cannot be
// reached).
func (q *ProcessQueue) Qsize() int {
	resp, err := q.do(context.Background(), queueReq{Op: "size"})
	if err != nil {
		return -1
	}
	return resp.N
}

// Empty reports whether the queue has no items (a snapshot).
func (q *ProcessQueue) Empty() bool { return q.Qsize() == 0 }

// Full reports whether a bounded queue is full (a snapshot).
func (q *ProcessQueue) Full() bool {
	resp, err := q.do(context.Background(), queueReq{Op: "full"})
	return err == nil && resp.Full
}
