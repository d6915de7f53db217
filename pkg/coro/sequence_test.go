package coro

import (
	"errors"
	"strings"
	"testing"
)

// tens is a legacy sequence: 10*i for i < n, then the error end; index
// failAt raises ValueError the first time it is asked for. It records the
// indexes asked for.
type tens struct {
	n      int
	end    error
	failAt int
	failed bool
	calls  []int
}

func (s *tens) GetItem(i int) (any, error) {
	s.calls = append(s.calls, i)
	if i == s.failAt && !s.failed {
		s.failed = true
		return nil, Raise("ValueError", "flaky")
	}
	if i >= s.n {
		return nil, s.end
	}
	return 10 * i, nil
}

// both has __iter__ and __getitem__: iter() uses __iter__.
type both struct{ tens }

func (b *both) Iter() Iterator { return MustIter([]any{"via Iter"}) }

func TestIterSeq(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		seq   *tens
		want  string // the values, then the error that ended them
		calls []int  // the indexes GetItem was asked for
	}{
		{"IndexError ends", &tens{n: 3, end: Raise("IndexError", "list index out of range"), failAt: -1},
			"0 10 20 StopIteration", []int{0, 1, 2, 3}},
		{"the sentinel ends", &tens{n: 1, end: IndexError, failAt: -1}, "0 StopIteration", []int{0, 1}},
		{"StopIteration ends", &tens{n: 2, end: StopIteration, failAt: -1}, "0 10 StopIteration", []int{0, 1, 2}},
		{"empty", &tens{n: 0, end: IndexError, failAt: -1}, "StopIteration", []int{0}},
		{"other errors pass through, the index is asked again", &tens{n: 3, end: IndexError, failAt: 1},
			"0 ValueError: flaky 10 20 StopIteration", []int{0, 1, 1, 2, 3}},
		{"a KeyError is not the end", &tens{n: 1, end: KeyError, failAt: -1}, "0 KeyError", []int{0, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := IterSeq(c.seq)
			var got []string
			for len(got) < 10 { // past an error other than the end, Next goes on, as in Python
				v, err := it.Next()
				if err != nil {
					got = append(got, err.Error())
					if !errors.Is(err, ValueError) {
						break
					}
					continue
				}
				got = append(got, Repr(v))
			}
			if strings.Join(got, " ") != c.want {
				t.Fatalf("got %q, want %q", strings.Join(got, " "), c.want)
			}
			if Repr(c.seq.calls) != Repr(c.calls) {
				t.Fatalf("GetItem asked for %v, want %v", c.seq.calls, c.calls)
			}
			if _, err := it.Next(); isStop(err) && len(c.seq.calls) != len(c.calls) {
				t.Fatalf("an exhausted iterator asked for more: %v", c.seq.calls)
			}
		})
	}
}

func TestSequenceThroughIter(t *testing.T) {
	t.Parallel()
	seq := &tens{n: 3, end: IndexError, failAt: -1}
	if l, err := List(seq); err != nil || l.String() != "[0, 10, 20]" {
		t.Fatalf("List = %v, %v", l, err)
	}
	it, err := Iter(&tens{n: 1, end: IndexError, failAt: -1})
	if err != nil || TypeName(it) != "iterator" || it.(Iterable).Iter() != it {
		t.Fatalf("Iter = %v (%s), %v", it, TypeName(it), err)
	}
	if l := MustList(&both{}); l.String() != "['via Iter']" {
		t.Fatalf("a type with Iter and GetItem: %v", l)
	}
	if IsIterable(seq) { // isinstance(x, collections.abc.Iterable) is False
		t.Fatal("IsIterable of a legacy sequence")
	}
	if _, err := IterSeq(nil).Next(); err == nil || err.Error() != "TypeError: 'NoneType' object is not iterable" {
		t.Fatalf("IterSeq(nil).Next() = %v", err)
	}
}
