package worker

import (
	"testing"
)

// The display queue hands out messages by number, waits for one not there
// yet, and gives nil once the connection is closed.
func TestDisplaysQueue(t *testing.T) {
	q := newDisplays()
	q.put(2, &displayMsg{Type: "display_data"})
	got := make(chan *displayMsg)
	go func() { got <- q.take(1) }()
	q.put(1, &displayMsg{Type: "clear_output"})
	if d := <-got; d == nil || d.Type != "clear_output" {
		t.Fatalf("take(1) = %+v", d)
	}
	if d := q.take(2); d == nil || d.Type != "display_data" {
		t.Fatalf("take(2) = %+v", d)
	}
	go func() { got <- q.take(3) }()
	q.close()
	if d := <-got; d != nil {
		t.Fatalf("take after close = %+v", d)
	}
}
