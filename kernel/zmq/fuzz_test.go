package zmq

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// FuzzGuardedPeer sends arbitrary bytes as a peer of a real zmq4 ROUTER
// listening through the guarded transport. The process must not crash, the
// kernel side must end the hostile connection once the peer is done, and a
// well-behaved DEALER must still get its echo through the same ROUTER.
func FuzzGuardedPeer(f *testing.F) {
	g := make([]byte, 64)
	g[0], g[9], g[10] = 0xFF, 0x7F, 3
	copy(g[12:], "NULL")
	readyCmd := append([]byte{4, 28, 5}, "READY"...)
	readyCmd = append(readyCmd, 11)
	readyCmd = append(readyCmd, "Socket-Type"...)
	readyCmd = binary.BigEndian.AppendUint32(readyCmd, 6)
	readyCmd = append(readyCmd, "DEALER"...)
	huge := []byte{2, 0x40, 0, 0, 0, 0, 0, 0, 0}
	f.Add(append(append([]byte{}, g...), huge...))
	f.Add(append(append([]byte{}, g...), readyCmd...))
	f.Add(append(append(append([]byte{}, g...), readyCmd...), huge...))
	f.Add(append(append(append([]byte{}, g...), readyCmd...), 1, 3, 'a', 'b', 'c', 0, 0))
	f.Add(append(append([]byte{}, g...), 4, 9, 5, 'R', 'E', 'A', 'D', 'Y', 3, 'a', 'b'))
	f.Add([]byte("GET / HTTP/1.0\r\n\r\n"))

	ctx, cancel := context.WithCancel(context.Background())
	registerGuard()
	limitsByAddr.Store("127.0.0.1:0", Limits{HandshakeTimeout: 200 * time.Millisecond, WriteTimeout: time.Second,
		MaxFrame: 1 << 16, MaxMessage: 1 << 17, peerTypes: []string{"DEALER", "REQ", "ROUTER"}}.withDefaults())
	router := zmq4.NewRouter(ctx)
	if err := router.Listen(guardScheme + "://127.0.0.1:0"); err != nil {
		f.Fatal(err)
	}
	addr := router.Addr().String()
	echoed := make(chan struct{})
	go func() { // echo every message back to its sender
		defer close(echoed)
		for {
			m, err := router.Recv()
			if err != nil {
				return
			}
			router.Send(m) // fails when a hostile sender is gone already

		}
	}()
	good := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("good")))
	if err := good.Dial("tcp://" + addr); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() {
		good.Close()
		router.Close()
		cancel()
		<-echoed
	})

	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.Write(data)
		c.(*net.TCPConn).CloseWrite()
		// The hostile connection ends: refused, timed out, or seen to EOF.
		io.Copy(io.Discard, c)
		// Another peer is still served.
		if err := good.Send(zmq4.NewMsgString("ping")); err != nil {
			t.Fatal(err)
		}
		m, err := good.Recv()
		if err != nil || string(m.Frames[0]) != "ping" {
			t.Fatalf("echo: %q %v", m.Frames, err)
		}
	})
}
