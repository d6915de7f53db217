package zmq

import (
	"context"
	"errors"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// guardScheme is the zmq4 transport name of the guarded TCP transport.
const guardScheme = "gokernel-tcp"

var (
	registerOnce sync.Once
	// limitsByAddr holds the Limits for each address about to be bound.
	limitsByAddr sync.Map // string -> Limits
)

func registerGuard() {
	registerOnce.Do(func() {
		if err := zmq4.RegisterTransport(guardScheme, guardTransport{transport.New("tcp")}); err != nil {
			panic(err)
		}
	})
}

// guardTransport is zmq4's TCP transport whose listeners hand zmq4 only
// connections that finished their handshake within the limits, wrapped in a
// guardedConn. Dialling is plain TCP.
type guardTransport struct{ transport.Transport }

func (t guardTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	lim := DefaultLimits
	if v, ok := limitsByAddr.LoadAndDelete(addr); ok {
		lim = v.(Limits)
	}
	l, err := t.Transport.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	gl := &guardListener{Listener: l, lim: lim.withDefaults(), conns: make(chan net.Conn),
		done: make(chan struct{}), priming: map[net.Conn]bool{}}
	gl.wg.Add(1)
	go gl.acceptLoop()
	return gl, nil
}

// guardListener accepts TCP connections in its own goroutine and primes
// each one (handshake within the deadline) in another, so one idle or slow
// peer never holds up the next.
type guardListener struct {
	net.Listener
	lim     Limits
	conns   chan net.Conn
	done    chan struct{}
	once    sync.Once
	wg      sync.WaitGroup
	mu      sync.Mutex
	priming map[net.Conn]bool
	order   []net.Conn // priming connections, oldest first
}

func (l *guardListener) acceptLoop() {
	defer l.wg.Done()
	var backoff time.Duration
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			// Out of file descriptors and the like: keep accepting once
			// some are freed, as net/http does, instead of going deaf.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			select {
			case <-l.done:
				return
			case <-time.After(backoff):
			}
			continue
		}
		backoff = 0
		l.mu.Lock()
		select {
		case <-l.done:
			l.mu.Unlock()
			c.Close()
			return
		default:
		}
		if len(l.order) >= l.lim.MaxHandshaking {
			// The oldest connection still in its handshake makes room;
			// its prime fails and cleans up after it.
			oldest := l.order[0]
			l.order = l.order[1:]
			delete(l.priming, oldest)
			oldest.Close()
		}
		l.priming[c] = true
		l.order = append(l.order, c)
		l.wg.Add(1)
		l.mu.Unlock()
		go l.prime(c)
	}
}

func (l *guardListener) prime(c net.Conn) {
	defer l.wg.Done()
	g := newGuardedConn(c, l.lim)
	err := g.prime()
	l.mu.Lock()
	if l.priming[c] {
		delete(l.priming, c)
		l.order = slices.DeleteFunc(l.order, func(o net.Conn) bool { return o == c })
	}
	l.mu.Unlock()
	if err != nil {
		g.Close()
		return
	}
	select {
	case l.conns <- g:
	case <-l.done:
		g.Close()
	}
}

// Accept returns the next connection whose handshake arrived in time.
func (l *guardListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops accepting, drops connections still in their handshake and
// waits for the listener's goroutines.
func (l *guardListener) Close() error {
	var err error
	l.once.Do(func() {
		l.mu.Lock()
		close(l.done)
		for c := range l.priming {
			c.Close()
		}
		l.mu.Unlock()
		err = l.Listener.Close()
		l.wg.Wait()
	})
	return err
}
