package zmq

import (
	"encoding/binary"
	"errors"
	"testing"
)

// feed runs in through an inspector byte by byte (the hardest split) and
// returns the bytes released and the first error.
func feed(lim Limits, in []byte) ([]byte, error) {
	p := inspector{lim: lim.withDefaults()}
	var out, pending []byte
	for _, b := range in {
		pending = append(pending, b)
		for len(pending) > 0 {
			n, err := p.step(pending)
			if err != nil {
				return out, err
			}
			if n == 0 {
				break
			}
			out, pending = append(out, pending[:n]...), pending[n:]
		}
	}
	return out, nil
}

func TestInspectorLimits(t *testing.T) {
	g := append([]byte{}, serverGreeting...)
	ready := append([]byte{4, 28, 5}, "READY"...)
	ready = append(ready, 11)
	ready = append(ready, "Socket-Type"...)
	ready = binary.BigEndian.AppendUint32(ready, 6)
	ready = append(ready, "DEALER"...)
	hs := append(append([]byte{}, g...), ready...)
	long := func(flags byte, size uint64) []byte {
		return binary.BigEndian.AppendUint64([]byte{flags | flagLong}, size)
	}
	lim := Limits{MaxFrame: 300, MaxMessage: 500, MaxFrames: 3, peerTypes: []string{"DEALER"}}
	ok := map[string][]byte{
		"handshake":          hs,
		"frame at the limit": append(append([]byte{}, hs...), long(0, 300)...),
		"three frames":       append(append([]byte{}, hs...), 1, 0, 1, 0, 0, 0),
		"ping after ready":   append(append([]byte{}, hs...), 4, 5, 4, 'P', 'I', 'N', 'G'),
	}
	for name, in := range ok {
		if out, err := feed(lim, in); err != nil || len(out) != len(in) {
			t.Errorf("%s: released %d of %d bytes, err %v", name, len(out), len(in), err)
		}
	}
	bad := map[string][]byte{
		"frame over the limit":   append(append([]byte{}, hs...), long(0, 301)...),
		"message over the limit": append(append(append(append([]byte{}, hs...), long(1, 300)...), make([]byte, 300)...), long(0, 201)...),
		"four frames":            append(append([]byte{}, hs...), 1, 0, 1, 0, 1, 0, 0, 0),
		"2^63 frame":             append(append([]byte{}, hs...), long(0, 1<<63)...),
		"wrong peer type":        append(append([]byte{}, g...), append(ready[:len(ready)-6], "ROUTER"...)...),
		"reserved flag":          append(append([]byte{}, hs...), 0x80, 0),
		"command with more":      append(append([]byte{}, hs...), 5, 0),
		"CURVE mechanism":        append(append(append([]byte{}, g[:12]...), "CURVE"...), g[17:]...),
		"version 2":              append(append(append([]byte{}, g[:10]...), 2), g[11:]...),
	}
	for name, in := range bad {
		out, err := feed(lim, in)
		if !errors.Is(err, errViolation) {
			t.Errorf("%s: err %v, want a violation", name, err)
		}
		// Nothing past the offending header reaches zmq4.
		if len(out) >= len(in) {
			t.Errorf("%s: all %d bytes released", name, len(in))
		}
	}
}
