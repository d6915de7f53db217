package kerneltest

import (
	"errors"
	"sync"

	"github.com/gokernel/gokernel/kernel"
)

// ErrClosed is returned by a closed Transport.
var ErrClosed = errors.New("kerneltest: transport closed")

// Transport is an in-memory kernel.Transport. The kernel side uses the
// kernel.Transport methods; a test client uses ToKernel and FromKernel.
type Transport struct {
	in     [4]chan [][]byte // client → kernel, per channel
	out    [4]chan [][]byte // kernel → client, per channel
	done   chan struct{}
	closed sync.Once

	// Synchronous mode (NewSyncTransport): ToKernel waits on ack[ch] until
	// the kernel comes back to Recv on ch after taking the frames, which
	// pending[ch] (owned by the one Recv caller of ch) remembers.
	sync    bool
	ack     [4]chan struct{}
	pending [4]bool
}

var _ kernel.Transport = (*Transport)(nil)

// NewTransport returns an open in-memory transport. The outbound IOPub
// queue holds up to 1<<16 messages, the others 1<<10; a kernel that sends
// more without the client reading blocks, as a real socket's send would.
func NewTransport() *Transport {
	t := &Transport{done: make(chan struct{})}
	for i := range t.in {
		t.in[i] = make(chan [][]byte, 64)
		t.out[i] = make(chan [][]byte, 1<<10)
	}
	t.out[kernel.IOPub] = make(chan [][]byte, 1<<16)
	return t
}

// NewSyncTransport returns an open in-memory transport in synchronous mode:
// ToKernel returns only once the kernel has taken the frames and come back
// to Recv on that channel, that is once its receiver has done all it does
// with a message (queued a request for its handler, handed over an
// input_reply, or dropped a bad message). A test can so order what the
// kernel receives against what it does, without waiting for time. Each
// channel must have at most one ToKernel caller at a time.
func NewSyncTransport() *Transport {
	t := NewTransport()
	t.sync = true
	for i := range t.in {
		t.in[i] = make(chan [][]byte)
		t.ack[i] = make(chan struct{})
	}
	return t
}

// Recv implements kernel.Transport.
func (t *Transport) Recv(ch kernel.Channel) ([][]byte, error) {
	if t.pending[ch] {
		t.pending[ch] = false
		select {
		case t.ack[ch] <- struct{}{}:
		case <-t.done:
			return nil, ErrClosed
		}
	}
	select {
	case f := <-t.in[ch]:
		t.pending[ch] = t.sync
		return f, nil
	case <-t.done:
		return nil, ErrClosed
	}
}

// Send implements kernel.Transport.
func (t *Transport) Send(ch kernel.Channel, frames [][]byte) error {
	cp := make([][]byte, len(frames))
	for i, f := range frames {
		cp[i] = append([]byte(nil), f...)
	}
	select {
	case t.out[ch] <- cp:
		return nil
	case <-t.done:
		return ErrClosed
	}
}

// Close implements kernel.Transport; it unblocks every Recv and Send.
func (t *Transport) Close() error {
	t.closed.Do(func() { close(t.done) })
	return nil
}

// ToKernel queues raw frames for the kernel on ch. In synchronous mode it
// returns once the kernel's receiver has handled them (or, having taken
// them, closed the transport). It fails only if the transport was closed
// before the kernel took the frames.
func (t *Transport) ToKernel(ch kernel.Channel, frames [][]byte) error {
	select {
	case t.in[ch] <- frames:
	case <-t.done:
		return ErrClosed
	}
	if !t.sync {
		return nil
	}
	select {
	case <-t.ack[ch]:
	case <-t.done: // taken, then the kernel closed (a shutdown_request does)
	}
	return nil
}

// FromKernel returns the queue of frames the kernel sent on ch.
func (t *Transport) FromKernel(ch kernel.Channel) <-chan [][]byte { return t.out[ch] }

// Done is closed when the transport is closed.
func (t *Transport) Done() <-chan struct{} { return t.done }
