package mt

import "sync"

// childSlots counts the child processes this process runs (Process and the
// workers of a process Pool) against the cap set with SetMaxChildren.
var childSlots struct {
	sync.Mutex
	max, live int
}

// SetMaxChildren caps how many child processes this process may run at
// once: Process.Start, NewPool and a pool replacing a dead worker fail with
// an OSError while n children are alive. n <= 0 removes the cap (the
// default for compiled programs; the kernel sets GOKERNEL_MAX_CHILDREN).
// A child counts from its start until it has been reaped. The cap is per
// process: a child that starts children of its own counts them against its
// own cap.
func SetMaxChildren(n int) {
	childSlots.Lock()
	childSlots.max = max(n, 0)
	childSlots.Unlock()
}

// LiveChildren returns how many child processes of this process have
// started and not yet been reaped.
func LiveChildren() int {
	childSlots.Lock()
	defer childSlots.Unlock()
	return childSlots.live
}

// takeChildSlot reserves a slot for one more child, or fails when the cap
// is reached. The returned release frees it; calling it again does nothing.
func takeChildSlot() (release func(), err error) {
	childSlots.Lock()
	defer childSlots.Unlock()
	if childSlots.max > 0 && childSlots.live >= childSlots.max {
		return nil, newError("OSError", "cannot start another child process: %d are running and the limit is %d "+
			"(the kernel's GOKERNEL_MAX_CHILDREN); join or terminate some first", childSlots.live, childSlots.max)
	}
	childSlots.live++
	var once sync.Once
	return func() {
		once.Do(func() {
			childSlots.Lock()
			childSlots.live--
			childSlots.Unlock()
		})
	}, nil
}
