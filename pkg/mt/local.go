package mt

import "sync"

// Local is Python's threading.local: values stored per mt thread. Set and
// Get act on the calling thread's own slot (CurrentThread(); every goroutine
// mt did not start shares MainThread's slot). A thread's values are dropped
// when the thread ends. Safe for concurrent use.
type Local struct {
	mu   sync.Mutex
	vals map[*Thread]map[string]any
}

// NewLocal returns an empty thread-local store.
func NewLocal() *Local { return &Local{vals: map[*Thread]map[string]any{}} }

// Set stores v under key for the calling thread.
func (l *Local) Set(key string, v any) {
	t := CurrentThread()
	l.mu.Lock()
	defer l.mu.Unlock()
	m := l.vals[t]
	if m == nil {
		m = map[string]any{}
		l.vals[t] = m
		if !t.isMain {
			go l.forget(t)
		}
	}
	m[key] = v
}

// Get returns the calling thread's value for key, or nil.
func (l *Local) Get(key string) any {
	v, _ := l.Lookup(key)
	return v
}

// Lookup returns the calling thread's value for key and whether it is set
// (Python raises AttributeError when it is not).
func (l *Local) Lookup(key string) (any, bool) {
	t := CurrentThread()
	l.mu.Lock()
	defer l.mu.Unlock()
	v, ok := l.vals[t][key]
	return v, ok
}

// Delete removes key from the calling thread's values.
func (l *Local) Delete(key string) {
	t := CurrentThread()
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.vals[t], key)
}

func (l *Local) forget(t *Thread) {
	<-t.done
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.vals, t)
}
