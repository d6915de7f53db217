package engine

import (
	"os"
	"testing"
)

// TestIsClosed: the descriptor check tells an open file from a closed one,
// for a pipe (the worker's stdout) and a regular file.
func TestIsClosed(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*os.File{w, f} {
		if isClosed(f) {
			t.Errorf("%s: open file reported closed", f.Name())
		}
		f.Close()
		if !isClosed(f) {
			t.Errorf("%s: closed file reported open", f.Name())
		}
	}
}
