package serve

import (
	"os"
	"sync"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
	"github.com/gokernel/gokernel/pkg/display"
)

// A display message travels in two parts so that it keeps its place among
// the cell's output (kernel/worker's display.go has the supervisor's half):
// the message goes on the connection, then a display marker with its number
// goes into stdout.

// displayHost is pkg/display's Host in the worker.
type displayHost struct {
	w  *server
	mu sync.Mutex // numbers messages in the order of their markers
	n  int
}

// Publish sends m to the supervisor and marks its place in stdout.
// Displays made while declarations are replayed are dropped, as their
// output is.
func (h *displayHost) Publish(m display.Message) error {
	if h.w.replaying.Load() {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.n++
	d := &protocol.Display{Type: m.Kind, Data: m.Data, Metadata: m.Metadata, DisplayID: m.DisplayID, Wait: m.Wait}
	if err := h.w.send(protocol.Reply{Op: protocol.OpDisplay, ID: h.n, Display: d}); err != nil {
		return err
	}
	_, err := os.Stdout.Write(protocol.DisplayMarker(h.n))
	return err
}
