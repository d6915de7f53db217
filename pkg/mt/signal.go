package mt

// signal is a broadcast: waiters take the current channel under mu and block
// on it; broadcast closes it and starts a new one. It is the building block
// of every mt wait that needs timeouts and cancellation (sync.Cond has
// neither).
type signal struct {
	ch chan struct{}
}

// wait returns the channel the next broadcast closes. Call with the owner's
// mutex held.
func (s *signal) wait() <-chan struct{} {
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

// broadcast wakes every waiter. Call with the owner's mutex held.
func (s *signal) broadcast() {
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}
