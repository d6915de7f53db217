package history

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkAdd is the cost a stored cell adds to execute_request: lock,
// one appended line, unlock.
func BenchmarkAdd(b *testing.B) {
	s, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	src := "for i := range 10 {\n\tfmt.Println(i)\n}"
	b.ResetTimer()
	for i := range b.N {
		if err := s.Add(i+1, src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTailFull is jupyter console's start-up request (tail 1000) on a
// file at its bound.
func BenchmarkTailFull(b *testing.B) {
	s, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	src := strings.Repeat("x", 60)
	for i := 0; i < DefaultMaxBytes/100; i++ {
		s.Add(i+1, fmt.Sprintf("%s %d", src, i))
	}
	b.ResetTimer()
	for range b.N {
		if es, err := s.Tail(1000); err != nil || len(es) != 1000 {
			b.Fatal(err, len(es))
		}
	}
}
