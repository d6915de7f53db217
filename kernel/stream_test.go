package kernel

import (
	"strings"
	"sync"
	"testing"
	"time"
)

type published struct {
	mu   sync.Mutex
	msgs []segment
}

func (p *published) add(name, text string) {
	p.mu.Lock()
	p.msgs = append(p.msgs, segment{name, []byte(text)})
	p.mu.Unlock()
}

// newTestStreams returns streams whose flush timer never fires: output is
// published when the test flushes or a write fills flushSize, so what the
// tests expect does not depend on how fast the machine runs them.
func newTestStreams(publish func(name, text string)) *streams {
	s := newStreams(publish)
	s.timer.Stop()
	s.timer = stoppedTimer{}
	return s
}

// stoppedTimer is a flushTimer that never fires.
type stoppedTimer struct{}

func (stoppedTimer) Reset(time.Duration) bool { return false }
func (stoppedTimer) Stop() bool               { return false }

func TestStreamsOrderAndCoalescing(t *testing.T) {
	var p published
	s := newTestStreams(p.add)
	s.write("stdout", []byte("a"))
	s.write("stdout", []byte("b\n"))
	s.write("stderr", []byte("E"))
	s.write("stdout", []byte("c"))
	s.Flush()
	want := []string{"stdout:ab\n", "stderr:E", "stdout:c"}
	if len(p.msgs) != len(want) {
		t.Fatalf("got %d messages %q, want %q", len(p.msgs), p.msgs, want)
	}
	for i, m := range p.msgs {
		if got := m.name + ":" + string(m.text); got != want[i] {
			t.Errorf("message %d = %q, want %q", i, got, want[i])
		}
	}
}

func TestStreamsKeepsRunesWhole(t *testing.T) {
	var p published
	s := newTestStreams(p.add)
	word := []byte("世界")        // 6 bytes
	s.write("stdout", word[:4]) // one rune and a third
	s.flush(false)
	s.write("stdout", word[4:])
	s.Flush()
	var all strings.Builder
	for _, m := range p.msgs {
		if !strings.HasPrefix("世界", string(m.text)) && !strings.HasSuffix("世界", string(m.text)) {
			t.Errorf("message %q splits a rune", m.text)
		}
		all.Write(m.text)
	}
	if all.String() != "世界" {
		t.Errorf("got %q", all.String())
	}
}

func TestStreamsLargeBurstNothingLost(t *testing.T) {
	var p published
	s := newTestStreams(p.add)
	var want strings.Builder
	var wg sync.WaitGroup
	line := strings.Repeat("x", 99) + "\n"
	for i := 0; i < 5000; i++ {
		want.WriteString(line)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 5000; i++ {
			s.write("stdout", []byte(line))
		}
	}()
	wg.Wait()
	s.Flush()
	var got strings.Builder
	for _, m := range p.msgs {
		got.Write(m.text)
	}
	if got.String() != want.String() {
		t.Fatalf("lost output: got %d bytes, want %d", got.Len(), want.Len())
	}
	if len(p.msgs) > 5000*100/flushSize+10 {
		t.Errorf("%d messages for %d bytes: not coalesced", len(p.msgs), want.Len())
	}
}

func TestStreamsSplitsLargeOutput(t *testing.T) {
	var p published
	s := newTestStreams(p.add)
	line := strings.Repeat("é", 40) + "\n" // 81 bytes, 2-byte runes
	var want strings.Builder
	for i := 0; i < 5000; i++ {
		want.WriteString(line)
	}
	// One write far larger than a message, as when output piles up behind
	// a paced publish.
	s.mu.Lock()
	s.segs = []segment{{name: "stdout", text: []byte(want.String())}}
	s.size = want.Len()
	s.mu.Unlock()
	s.Flush()
	var got strings.Builder
	for _, m := range p.msgs {
		if len(m.text) > flushSize {
			t.Errorf("message of %d bytes > %d", len(m.text), flushSize)
		}
		if !strings.HasSuffix(string(m.text), "\n") {
			t.Errorf("message does not end at a line break: ...%q", m.text[len(m.text)-10:])
		}
		got.Write(m.text)
	}
	if got.String() != want.String() {
		t.Error("output changed by splitting")
	}
	if n := chunkLen([]byte(strings.Repeat("é", 100)), 51); n != 50 {
		t.Errorf("chunkLen without newline = %d, want 50 (a rune boundary)", n)
	}
}
