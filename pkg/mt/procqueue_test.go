package mt

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func init() { Register(procWriter, procReader) }

func procWriter(q *ProcessQueue, vals []int) error {
	for _, v := range vals {
		if err := q.Put(v); err != nil {
			return err
		}
	}
	return nil
}

func procReader(q *ProcessQueue, n int) (int, error) {
	for range n {
		v, err := q.GetTimeout(10 * time.Second)
		if err != nil {
			return 0, err
		}
		fmt.Printf("reader %d got %v\n", os.Getpid(), v)
	}
	return os.Getpid(), nil
}

func TestProcessQueueMethods(t *testing.T) {
	q := NewProcessQueue(3)
	defer q.Close()
	for i := 1; i <= 3; i++ {
		if err := q.Put(i); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		got  func() any
		want string
	}{
		{"full", func() any { return q.Full() }, "true"},
		{"qsize", func() any { return q.Qsize() }, "3"},
		{"put nowait", func() any { return q.PutNowait(4) }, "queue.Full"},
		{"put timeout", func() any { return q.PutTimeout(4, time.Millisecond) }, "queue.Full"},
		{"gets", func() any {
			var vs []any
			for range 3 {
				v, _ := q.Get()
				vs = append(vs, v)
			}
			return vs
		}, "[1 2 3]"},
		{"empty", func() any { return q.Empty() }, "true"},
		{"get nowait", func() any { _, err := q.GetNowait(); return err }, "queue.Empty"},
		{"get opts timeout", func() any { _, err := q.GetOpts(true, 5*time.Millisecond); return err }, "queue.Empty"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if got := fmt.Sprint(s.got()); got != s.want {
				t.Errorf("got %s, want %s", got, s.want)
			}
		})
	}
}

func TestProcessQueueBetweenProcesses(t *testing.T) {
	stdout, _ := captureOutput(t)
	q := NewProcessQueue(2) // bounded: the writer blocks until the reader takes
	defer q.Close()
	w := NewProcess(procWriter, q, []int{10, 11, 12, 15})
	r := NewProcess(procReader, q, 4)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	if err := r.Start(); err != nil {
		t.Fatal(err)
	}
	w.Join()
	r.Join()
	for _, p := range []*Process{w, r} {
		if code, _ := p.ExitCode(); code != 0 {
			t.Errorf("%s exit code %d", p.Name(), code)
		}
	}
	var want strings.Builder
	for _, v := range []int{10, 11, 12, 15} {
		fmt.Fprintf(&want, "reader %d got %d\n", r.Pid(), v)
	}
	if stdout.String() != want.String() {
		t.Errorf("reader printed %q, want %q", stdout.String(), want.String())
	}
	if !q.Empty() {
		t.Errorf("queue left with %d items", q.Qsize())
	}
}

func TestProcessQueueInPool(t *testing.T) {
	p, err := NewPool(2)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { p.Close(); _ = p.Join() }()
	plain := NewProcessQueue(0)
	defer plain.Close()
	_, err = p.Apply(procWriter, plain, []int{1})
	if err == nil || err.Error() != "RuntimeError: Queue objects should only be shared between processes through inheritance." {
		t.Errorf("plain queue in pool: %v", err)
	}
	m, _ := NewManager()
	defer m.Shutdown()
	q := m.Queue()
	w := p.ApplyAsync(procWriter, q, []int{7, 8, 9})
	if _, err := w.Get(); err != nil {
		t.Fatal(err)
	}
	var got []any
	for range 3 {
		v, err := q.GetTimeout(10 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if fmt.Sprint(got) != "[7 8 9]" {
		t.Errorf("got %v", got)
	}
	q.Close()
	if _, err := p.Apply(procReader, q, 1); err == nil || errors.Is(err, Empty) {
		t.Errorf("reading a closed queue from a child: %v", err)
	}
}
