// Package hostslot holds the one Host a library package lets the program
// embedding it install (pkg/coro, pkg/mt, pkg/display: SetHost).
package hostslot

import "sync/atomic"

// Slot holds an installed value of interface type H. Its zero value holds
// none. It is safe for concurrent use.
type Slot[H any] struct{ p atomic.Pointer[H] }

// Set installs h; a nil h removes what was installed.
func (s *Slot[H]) Set(h H) {
	if any(h) == nil {
		s.p.Store(nil)
		return
	}
	s.p.Store(&h)
}

// Get returns the installed value, or def if none is.
func (s *Slot[H]) Get(def H) H {
	if p := s.p.Load(); p != nil {
		return *p
	}
	return def
}

// Installed reports whether a value is installed.
func (s *Slot[H]) Installed() bool { return s.p.Load() != nil }
