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
		p.wait(100) // 10,000 bytes at 1,000 B/s with a 250-byte burst
		total += 100
	}
	elapsed := c.t.Sub(start).Seconds()
	if elapsed < 9.65 || elapsed > 9.85 {
		t.Errorf("10,000 bytes took %.2f s of pacing, want 9.75 s (a 250-byte burst, then 9,750 bytes at 1,000 B/s)", elapsed)
	}
	// After a quiet second the burst is available again, and no more.
	c.advance(time.Second)
	before := c.t
	p.wait(250)
	if c.t != before {
		t.Errorf("a full burst after idling waited %v", c.t.Sub(before))
	}
	p.wait(100)
	if got := c.t.Sub(before); got != 100*time.Millisecond {
		t.Errorf("100 bytes beyond the burst waited %v, want 100ms", got)
	}
}

func TestNilPacerDoesNotWait(t *testing.T) {
	var p *pacer = newPacer(0)
	p.wait(1 << 30) // must return at once without a clock
}
