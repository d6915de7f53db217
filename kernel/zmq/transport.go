package zmq

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"

	"github.com/gokernel/gokernel/kernel"
)

// Transport is a kernel.Transport over ZeroMQ sockets.
type Transport struct {
	cancel  context.CancelFunc
	sockets [4]zmq4.Socket // indexed by kernel.Channel
	hb      zmq4.Socket
	hbDone  chan struct{}
	once    sync.Once
}

var _ kernel.Transport = (*Transport)(nil)

// Listen binds all five sockets to the addresses in c with DefaultLimits. It
// fails, closing whatever it bound, if any address cannot be bound.
func Listen(ctx context.Context, c *kernel.ConnectionInfo) (*Transport, error) {
	return ListenLimits(ctx, c, DefaultLimits)
}

// ListenLimits is Listen with the given limits for every peer. Over TCP each
// socket listens through the guarded transport (see Limits).
func ListenLimits(ctx context.Context, c *kernel.ConnectionInfo, lim Limits) (*Transport, error) {
	ctx, cancel := context.WithCancel(ctx)
	t := &Transport{cancel: cancel, hbDone: make(chan struct{})}
	t.sockets[kernel.Shell] = zmq4.NewRouter(ctx)
	t.sockets[kernel.Control] = zmq4.NewRouter(ctx)
	t.sockets[kernel.Stdin] = zmq4.NewRouter(ctx)
	t.sockets[kernel.IOPub] = zmq4.NewPub(ctx)
	t.hb = zmq4.NewRep(ctx)
	router := []string{"DEALER", "REQ", "ROUTER"}
	binds := []struct {
		s     zmq4.Socket
		port  int
		name  string
		peers []string
	}{
		{t.sockets[kernel.Shell], c.ShellPort, "shell", router},
		{t.sockets[kernel.Control], c.ControlPort, "control", router},
		{t.sockets[kernel.Stdin], c.StdinPort, "stdin", router},
		{t.sockets[kernel.IOPub], c.IOPubPort, "iopub", []string{"SUB", "XSUB"}},
		{t.hb, c.HBPort, "heartbeat", []string{"REQ", "DEALER"}},
	}
	for _, b := range binds {
		ep := c.Addr(b.port)
		if hostPort, ok := strings.CutPrefix(ep, "tcp://"); ok {
			registerGuard()
			l := lim
			l.peerTypes = b.peers
			if key, err := transport.New("tcp").Addr(hostPort); err == nil {
				limitsByAddr.Store(key, l)
			}
			ep = guardScheme + "://" + hostPort
		}
		if err := b.s.Listen(ep); err != nil {
			t.closeSockets()
			close(t.hbDone)
			return nil, fmt.Errorf("zmq: bind %s socket to %s: %w", b.name, c.Addr(b.port), err)
		}
	}
	go t.heartbeat()
	return t, nil
}

// heartbeat echoes every heartbeat message until the socket is closed.
func (t *Transport) heartbeat() {
	defer close(t.hbDone)
	for {
		msg, err := t.hb.Recv()
		if err != nil {
			return
		}
		if err := t.hb.Send(msg); err != nil {
			return
		}
	}
}

// Recv returns the next multipart message on a ROUTER channel. It returns an
// error after Close.
func (t *Transport) Recv(ch kernel.Channel) ([][]byte, error) {
	if ch == kernel.IOPub || ch < 0 || int(ch) >= len(t.sockets) {
		return nil, errors.New("zmq: cannot receive on " + ch.String())
	}
	msg, err := t.sockets[ch].Recv()
	if err != nil {
		return nil, err
	}
	return msg.Frames, nil
}

// Send sends a multipart message. For ROUTER channels the first frame is the
// routing id; sends to a peer that has gone away are dropped.
func (t *Transport) Send(ch kernel.Channel, frames [][]byte) error {
	if ch < 0 || int(ch) >= len(t.sockets) {
		return errors.New("zmq: no channel " + ch.String())
	}
	if len(frames) == 0 {
		return errors.New("zmq: empty message")
	}
	return t.sockets[ch].SendMulti(zmq4.NewMsgFrom(frames...))
}

// Close closes every socket and waits for the heartbeat goroutine.
func (t *Transport) Close() error {
	t.once.Do(func() {
		t.closeSockets()
		<-t.hbDone
	})
	return nil
}

func (t *Transport) closeSockets() {
	for _, s := range t.sockets {
		if s != nil {
			s.Close()
		}
	}
	t.hb.Close()
	t.cancel()
}
