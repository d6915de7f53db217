package zmq

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// ZMTP 3.x framing constants (https://rfc.zeromq.org/spec/23/).
const (
	greetingLen  = 64
	flagMore     = 0x1
	flagLong     = 0x2
	flagCommand  = 0x4
	flagReserved = 0xF8
)

// errViolation wraps every refusal of the guard. It wraps io.EOF so that
// zmq4, which only marks a connection closed on io.EOF or a non-timeout
// net.Error, drops the connection.
var errViolation = fmt.Errorf("zmq: peer broke the ZMTP rules, connection closed: %w", io.EOF)

func violation(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errViolation, fmt.Sprintf(format, args...))
}

// serverGreeting is the greeting zmq4 sends for a NULL-security socket: the
// signature, version 3.0, mechanism "NULL", as-server 0, zero filler.
var serverGreeting = func() []byte {
	g := make([]byte, greetingLen)
	g[0], g[9] = 0xFF, 0x7F
	g[10], g[11] = 3, 0
	copy(g[12:32], "NULL")
	return g
}()

// inspector checks the byte stream a peer sends, in order, before zmq4 reads
// it. It releases bytes only once they are known to be harmless: the greeting
// when complete and valid, a data frame's header once its size is within the
// limits (its body as it arrives), a command frame only when complete and
// well-formed. The first command must be a READY whose metadata parses
// strictly and names a socket type the listening socket accepts, so zmq4's
// handshake can neither panic nor fail (a failed handshake leaks the
// connection inside zmq4's accept loop).
type inspector struct {
	lim Limits

	state     int // stGreeting, stHeader, stBody
	remaining uint64
	more      bool   // the frame being read has the MORE flag
	msgBytes  uint64 // bytes in the current multipart message so far
	msgFrames int
	ready     bool // the peer's READY command has been released
}

const (
	stGreeting = iota
	stHeader
	stBody
)

// step inspects the front of in. It returns how many bytes may be released
// to zmq4 (0 when more input is needed) or an error when the peer broke a
// rule; the caller then closes the connection.
func (p *inspector) step(in []byte) (int, error) {
	switch p.state {
	case stGreeting:
		if len(in) > 0 && in[0] != 0xFF {
			return 0, violation("bad greeting signature")
		}
		if len(in) < greetingLen {
			if len(in) >= 10 && in[9] != 0x7F {
				return 0, violation("bad greeting signature")
			}
			return 0, nil
		}
		g := in[:greetingLen]
		if g[9] != 0x7F {
			return 0, violation("bad greeting signature")
		}
		if g[10] < 3 {
			return 0, violation("ZMTP version %d.%d, want 3.x", g[10], g[11])
		}
		if mech := strings.TrimRight(string(g[12:32]), "\x00"); mech != "NULL" {
			return 0, violation("security mechanism %q, want NULL", mech)
		}
		if g[32] > 1 {
			return 0, violation("as-server flag %d", g[32])
		}
		p.state = stHeader
		return greetingLen, nil
	case stHeader:
		if len(in) < 2 {
			return 0, nil
		}
		flags := in[0]
		if flags&flagReserved != 0 {
			return 0, violation("reserved frame flags %#x", flags)
		}
		hdr, size := 2, uint64(in[1])
		if flags&flagLong != 0 {
			if len(in) < 9 {
				return 0, nil
			}
			hdr, size = 9, binary.BigEndian.Uint64(in[1:9])
		}
		if flags&flagCommand != 0 {
			if flags&flagMore != 0 || p.msgFrames > 0 {
				return 0, violation("command frame inside a multipart message")
			}
			if size > uint64(p.lim.MaxCommand) {
				return 0, violation("command frame of %d bytes, limit %d", size, p.lim.MaxCommand)
			}
			if uint64(len(in)-hdr) < size {
				return 0, nil
			}
			if err := p.command(in[hdr : hdr+int(size)]); err != nil {
				return 0, err
			}
			return hdr + int(size), nil
		}
		if !p.ready {
			return 0, violation("message frame before the READY command")
		}
		if size > uint64(p.lim.MaxFrame) {
			return 0, violation("frame of %d bytes, limit %d", size, p.lim.MaxFrame)
		}
		p.msgBytes += size
		p.msgFrames++
		if p.msgBytes > uint64(p.lim.MaxMessage) || p.msgFrames > p.lim.MaxFrames {
			return 0, violation("message over %d bytes or %d frames", p.lim.MaxMessage, p.lim.MaxFrames)
		}
		p.more = flags&flagMore != 0
		p.remaining = size
		p.state = stBody
		if size == 0 {
			p.endFrame()
		}
		return hdr, nil
	default: // stBody
		n := uint64(len(in))
		if n > p.remaining {
			n = p.remaining
		}
		p.body(n)
		return int(n), nil
	}
}

// body records that n bytes of the current frame body were released.
func (p *inspector) body(n uint64) {
	p.remaining -= n
	if p.remaining == 0 {
		p.endFrame()
	}
}

func (p *inspector) endFrame() {
	p.state = stHeader
	if !p.more {
		p.msgBytes, p.msgFrames = 0, 0
	}
}

// command checks a complete command frame body.
func (p *inspector) command(b []byte) error {
	if len(b) == 0 || int(b[0]) > len(b)-1 {
		return violation("malformed command name")
	}
	name, body := string(b[1:1+int(b[0])]), b[1+int(b[0]):]
	if !p.ready {
		if name != "READY" {
			return violation("first command is %q, want READY", name)
		}
		if err := p.metadata(body); err != nil {
			return err
		}
		p.ready = true
		return nil
	}
	if name == "READY" {
		return violation("second READY command")
	}
	return nil
}

// metadata parses READY properties strictly: name-length byte, name,
// 4-byte value length, value, all within the body. It requires a
// Socket-Type the listening socket accepts.
func (p *inspector) metadata(b []byte) error {
	peerType := ""
	for len(b) > 0 {
		kl := int(b[0])
		if kl == 0 || 1+kl+4 > len(b) {
			return violation("malformed READY metadata")
		}
		key := string(b[1 : 1+kl])
		vl := binary.BigEndian.Uint32(b[1+kl : 1+kl+4])
		rest := b[1+kl+4:]
		if uint64(vl) > uint64(len(rest)) {
			return violation("malformed READY metadata")
		}
		if zmq4PropertyName(key) == "Socket-Type" {
			peerType = string(rest[:vl])
		}
		b = rest[vl:]
	}
	for _, t := range p.lim.peerTypes {
		if t == peerType {
			return nil
		}
	}
	if p.lim.peerTypes == nil {
		return nil
	}
	return violation("peer socket type %q not accepted", peerType)
}

// zmq4PropertyName is the map key zmq4 files a READY property under (it
// title-cases each word without lowering the rest), so the guard reads the
// same Socket-Type zmq4 will: "socket-type" counts, "SoCket-Type" does not,
// and a peer sending only the latter is refused here instead of panicking
// zmq4's accept loop with an empty socket type.
func zmq4PropertyName(key string) string {
	return cases.Title(language.Und, cases.NoLower).String(key)
}

var errClosed = errors.New("zmq: connection closed")
