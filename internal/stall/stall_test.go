package stall

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

var errSlow = errors.New("slow")

// A watch that is never touched cancels its context with the cause.
func TestFires(t *testing.T) {
	w := New(context.Background(), time.Millisecond, errSlow)
	defer w.Stop()
	<-w.Context().Done()
	if w.Err(errSlow) != errSlow || context.Cause(w.Context()) != errSlow {
		t.Fatalf("cause %v", context.Cause(w.Context()))
	}
}

// A parent's cancellation is not a timeout; Stop is not one either.
func TestParentAndStop(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	w := New(parent, time.Hour, errSlow)
	cancel()
	<-w.Context().Done()
	if w.Err(errSlow) != nil {
		t.Fatal("parent cancellation counted as a timeout")
	}
	w.Stop()
	w2 := New(context.Background(), 0, errSlow) // no timeout
	if _, err := io.ReadAll(w2.Reader(strings.NewReader("abc"))); err != nil || w2.Context().Err() != nil {
		t.Fatal(err, w2.Context().Err())
	}
	w2.Stop()
	if w2.Err(errSlow) != nil {
		t.Fatal("Stop counted as a timeout")
	}
}
