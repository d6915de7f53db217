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
}

var _ kernel.Transport = (*Transport)(nil)

// NewTransport returns an open in-memory transport. Outbound queues hold up
// to 1<<16 messages; a kernel that sends more without the client reading
// blocks, as a real socket's send would.
func NewTransport() *Transport {
	t := &Transport{done: make(chan struct{})}
	for i := range t.in {
		t.in[i] = make(chan [][]byte, 64)
		t.out[i] = make(chan [][]byte, 1<<16)
	}
	return t
}

// Recv implements kernel.Transport.
func (t *Transport) Recv(ch kernel.Channel) ([][]byte, error) {
	select {
	case f := <-t.in[ch]:
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

// ToKernel queues raw frames for the kernel on ch.
func (t *Transport) ToKernel(ch kernel.Channel, frames [][]byte) error {
	select {
	case t.in[ch] <- frames:
		return nil
	case <-t.done:
		return ErrClosed
	}
}

// FromKernel returns the queue of frames the kernel sent on ch.
func (t *Transport) FromKernel(ch kernel.Channel) <-chan [][]byte { return t.out[ch] }

// Done is closed when the transport is closed.
func (t *Transport) Done() <-chan struct{} { return t.done }
