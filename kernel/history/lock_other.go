//go:build !unix

package history

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// locked runs f holding the history lock, a directory that only one
// process can create (there is no flock here; readers take it too). A lock
// older than a minute is taken to be left by a killed kernel and broken.
func (s *Store) locked(_ bool, f func() error) error {
	dir := s.lock + ".d"
	for {
		err := os.Mkdir(dir, 0o700)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("history: lock: %w", err)
		}
		if fi, serr := os.Stat(dir); serr == nil && time.Since(fi.ModTime()) > time.Minute {
			os.Remove(dir)
			continue
		}
		time.Sleep(5 * time.Millisecond)
	}
	defer os.Remove(dir)
	return f()
}
