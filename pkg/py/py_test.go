package py_test

import (
	"errors"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/gokernel/gokernel/pkg/coro"
	"github.com/gokernel/gokernel/pkg/mt"
	"github.com/gokernel/gokernel/pkg/py"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestSharedAcrossPackages: an exception of one package matches the other's
// sentinel of its type, and mt runs a function named by coro.Named.
func TestSharedAcrossPackages(t *testing.T) {
	t.Parallel()
	coroErr := coro.Raise("ValueError", "bad")
	if !errors.Is(coroErr, mt.ValueError) || !errors.Is(mt.ValueError, coro.ValueError) {
		t.Error("errors.Is fails across coro and mt")
	}
	if errors.Is(coroErr, mt.TypeError) || errors.Is(coroErr, &py.Exception{Type: "ValueError", Msg: "other"}) {
		t.Error("errors.Is matches another type or message")
	}
	ran := false
	th := mt.NewThread(coro.Named("worker", func() { ran = true }))
	if err := th.Start(); err != nil {
		t.Fatal(err)
	}
	th.Join()
	if !ran || !strings.HasSuffix(th.Name(), " (worker)") {
		t.Errorf("ran %v, thread name %q", ran, th.Name())
	}
}

func TestExceptionText(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		e    *py.Exception
		want string
	}{
		{&py.Exception{Type: "queue.Empty"}, "queue.Empty"},
		{py.Errorf("RuntimeError", "release unlocked %s", "lock"), "RuntimeError: release unlocked lock"},
		{&py.Exception{Type: "StopIteration", Value: 5}, "StopIteration: 5"},
	} {
		if got := c.e.Error(); got != c.want || c.e.ExceptionName() != c.e.Type {
			t.Errorf("Error() = %q; want %q", got, c.want)
		}
	}
}
