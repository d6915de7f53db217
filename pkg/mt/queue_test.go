package mt

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func drain(q *Queue) []any {
	var out []any
	for {
		v, err := q.GetNowait()
		if err != nil {
			return out
		}
		out = append(out, v)
	}
}

func TestQueueOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		q    *Queue
		in   []any
		want string
	}{
		{"fifo", NewQueue(0), []any{1, 2, 3}, "[1 2 3]"},
		{"lifo", NewLifoQueue(0), []any{1, 2, 3}, "[3 2 1]"},
		{"priority ints", NewPriorityQueue(0), []any{5, 1, 4, 2, 3}, "[1 2 3 4 5]"},
		{"priority mixed numbers", NewPriorityQueue(0), []any{2.5, 1, 3}, "[1 2.5 3]"},
		{"priority tuples", NewPriorityQueue(0), []any{[]any{2, "b"}, []any{1, "z"}, []any{2, "a"}}, "[[1 z] [2 a] [2 b]]"},
		{"priority stable", NewPriorityQueue(0, func(a, b []any) bool { return a[0].(int) < b[0].(int) }),
			[]any{[]any{1, "first"}, []any{0, "x"}, []any{1, "second"}}, "[[0 x] [1 first] [1 second]]"},
		{"priority custom", NewPriorityQueue(0, func(a, b string) bool { return len(a) > len(b) }),
			[]any{"a", "ccc", "bb"}, "[ccc bb a]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range tc.in {
				tc.q.Put(v)
			}
			if n := tc.q.Qsize(); n != len(tc.in) {
				t.Errorf("Qsize = %d", n)
			}
			if got := fmt.Sprint(drain(tc.q)); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestPriorityQueueIncomparable(t *testing.T) {
	t.Parallel()
	q := NewPriorityQueue(0)
	q.Put(1)
	defer func() {
		r := recover()
		if err, ok := r.(error); !ok || !errors.Is(err, TypeError) || !strings.Contains(err.Error(), "'<' not supported") {
			t.Errorf("recovered %v", r)
		}
	}()
	q.Put("x")
}

func TestQueueBounded(t *testing.T) {
	t.Parallel()
	q := NewQueue(3)
	for i := 1; i <= 3; i++ {
		if err := q.PutNowait(i); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		do   func() error
		want error
	}{
		{"full", func() error {
			if !q.Full() || q.Empty() {
				return fmt.Errorf("Full=%v Empty=%v", q.Full(), q.Empty())
			}
			return nil
		}, nil},
		{"put nowait", func() error { return q.PutNowait(4) }, Full},
		{"put timeout", func() error { return q.PutTimeout(4, 5*time.Millisecond) }, Full},
		{"put opts non-blocking", func() error { return q.PutOpts(4, false, 0) }, Full},
		{"get all", func() error {
			if got := fmt.Sprint(drain(q)); got != "[1 2 3]" {
				return fmt.Errorf("drained %s", got)
			}
			return nil
		}, nil},
		{"get nowait", func() error { _, err := q.GetNowait(); return err }, Empty},
		{"get timeout", func() error { _, err := q.GetTimeout(5 * time.Millisecond); return err }, Empty},
		{"get opts", func() error { _, err := q.GetOpts(true, 5*time.Millisecond); return err }, Empty},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			err := s.do()
			if (s.want == nil && err != nil) || (s.want != nil && !errors.Is(err, s.want)) {
				t.Errorf("got %v, want %v", err, s.want)
			}
		})
	}
	if Full.Error() != "queue.Full" || Empty.Error() != "queue.Empty" {
		t.Errorf("sentinel texts %q %q", Full, Empty)
	}
}

func TestQueueBlockingHandoff(t *testing.T) {
	t.Parallel()
	q := NewQueue(1)
	const n = 100
	producer := Go(func() {
		for i := range n {
			q.Put(i)
		}
	})
	sum := 0
	for range n {
		sum += q.Get().(int)
	}
	producer.Join()
	if sum != n*(n-1)/2 {
		t.Errorf("sum = %d", sum)
	}
}

func TestQueueCtx(t *testing.T) {
	t.Parallel()
	q := NewQueue(1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := q.GetCtx(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("GetCtx = %v", err)
	}
	q.Put(1)
	if err := q.PutCtx(ctx, 2); !errors.Is(err, context.Canceled) || q.Qsize() != 1 {
		t.Errorf("PutCtx = %v, size %d", err, q.Qsize())
	}
	if err := q.JoinCtx(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("JoinCtx = %v", err)
	}
}

func TestQueueTaskDoneJoin(t *testing.T) {
	t.Parallel()
	q := NewQueue(0)
	for i := range 5 {
		q.Put(i)
	}
	done := make(chan []any, 1)
	consumer := Go(func() {
		var got []any
		for range 5 {
			got = append(got, q.Get())
			_ = q.TaskDone()
		}
		done <- got
	})
	q.Join()
	if got := <-done; len(got) != 5 {
		t.Errorf("consumer got %v", got)
	}
	consumer.Join()
	if err := q.TaskDone(); err == nil || err.Error() != "ValueError: task_done() called too many times" {
		t.Errorf("extra TaskDone = %v", err)
	}
}
