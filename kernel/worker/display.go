package worker

import (
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel"
)

// Display messages travel in two parts so that they keep their place among
// the cell's output: the worker sends the message on its connection, then
// writes a display marker with the message's number into stdout. The
// supervisor keeps the message (displays) until its stdout pump reads the
// marker, then hands it to the kernel, which publishes the stream output
// read before it first. A marker is a few bytes, so it is written to the
// pipe in one piece even by a process sharing it; a message of any size
// goes on the connection.

// displays holds the display messages that came on the connection until
// the stdout pump reaches their markers.
type displays struct {
	mu     sync.Mutex
	msgs   map[int]*displayMsg
	added  chan struct{} // closed and replaced when a message arrives
	closed bool          // the connection is closed: nothing more comes
}

func newDisplays() *displays {
	return &displays{msgs: map[int]*displayMsg{}, added: make(chan struct{})}
}

func (q *displays) put(n int, d *displayMsg) {
	if d == nil {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.msgs[n] = d
	close(q.added)
	q.added = make(chan struct{})
}

// displayWait bounds how long the pump waits for a message whose marker
// it has read. The message was sent before the marker, so it is normally
// there within microseconds; a marker without a message (a cell printing
// those very bytes) must not stop the cell's output for longer.
const displayWait = 5 * time.Second

// take returns message n, waiting for it: it was sent before its marker,
// so it comes unless the connection closes first or displayWait passes
// (then nil).
func (q *displays) take(n int) *displayMsg {
	timeout := time.NewTimer(displayWait)
	defer timeout.Stop()
	for {
		q.mu.Lock()
		d, ok := q.msgs[n]
		delete(q.msgs, n)
		closed, added := q.closed, q.added
		q.mu.Unlock()
		if ok {
			return d
		}
		if closed {
			return nil
		}
		select {
		case <-added:
		case <-timeout.C:
			return nil
		}
	}
}

func (q *displays) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	close(q.added)
	q.added = make(chan struct{})
}

// show publishes a display message of the worker.
func (s *Supervisor) show(d *displayMsg) {
	s.host.Display(&kernel.Display{Type: d.Type, Data: d.Data, Metadata: d.Metadata,
		DisplayID: d.DisplayID, Wait: d.Wait})
}
