package goid

import (
	"testing"
)

func TestIdentity(t *testing.T) {
	t.Parallel()
	id, key := ID(), Key()
	if id <= 0 || key == 0 {
		t.Fatalf("ID %d, Key %d", id, key)
	}
	if ID() != id || Key() != key {
		t.Fatal("not stable within a goroutine")
	}
	type pair struct{ id, key int64 }
	other := make(chan pair)
	go func() { other <- pair{ID(), Key()} }()
	if o := <-other; o.id == id || o.key == key {
		t.Fatalf("another goroutine has the same identity: %v", o)
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int64{
		"goroutine 123 [running]:\nmain.main()": 123,
		"goroutine 7 [":                         7,
		"":                                      0,
		"garbage":                               0,
	} {
		if got := Parse([]byte(in)); got != want {
			t.Errorf("Parse(%q) = %d; want %d", in, got, want)
		}
	}
}
