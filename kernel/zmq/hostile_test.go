package zmq_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/zmq"
)

// startKernel runs a kernel with the echo interpreter over the guarded
// transport with lim, until the test ends.
func startKernel(t *testing.T, lim zmq.Limits) *kernel.ConnectionInfo {
	t.Helper()
	ci := connInfo(t)
	ctx, cancel := context.WithCancel(context.Background())
	tr, err := zmq.ListenLimits(ctx, ci, lim)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	k, err := kernel.New(kernel.Config{Transport: tr, Interpreter: &echoInterp{}, Key: []byte(ci.Key)})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return ci
}

// assertAnswers checks that a fresh zmq4 DEALER gets a kernel_info_reply
// on ch (shell or control).
func assertAnswers(t *testing.T, ci *kernel.ConnectionInfo, port int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := zmq4.NewDealer(ctx)
	defer d.Close()
	if err := d.Dial(ci.Addr(port)); err != nil {
		t.Fatal(err)
	}
	signer, _ := kernel.NewSigner("hmac-sha256", []byte(ci.Key))
	m, _ := kernel.NewMessage("probe", "kernel_info_request", nil, map[string]any{})
	frames, _ := signer.Encode(m)
	if err := d.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	r, err := recvTimeout(d, 20*time.Second) // generous: a failure otherwise hangs
	if err != nil {
		t.Fatalf("no kernel_info_reply: %v", err)
	}
	rm, err := signer.Decode(r.Frames)
	if err != nil || rm.Header.MsgType != "kernel_info_reply" {
		t.Fatalf("reply %v %v", rm, err)
	}
}

// assertAlive checks the kernel answers two successive clients on shell and
// one on control.
func assertAlive(t *testing.T, ci *kernel.ConnectionInfo) {
	t.Helper()
	assertAnswers(t, ci, ci.ShellPort)
	assertAnswers(t, ci, ci.ShellPort)
	assertAnswers(t, ci, ci.ControlPort)
}

func greeting() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10] = 0xFF, 0x7F, 3
	copy(g[12:], "NULL")
	return g
}

func frame(flags byte, body []byte) []byte {
	if len(body) > 255 {
		h := make([]byte, 9)
		h[0] = flags | 2
		binary.BigEndian.PutUint64(h[1:], uint64(len(body)))
		return append(h, body...)
	}
	return append([]byte{flags, byte(len(body))}, body...)
}

func prop(k, v string) []byte {
	b := append([]byte{byte(len(k))}, k...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(v)))
	return append(b, v...)
}

// ready returns a READY command frame for socket type typ.
func ready(typ, id string) []byte {
	body := append([]byte{5}, "READY"...)
	body = append(body, prop("Socket-Type", typ)...)
	if id != "" {
		body = append(body, prop("Identity", id)...)
	}
	return frame(4, body)
}

// hugeHeader is a long frame header declaring 2^62 bytes.
func hugeHeader(flags byte) []byte {
	h := make([]byte, 9)
	h[0] = flags | 2
	binary.BigEndian.PutUint64(h[1:], 1<<62)
	return h
}

// sendRaw dials port, writes b and waits until the kernel closes the
// connection (it must: every payload here breaks the rules).
func sendRaw(t *testing.T, ci *kernel.ConnectionInfo, port int, b []byte) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(ci.Addr(port), "tcp://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write(b); err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, c) // returns once the kernel closed (or reset) it
}

func allPorts(ci *kernel.ConnectionInfo) map[string]int {
	return map[string]int{"shell": ci.ShellPort, "control": ci.ControlPort, "stdin": ci.StdinPort,
		"iopub": ci.IOPubPort, "hb": ci.HBPort}
}

func TestHostileBytesDoNotKillKernel(t *testing.T) {
	ci := startKernel(t, zmq.Limits{})
	// A command declaring an impossible body in place of a legal READY's.
	badReadyProps := append([]byte{5}, "READY"...)
	badReadyProps = append(badReadyProps, 11, 'S', 'o', 'c')
	badValueLen := append([]byte{5}, "READY"...)
	badValueLen = append(badValueLen, prop("Socket-Type", "DEALER")[:13]...)
	badValueLen = binary.BigEndian.AppendUint32(badValueLen, 1<<31)
	payloads := map[string][]byte{
		"huge frame before handshake":   append(greeting(), hugeHeader(4)...),
		"huge frame after handshake":    append(append(greeting(), ready("DEALER", "")...), hugeHeader(0)...),
		"huge frame after subscription": append(append(greeting(), ready("SUB", "")...), hugeHeader(1)...),
		"64 GiB frame":                  append(append(greeting(), ready("REQ", "")...), 2, 0, 0, 0, 16, 0, 0, 0, 0),
		"READY with short property":     append(greeting(), frame(4, badReadyProps)...),
		"READY with huge value length":  append(greeting(), frame(4, badValueLen)...),
		"READY cut before value length": append(greeting(), frame(4, append([]byte("\x05READY"), 3, 'a', 'b', 'c'))...),
		"READY with empty name":         append(greeting(), frame(4, []byte{0})...),
		"data before READY":             append(greeting(), frame(0, []byte("x"))...),
		"garbage greeting":              []byte("GET / HTTP/1.1\r\n\r\n"),
	}
	for name, b := range payloads {
		for sock, port := range allPorts(ci) {
			t.Run(name+"/"+sock, func(t *testing.T) { sendRaw(t, ci, port, b) })
		}
	}
	assertAlive(t, ci)
}

func TestIdleConnectionDoesNotLockOut(t *testing.T) {
	ci := startKernel(t, zmq.Limits{HandshakeTimeout: time.Hour})
	var idle []net.Conn
	for _, port := range allPorts(ci) {
		c, err := net.Dial("tcp", strings.TrimPrefix(ci.Addr(port), "tcp://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	// Half a greeting, then silence, on shell too.
	idle[0].Write(greeting()[:10])
	assertAlive(t, ci)
}

func TestHandshakeDeadlineClosesIdlePeer(t *testing.T) {
	ci := startKernel(t, zmq.Limits{HandshakeTimeout: 50 * time.Millisecond})
	c, err := net.Dial("tcp", strings.TrimPrefix(ci.Addr(ci.ShellPort), "tcp://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, err := io.ReadAll(c) // ends when the kernel gives up on us
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, greeting()) {
		t.Errorf("kernel sent %q before closing, want its greeting", got)
	}
	assertAlive(t, ci)
}

// rawPeer completes a ZMTP handshake by hand as typ and then reads only
// when the test says so.
func rawPeer(t *testing.T, addr, typ, id string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(addr, "tcp://"))
	if err != nil {
		t.Fatal(err)
	}
	c.(*net.TCPConn).SetReadBuffer(4096)
	c.Write(append(greeting(), ready(typ, id)...))
	// Server greeting (64) then its READY command.
	hdr := make([]byte, 64+2)
	if _, err := io.ReadFull(c, hdr); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(c, make([]byte, hdr[65])); err != nil {
		t.Fatal(err)
	}
	return c
}

// readFrame reads one frame from a raw peer.
func readFrame(c net.Conn) ([]byte, error) {
	h := make([]byte, 2)
	if _, err := io.ReadFull(c, h); err != nil {
		return nil, err
	}
	size := uint64(h[1])
	if h[0]&2 != 0 {
		rest := make([]byte, 8)
		rest[0] = h[1]
		if _, err := io.ReadFull(c, rest[1:]); err != nil {
			return nil, err
		}
		size = binary.BigEndian.Uint64(rest)
	}
	b := make([]byte, size)
	_, err := io.ReadFull(c, b)
	return b, err
}

// TestStalledPeerDoesNotFreezeOthers: a subscriber (or shell peer) that
// stops reading must not stop the kernel from reaching everyone else, and is
// disconnected once its writes stall.
func TestStalledPeerDoesNotFreezeOthers(t *testing.T) {
	for _, ch := range []kernel.Channel{kernel.IOPub, kernel.Shell} {
		t.Run(ch.String(), func(t *testing.T) {
			ci := connInfo(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			tr, err := zmq.ListenLimits(ctx, ci, zmq.Limits{MaxPending: 1 << 20, WriteTimeout: 200 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			defer tr.Close()
			port, typ, route := ci.IOPubPort, "SUB", func(id string) [][]byte { return [][]byte{[]byte("t")} }
			if ch == kernel.Shell {
				port, typ, route = ci.ShellPort, "DEALER", func(id string) [][]byte { return [][]byte{[]byte(id)} }
			}
			stalled := rawPeer(t, ci.Addr(port), typ, "stalled")
			defer stalled.Close()
			var good zmq4.Socket
			if ch == kernel.IOPub {
				good = zmq4.NewSub(ctx)
				defer good.Close()
				if err := good.Dial(ci.Addr(port)); err != nil {
					t.Fatal(err)
				}
				good.SetOption(zmq4.OptionSubscribe, "")
				stalled.Write(frame(0, []byte{1})) // subscribe to everything
			} else {
				good = zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("good")))
				defer good.Close()
				if err := good.Dial(ci.Addr(port)); err != nil {
					t.Fatal(err)
				}
				// The kernel learns a DEALER's route when it speaks.
				good.Send(zmq4.NewMsgString("hello"))
				if m, err := tr.Recv(kernel.Shell); err != nil || string(m[0]) != "good" {
					t.Fatalf("recv %q %v", m, err)
				}
			}
			// Wait until both peers are routed to: probe until each sees one.
			for _, id := range []string{"stalled", "good"} {
				seen := make(chan struct{})
				go func() {
					defer close(seen)
					if id == "stalled" {
						for {
							b, err := readFrame(stalled)
							if err != nil || string(b) == "probe" {
								return
							}
						}
					}
					for {
						m, err := good.Recv()
						if err != nil || string(m.Frames[len(m.Frames)-1]) == "probe" {
							return
						}
					}
				}()
			probe:
				for {
					tr.Send(ch, append(route(id), []byte("probe")))
					select {
					case <-seen:
						break probe
					case <-time.After(20 * time.Millisecond): // re-probe: subscription races
					}
				}
			}
			// Now the stalled peer stops reading. Send 32 MiB to each.
			big := bytes.Repeat([]byte("x"), 1<<20)
			const n = 32
			got := make(chan int)
			go func() {
				count := 0
				for count < n {
					m, err := good.Recv()
					if err != nil {
						break
					}
					if len(m.Frames[len(m.Frames)-1]) == len(big) {
						count++
					}
				}
				got <- count
			}()
			for range n {
				if ch == kernel.Shell {
					tr.Send(ch, append(route("stalled"), big))
				}
				if err := tr.Send(ch, append(route("good"), big)); err != nil {
					t.Fatal(err)
				}
			}
			if c := <-got; c != n {
				t.Fatalf("good peer got %d of %d messages", c, n)
			}
			// The stalled peer was disconnected: reading now ends in EOF.
			io.Copy(io.Discard, stalled)
		})
	}
}

// TestHandshakingConnectionsAreCapped: connections that never finish their
// handshake cannot pile up on a socket: past MaxHandshaking, each new one
// closes the oldest, and clients still get in.
func TestHandshakingConnectionsAreCapped(t *testing.T) {
	const limit, opened = 4, 10
	ci := startKernel(t, zmq.Limits{HandshakeTimeout: time.Hour, MaxHandshaking: limit})
	var conns []net.Conn
	for range opened {
		c, err := net.Dial("tcp", strings.TrimPrefix(ci.Addr(ci.ShellPort), "tcp://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		// Wait for the server's greeting: the kernel has accepted this
		// connection before the next one is opened, so the order is known.
		if _, err := io.ReadFull(c, make([]byte, len(greeting()))); err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns[:opened-limit] {
		c.SetReadDeadline(time.Now().Add(time.Minute)) // a guard against a hang, not a wait
		if n, err := c.Read(make([]byte, 1)); err != io.EOF {
			t.Errorf("connection %d (of the oldest %d) not closed by the kernel: %d, %v", i, opened-limit, n, err)
		}
	}
	assertAlive(t, ci)
}
