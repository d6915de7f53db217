package kernel

import (
	"sync"
	"time"
)

// pacer limits the bytes of stream messages published per second, so that a
// Jupyter server between the kernel and the browser never drops output for
// exceeding its IOPub data rate limit (jupyter_server's default is 1 MB/s
// averaged over 3 s, counting every frame of each message). It allows a
// burst of a quarter second's worth: a kernel starved of CPU for a while
// then sends no more than that at once, which the server, itself perhaps
// delayed, must fit into its window. Waiting here blocks the publisher, which in turn
// blocks whoever writes the output: nothing is dropped, the cell just
// prints more slowly. A nil pacer does not limit.
type pacer struct {
	mu     sync.Mutex
	rate   float64 // bytes per second
	burst  float64 // bytes that may go out at once
	tokens float64
	last   time.Time
	sleep  func(time.Duration)
	now    func() time.Time
}

func newPacer(bytesPerSecond int) *pacer {
	if bytesPerSecond <= 0 {
		return nil
	}
	r := float64(bytesPerSecond)
	return &pacer{rate: r, burst: r / 4, tokens: r / 4, sleep: time.Sleep, now: time.Now}
}

// wait blocks until n more bytes may be published.
func (p *pacer) wait(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if !p.last.IsZero() {
		p.tokens = min(p.burst, p.tokens+now.Sub(p.last).Seconds()*p.rate)
	}
	p.last = now
	p.tokens -= float64(n)
	if p.tokens < 0 {
		d := time.Duration(-p.tokens / p.rate * float64(time.Second))
		p.sleep(d)
		p.last = p.last.Add(d)
		p.tokens = 0
	}
}
