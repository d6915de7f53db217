package hostslot

import (
	"fmt"
	"testing"
)

func TestSlot(t *testing.T) {
	t.Parallel()
	var s Slot[fmt.Stringer]
	def := fmt.Stringer(nil)
	if s.Installed() || s.Get(def) != nil {
		t.Fatal("zero Slot holds a value")
	}
	var h fmt.Stringer = name("h")
	s.Set(h)
	if !s.Installed() || s.Get(def) != h {
		t.Fatalf("Get = %v after Set", s.Get(def))
	}
	s.Set(nil)
	if s.Installed() {
		t.Fatal("Set(nil) left a value")
	}
}

type name string

func (n name) String() string { return string(n) }
