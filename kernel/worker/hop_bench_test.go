package worker_test

import (
	"context"
	"io"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/worker"
)

// hopHost is a kernel.Host that drops output: the benchmark times the
// supervisor and its worker, not the kernel's streams.
type hopHost struct{}

func (hopHost) Stdout() io.Writer { return io.Discard }
func (hopHost) Stderr() io.Writer { return io.Discard }
func (hopHost) Flush()            {}
func (hopHost) Input(context.Context, string, bool) (string, error) {
	return "", kernel.ErrStdinNotAllowed
}
func (hopHost) Display(*kernel.Display) {}

// BenchmarkTrivialCellHop is one trivial cell through the process boundary:
// the request to the worker, the cell run by the engine (about 110 µs of it
// on the benchmark machine: see kernel/engine's BenchmarkExecSmallCell), the
// sync markers on both output pipes and the reply. The worker is this test
// binary, as in the other tests of the package.
func BenchmarkTrivialCellHop(b *testing.B) {
	sup := &worker.Supervisor{Exe: os.Args[0], Args: []string{"-test.run=^$"},
		Env: append(os.Environ(), "GOKERNEL_TEST_WORKER=1")}
	ctx := context.Background()
	if err := sup.Start(ctx, hopHost{}); err != nil {
		b.Fatal(err)
	}
	defer sup.Close()
	run := func(n int) {
		if r := sup.Execute(ctx, &kernel.Execution{Code: "_ = 1", ExecutionCount: n}); r.Err != nil {
			b.Fatalf("%s: %s", r.Err.Name, r.Err.Value)
		}
	}
	for i := range 20 {
		run(i + 1)
	}
	n := 20
	var took []time.Duration
	for b.Loop() {
		n++
		t0 := time.Now()
		run(n)
		took = append(took, time.Since(t0))
	}
	// The median resists the spikes of a shared machine better than the
	// mean that ns/op reports.
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns/op")
}
