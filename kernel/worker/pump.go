package worker

import (
	"io"
	"os"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
)

// pump copies one output pipe of the worker to w, taking out markers: it
// reports the ids of sync markers on seen, and calls show with the number
// of each display marker (after writing the text before it). It returns
// at EOF (the worker exited).
func pump(r *os.File, w io.Writer, seen chan<- int, show func(n int)) {
	defer close(seen)
	buf := make([]byte, 64<<10)
	var hold []byte
	for {
		n, err := r.Read(buf)
		if n > 0 {
			p := buf[:n]
			if len(hold) > 0 {
				p = append(hold, p...)
				hold = nil
			}
			for len(p) > 0 {
				text, mk, rest, h := protocol.SplitMarker(p)
				if len(text) > 0 {
					w.Write(text)
				}
				switch {
				case mk.ID >= 0 && mk.Display:
					show(mk.ID)
				case mk.ID >= 0:
					select {
					case seen <- mk.ID:
					default: // nobody waits for this one; drop it
					}
				}
				if h != nil {
					hold = append([]byte(nil), h...)
				}
				p = rest
			}
		}
		if err != nil {
			if len(hold) > 0 {
				w.Write(hold)
			}
			r.Close()
			return
		}
	}
}

// crashLog keeps the first bytes the Go runtime writes to the worker's fd 2
// (a fatal error's message and stacks), for naming the cause of death.
type crashLog struct {
	buf  []byte
	done chan struct{}
}

const crashLogMax = 64 << 10

func newCrashLog(r *os.File) *crashLog {
	c := &crashLog{done: make(chan struct{})}
	go func() {
		defer close(c.done)
		defer r.Close()
		b := make([]byte, 8<<10)
		for {
			n, err := r.Read(b)
			if len(c.buf) < crashLogMax {
				c.buf = append(c.buf, b[:min(n, crashLogMax-len(c.buf))]...)
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

// text waits until the pipe is closed and returns what was captured.
func (c *crashLog) text() string {
	<-c.done
	return string(c.buf)
}
