package ctxforms

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const sample = `package sample

import (
	"context"
	"time"
)

type Q struct{}

func (q *Q) Get() any                                 { v, _ := q.GetCtx(context.Background()); return v }
func (q *Q) GetCtx(ctx context.Context) (any, error) { return nil, ctx.Err() }
func (q *Q) GetTimeout(d time.Duration) any          { return nil }
func (q *Q) Put(v any)                                {}
func (q *Q) Join()                                    {}
func (q *Q) JoinCtx(d time.Duration)                  {}
func (q Q) Lock()                                     {}
func (q *Q) AcquireCtx(ctx context.Context) error     { return nil }

type q2 struct{}

func (q2) Put() {}

func Drain()                     { _ = context.Background() }
func Peek()                      {}
func Wait()                      {}
func WaitCtx(ctx context.Context) {}
func Sleep()                     {}
`

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sample.go"), []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Check(dir, Rules{
		Blocking: []string{"Get", "Put", "Join", "Lock", "Wait", "Sleep"},
		Variants: []string{"Timeout"},
		RootCtx:  []string{"context.Background"},
		Alias:    map[string]string{"Q.Lock": "AcquireCtx", "Q.Peek": "PeekCtx"},
		Exempt:   map[string]string{"Wait": "has WaitCtx", "Sleep": "a test of exemptions"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Q.Put blocks but has no context form Q.PutCtx",
		"Q.JoinCtx, the context form of Q.Join, does not take a context.Context first",
		"Drain makes a root context but has no context form DrainCtx",
		"Wait is exempt but has the context form WaitCtx",
		"rule for Q.Peek matches no blocking call",
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, w) }) {
			t.Errorf("missing problem %q", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
}

// fakeTB records failures instead of stopping the test.
type fakeTB struct {
	testing.TB
	failed string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = format
	panic(f)
}
func (f *fakeTB) Fatal(args ...any) { f.Fatalf("%v", args...) }

func TestEndsOnCancel(t *testing.T) {
	errWrong := errors.New("wrong")
	tests := []struct {
		name   string
		wait   func(ctx context.Context) error
		failed string // the start of the failure message; "" for none
	}{
		{"ends on cancel", func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }, ""},
		{"returns at once", func(ctx context.Context) error { return context.Canceled }, "returned %v before"},
		{"wrong error", func(ctx context.Context) error { <-ctx.Done(); return errWrong }, "returned %v after"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTB{TB: t}
			func() {
				defer func() {
					if r := recover(); r != nil && r != f {
						panic(r)
					}
				}()
				EndsOnCancel(f, tc.wait, context.Canceled)
			}()
			if !strings.HasPrefix(f.failed, tc.failed) || (tc.failed == "") != (f.failed == "") {
				t.Errorf("failure %q, want %q", f.failed, tc.failed)
			}
		})
	}
}
