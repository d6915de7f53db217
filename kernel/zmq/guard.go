package zmq

import (
	"bytes"
	"net"
	"sync"
	"time"
)

// Limits bound what one peer can make the kernel do. The zero value of a
// field means its DefaultLimits value.
type Limits struct {
	// HandshakeTimeout bounds the time from accept to the peer's READY
	// command; a peer that has not finished by then is disconnected. The
	// handshake runs outside zmq4's accept loop, so a slow peer never
	// delays another.
	HandshakeTimeout time.Duration
	// WriteTimeout bounds how long a write to a peer may make no progress;
	// a peer that stops reading for that long is disconnected.
	WriteTimeout time.Duration
	// MaxPending is how many bytes may wait unsent for one peer; a send
	// beyond it waits (at most WriteTimeout) for the peer to catch up.
	MaxPending int
	// MaxFrame, MaxMessage and MaxFrames cap one frame, one multipart
	// message and its frame count; MaxCommand caps a ZMTP command frame.
	MaxFrame, MaxMessage, MaxFrames, MaxCommand int
	// MaxHandshaking caps the connections of one socket that are still in
	// their handshake; a new connection beyond it closes the oldest one,
	// so idle connections cannot pile up, and cannot lock anyone out.
	MaxHandshaking int

	peerTypes []string // socket types allowed to connect; nil: any
}

// DefaultLimits are the limits Listen uses.
var DefaultLimits = Limits{
	HandshakeTimeout: 10 * time.Second,
	WriteTimeout:     30 * time.Second,
	MaxPending:       64 << 20,
	MaxFrame:         256 << 20,
	MaxMessage:       256 << 20,
	MaxFrames:        1 << 16,
	MaxCommand:       64 << 10,
	MaxHandshaking:   64,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.HandshakeTimeout <= 0 {
		l.HandshakeTimeout = d.HandshakeTimeout
	}
	if l.WriteTimeout <= 0 {
		l.WriteTimeout = d.WriteTimeout
	}
	for _, f := range []struct{ v, d *int }{{&l.MaxPending, &d.MaxPending}, {&l.MaxFrame, &d.MaxFrame},
		{&l.MaxMessage, &d.MaxMessage}, {&l.MaxFrames, &d.MaxFrames}, {&l.MaxCommand, &d.MaxCommand},
		{&l.MaxHandshaking, &d.MaxHandshaking}} {
		if *f.v <= 0 {
			*f.v = *f.d
		}
	}
	return l
}

// guardedConn sits between a peer's TCP connection and zmq4. Reads pass
// through an inspector; writes go to a bounded queue drained by its own
// goroutine under a write deadline, so a peer that stops reading never
// blocks zmq4's writer for longer than WriteTimeout.
type guardedConn struct {
	net.Conn
	lim Limits

	// read side, used by one reader at a time (prime, then zmq4)
	insp    inspector
	pending []byte // read from the peer, not yet inspected
	ready   []byte // inspected, not yet read by zmq4
	rerr    error
	rbuf    []byte

	// write side
	mu         sync.Mutex
	cond       sync.Cond
	queue      net.Buffers
	queued     int
	werr       error
	closing    bool
	isDraining bool   // drain has been started
	swallow    []byte // what zmq4 will write first and prime already sent
	drained    chan struct{}
	once       sync.Once
}

func newGuardedConn(c net.Conn, lim Limits) *guardedConn {
	g := &guardedConn{Conn: c, lim: lim, insp: inspector{lim: lim}, drained: make(chan struct{})}
	g.cond.L = &g.mu
	return g
}

// prime sends the server greeting and reads the peer's greeting and READY
// command, within the handshake deadline. zmq4 then finds the peer's
// handshake already buffered and its own greeting is swallowed, so its
// handshake never waits on the peer.
func (g *guardedConn) prime() error {
	g.Conn.SetDeadline(time.Now().Add(g.lim.HandshakeTimeout))
	if _, err := g.Conn.Write(serverGreeting); err != nil {
		return err
	}
	g.swallow = serverGreeting
	for !g.insp.ready {
		if err := g.fill(); err != nil {
			return err
		}
	}
	g.Conn.SetDeadline(time.Time{})
	g.mu.Lock()
	g.isDraining = true
	g.mu.Unlock()
	go g.drain()
	return nil
}

// fill reads once from the peer and inspects what it got.
func (g *guardedConn) fill() error {
	if g.rerr != nil {
		return g.rerr
	}
	if g.rbuf == nil {
		g.rbuf = make([]byte, 32<<10)
	}
	n, err := g.Conn.Read(g.rbuf)
	g.pending = append(g.pending, g.rbuf[:n]...)
	for len(g.pending) > 0 {
		k, verr := g.insp.step(g.pending)
		if verr != nil {
			g.rerr = verr
			g.Conn.Close()
			return verr
		}
		if k == 0 {
			break
		}
		g.ready = append(g.ready, g.pending[:k]...)
		g.pending = g.pending[k:]
	}
	if len(g.pending) == 0 {
		g.pending = g.pending[:0:0]
	}
	if err != nil {
		g.rerr = err
		if len(g.ready) == 0 {
			return err
		}
	}
	return nil
}

// Read returns inspected bytes only. Its first error also closes the
// connection: zmq4 then forgets the connection without closing it, which
// would leak the socket and the drain goroutine.
func (g *guardedConn) Read(p []byte) (int, error) {
	n, err := g.read(p)
	if err != nil && g.draining() {
		go g.Close()
	}
	return n, err
}

func (g *guardedConn) draining() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.isDraining
}

func (g *guardedConn) read(p []byte) (int, error) {
	for len(g.ready) == 0 {
		if g.rerr != nil {
			return 0, g.rerr
		}
		// A frame body with nothing buffered goes straight into p.
		if g.insp.state == stBody && len(g.pending) == 0 && g.insp.remaining > 0 {
			if uint64(len(p)) > g.insp.remaining {
				p = p[:g.insp.remaining]
			}
			n, err := g.Conn.Read(p)
			g.insp.body(uint64(n))
			if err != nil {
				g.rerr = err
			}
			return n, err
		}
		if err := g.fill(); err != nil && len(g.ready) == 0 {
			return 0, err
		}
	}
	n := copy(p, g.ready)
	g.ready = g.ready[n:]
	if len(g.ready) == 0 {
		g.ready = nil
	}
	return n, nil
}

// Write queues a copy of p for the peer. It waits while more than
// MaxPending bytes are queued, which lasts at most WriteTimeout.
func (g *guardedConn) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := len(p)
	if len(g.swallow) > 0 {
		k := min(len(p), len(g.swallow))
		if !bytes.Equal(p[:k], g.swallow[:k]) {
			g.fail(violation("zmq4 greeting differs from the one sent for it"))
			return 0, g.werr
		}
		g.swallow, p = g.swallow[k:], p[k:]
		if len(p) == 0 {
			return n, nil
		}
	}
	for g.werr == nil && g.queued > 0 && g.queued+len(p) > g.lim.MaxPending {
		g.cond.Wait()
	}
	if g.werr != nil {
		return 0, g.werr
	}
	if g.closing {
		return 0, errClosed
	}
	g.queue = append(g.queue, bytes.Clone(p))
	g.queued += len(p)
	g.cond.Broadcast()
	return n, nil
}

// fail records the first write-side error and wakes every waiter. Called
// with mu held.
func (g *guardedConn) fail(err error) {
	if g.werr == nil {
		g.werr = err
	}
	g.cond.Broadcast()
}

// drain writes the queue to the peer until the connection fails or is
// closed and empty.
func (g *guardedConn) drain() {
	defer close(g.drained)
	for {
		g.mu.Lock()
		for len(g.queue) == 0 && g.werr == nil && !g.closing {
			g.cond.Wait()
		}
		if g.werr != nil || len(g.queue) == 0 {
			g.mu.Unlock()
			return
		}
		bufs, n := g.queue, g.queued
		g.queue = nil
		g.mu.Unlock()

		g.Conn.SetWriteDeadline(time.Now().Add(g.lim.WriteTimeout))
		_, err := bufs.WriteTo(g.Conn)

		g.mu.Lock()
		g.queued -= n
		if err != nil {
			g.fail(violation("peer stopped reading: %v", err))
			g.mu.Unlock()
			// Reset rather than close: a graceful close would keep what
			// the socket buffered for the peer until it reads it.
			if tc, ok := g.Conn.(*net.TCPConn); ok {
				tc.SetLinger(0)
			}
			g.Conn.Close()
			return
		}
		g.cond.Broadcast()
		g.mu.Unlock()
	}
}

// Close flushes what is queued (bounded by WriteTimeout) and closes the
// connection.
func (g *guardedConn) Close() error {
	var err error
	g.once.Do(func() {
		g.mu.Lock()
		g.closing = true
		g.cond.Broadcast()
		draining := g.isDraining
		g.mu.Unlock()
		if draining {
			<-g.drained
		}
		err = g.Conn.Close()
		g.mu.Lock()
		g.fail(errClosed)
		g.mu.Unlock()
	})
	return err
}
