package kernel

import (
	"testing"
	"time"
)

// fakeClock advances only when the pacer sleeps, so the test measures what
// the pacer asks for, not how long the machine takes.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) sleep(d time.Duration)   { c.t = c.t.Add(d) }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestPacerKeepsAverageRate(t *testing.T) {
	c := &fakeClock{t: time.Unix(0, 0)}
	p := newPacer(1000)
	p.now, p.sleep = c.now, c.sleep
	start := c.t
	total := 0
	for range 100 {
		p.wait(100) // 10,000 bytes at 1,000 B/s with a 1,000-byte burst
		total += 100
	}
	elapsed := c.t.Sub(start).Seconds()
	if elapsed < 8.9 || elapsed > 9.1 {
		t.Errorf("10,000 bytes took %.2f s of pacing, want 9 s (1 s burst + 9 s at 1,000 B/s)", elapsed)
	}
	// After a quiet second the burst is available again.
	c.advance(time.Second)
	before := c.t
	p.wait(1000)
	if c.t != before {
		t.Errorf("a full burst after idling waited %v", c.t.Sub(before))
	}
}

func TestNilPacerDoesNotWait(t *testing.T) {
	var p *pacer = newPacer(0)
	p.wait(1 << 30) // must return at once without a clock
}
