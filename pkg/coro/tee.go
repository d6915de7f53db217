package coro

import (
	"sync"
	"sync/atomic"
)

// Tee is tee(x, n=2): n independent iterators over the values of x, which
// is read once; values are buffered until every iterator has passed them.
//
// Like CPython's, the iterators are not safe for concurrent use: a Next
// that finds another Next of the same tee group reading the source (from
// another goroutine) fails with "RuntimeError: cannot re-enter the tee
// iterator" instead of corrupting the buffer. Use TeeSafe to share them
// between goroutines.
func Tee(x any, n ...int) ([]*TeeIterator, error) {
	k := 2
	if len(n) > 0 {
		k = n[0]
	}
	if k < 0 {
		return nil, raisef(ValueError, "n must be >= 0")
	}
	it, err := Iter(x)
	if err != nil {
		return nil, err
	}
	src := &teeSource{it: it, pos: make([]int, k)}
	out := make([]*TeeIterator, k)
	for i := range out {
		out[i] = &TeeIterator{src: src, id: i}
	}
	return out, nil
}

// TeeSafe is Tee whose iterators may be used from several goroutines at
// once: each Next holds a lock shared by the group (the itertools
// documentation's threading tee).
func TeeSafe(x any, n int) ([]*TeeIterator, error) {
	ts, err := Tee(x, n)
	if err == nil && len(ts) > 0 {
		ts[0].src.mu = &sync.Mutex{}
	}
	return ts, err
}

// TeeIterator is one iterator of a Tee group.
type TeeIterator struct {
	src *teeSource
	id  int
}

// teeSource is the shared state of a tee group: the source, the buffered
// values not yet read by every iterator, and each iterator's position.
type teeSource struct {
	mu      *sync.Mutex // TeeSafe only
	running atomic.Bool
	it      Iterator
	buf     []any // values from index base on
	base    int
	pos     []int
	err     error // the source's final error
}

// Next returns the iterator's next value.
func (t *TeeIterator) Next() (any, error) {
	s := t.src
	if s.mu != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	if !s.running.CompareAndSwap(false, true) {
		return nil, raisef(RuntimeError, "cannot re-enter the tee iterator")
	}
	defer s.running.Store(false)
	p := s.pos[t.id]
	if p-s.base >= len(s.buf) {
		if s.err != nil {
			return nil, s.err
		}
		v, err := s.it.Next()
		if err != nil {
			s.err = err
			return nil, err
		}
		s.buf = append(s.buf, v)
	}
	v := s.buf[p-s.base]
	s.pos[t.id] = p + 1
	// Drop the values every iterator has read.
	low := s.pos[0]
	for _, q := range s.pos {
		low = min(low, q)
	}
	if drop := low - s.base; drop > 0 {
		s.buf = s.buf[drop:]
		s.base = low
	}
	return v, nil
}

// Iter returns t itself.
func (t *TeeIterator) Iter() Iterator { return t }

// Copy is Python's copy.copy(t) (t.__copy__()): a new iterator of t's tee
// group that starts where t is now and then moves on its own; the
// itertools recipe tee_lookahead peeks ahead with it. Like Next, it must
// not run at the same time as another Next of the group (unless the group
// came from TeeSafe).
func (t *TeeIterator) Copy() *TeeIterator {
	s := t.src
	if s.mu != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	s.pos = append(s.pos, s.pos[t.id])
	return &TeeIterator{src: s, id: len(s.pos) - 1}
}
