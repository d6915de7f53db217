package mt

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A cap on live children: starts beyond it fail with an OSError until a
// child has been reaped; pools count each worker.
func TestMaxChildren(t *testing.T) {
	SetMaxChildren(2)
	t.Cleanup(func() { SetMaxChildren(0) })
	base := LiveChildren()
	var ps []*Process
	t.Cleanup(func() {
		for _, p := range ps {
			_ = p.Kill()
			p.Join()
		}
	})
	for range 2 {
		p := NewProcess(procSleep, time.Hour)
		if err := p.Start(); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if got := LiveChildren() - base; got != 2 {
		t.Fatalf("LiveChildren = %d, want 2", got)
	}
	extra := NewProcess(procSleep, time.Hour)
	err := extra.Start()
	var e *Error
	if !errors.As(err, &e) || e.Type != "OSError" || !strings.Contains(e.Msg, "the limit is 2") {
		t.Fatalf("third Start: %v, want OSError naming the limit", err)
	}
	if _, err := NewPool(1); err == nil {
		t.Fatal("NewPool(1) at the cap succeeded")
	}
	if got := LiveChildren() - base; got != 2 {
		t.Fatalf("LiveChildren after refused starts = %d, want 2", got)
	}
	// Once one child is reaped, its slot is free again.
	_ = ps[0].Kill()
	ps[0].Join()
	if err := extra.Start(); err != nil {
		t.Fatalf("Start after a child was reaped: %v", err)
	}
	ps = append(ps, extra)
}
