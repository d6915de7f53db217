package kernel

import (
	"bytes"
	"sync"
	"time"
	"unicode/utf8"
)

// Stream coalescing: output is buffered and published as stream messages at
// most every flushDelay (so the first byte after a quiet spell reaches the
// client within a few milliseconds), or at once when flushSize bytes are
// waiting (so a burst becomes a few large messages, well under the Jupyter
// server's 1000 messages/s limit). stdout and stderr keep their relative
// order.
const (
	flushDelay = 4 * time.Millisecond
	flushSize  = 64 << 10
)

// segment is a run of output on one stream.
type segment struct {
	name string
	text []byte
}

// streams coalesces output from any goroutine and hands it to publish in
// order. publish is called with the streams lock released but never
// concurrently with itself.
type streams struct {
	mu       sync.Mutex
	segs     []segment
	size     int
	timerSet bool
	timer    flushTimer
	closed   bool // set by close, under both locks: nothing is published after

	flushMu sync.Mutex // serialises publish calls so messages keep their order
	publish func(name, text string)
}

// flushTimer flushes the streams flushDelay after the first unflushed
// write: a *time.Timer running Flush, or a test's own clock.
type flushTimer interface {
	Reset(d time.Duration) bool
	Stop() bool
}

func newStreams(publish func(name, text string)) *streams {
	s := &streams{publish: publish}
	t := time.AfterFunc(time.Hour, s.Flush)
	t.Stop()
	s.timer = t
	return s
}

// write appends p to stream name and schedules a flush.
func (s *streams) write(name string, p []byte) {
	if len(p) == 0 {
		return
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	if n := len(s.segs); n > 0 && s.segs[n-1].name == name {
		s.segs[n-1].text = append(s.segs[n-1].text, p...)
	} else {
		s.segs = append(s.segs, segment{name: name, text: append([]byte(nil), p...)})
	}
	s.size += len(p)
	big := s.size >= flushSize
	if !big && !s.timerSet {
		s.timerSet = true
		s.timer.Reset(flushDelay)
	}
	s.mu.Unlock()
	if big {
		s.flush(false)
	}
}

// Flush publishes everything buffered, including an incomplete trailing
// UTF-8 sequence (as replacement characters).
func (s *streams) Flush() { s.flush(true) }

// flush publishes buffered output. Unless final, an incomplete UTF-8
// sequence at the end of a segment stays buffered for the next write.
func (s *streams) flush(final bool) {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.flushLocked(final)
}

// flushThen publishes everything buffered, then calls f, before any other
// output is published: f's message follows the output written before it.
func (s *streams) flushThen(f func()) {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.flushLocked(true)
	f()
}

// flushLocked is flush with flushMu held.
func (s *streams) flushLocked(final bool) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	segs := s.segs
	s.segs = nil
	s.size = 0
	s.timerSet = false
	s.timer.Stop()
	var keep []byte
	var keepName string
	if !final && len(segs) > 0 {
		last := &segs[len(segs)-1]
		if cut := incompleteSuffix(last.text); cut > 0 {
			keep = append([]byte(nil), last.text[len(last.text)-cut:]...)
			keepName = last.name
			last.text = last.text[:len(last.text)-cut]
		}
	}
	if len(keep) > 0 {
		s.segs = []segment{{name: keepName, text: keep}}
		s.size = len(keep)
		s.timerSet = true
		s.timer.Reset(flushDelay)
	}
	s.mu.Unlock()
	for _, seg := range segs {
		for text := seg.text; len(text) > 0; {
			n := chunkLen(text, flushSize)
			s.publish(seg.name, string(text[:n]))
			text = text[n:]
		}
	}
}

// close publishes what is buffered and stops: later writes are dropped and
// publish is never called again, not even by a pending flush timer. Once
// close returns, the publish target may go away.
func (s *streams) close() {
	s.flush(true)
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.segs, s.size = nil, 0
	s.timer.Stop()
}

// chunkLen returns how much of b goes into one message of at most max bytes
// (more output piles up while a paced publish waits): all of it if it fits,
// else up to the last newline in the second half of the limit, else up to a
// rune boundary.
func chunkLen(b []byte, max int) int {
	if len(b) <= max {
		return len(b)
	}
	if i := bytes.LastIndexByte(b[max/2:max], '\n'); i >= 0 {
		return max/2 + i + 1
	}
	n := max
	for n > max-utf8.UTFMax && !utf8.RuneStart(b[n]) {
		n--
	}
	return n
}

// incompleteSuffix returns how many bytes at the end of b start a UTF-8
// sequence that is not complete yet (0 to 3).
func incompleteSuffix(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}

// streamWriter is the io.Writer for one stream name.
type streamWriter struct {
	s    *streams
	name string
}

func (w streamWriter) Write(p []byte) (int, error) {
	w.s.write(w.name, p)
	return len(p), nil
}
