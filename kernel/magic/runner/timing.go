package runner

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/magic"
)

// time is %time STATEMENT.
func (r *Runner) time(ctx context.Context, name string, m magic.Line) *engine.Outcome {
	if m.Args == "" {
		return failed(fmt.Errorf("%%time needs a statement (%%%%time times the whole cell)"))
	}
	return r.timed(ctx, name, indent(m.Args, m.LineNo, m.Col))
}

// timeCell is %%time: the body is the cell's Go code.
func (r *Runner) timeCell(ctx context.Context, name string, m magic.Line) *engine.Outcome {
	if m.Args != "" {
		return failed(fmt.Errorf("%%%%time takes no arguments: the Go code goes on the lines below it"))
	}
	body := indent(m.Body, m.LineNo+1, 1)
	if c, err := magic.Parse(body); err == nil && len(c.Magics) > 0 {
		// The body has magics of its own (`!make`, %cd): time all of it.
		return r.timedFunc(func() *engine.Outcome {
			out, st := r.Run(ctx, name, body)
			if st != nil {
				r.pending = true
			}
			return out
		})
	}
	return r.timed(ctx, name, body)
}

// timed runs code and prints its CPU and wall time, as IPython's %time.
func (r *Runner) timed(ctx context.Context, name, code string) *engine.Outcome {
	return r.timedFunc(func() *engine.Outcome { return r.Sess.Exec(ctx, name, code) })
}

// timedFunc runs f and prints its CPU and wall time.
func (r *Runner) timedFunc(f func() *engine.Outcome) *engine.Outcome {
	u0, s0 := cpuTimes()
	t0 := time.Now()
	out := f()
	wall := time.Since(t0)
	u1, s1 := cpuTimes()
	if out.Err == nil {
		user, sys := u1-u0, s1-s0
		fmt.Fprintf(r.Stdout, "CPU times: user %s, sys: %s, total: %s\nWall time: %s\n",
			FormatDuration(user), FormatDuration(sys), FormatDuration(user+sys), FormatDuration(wall))
	}
	return out
}

// timeit is %timeit [-n LOOPS] [-r RUNS] STATEMENT.
func (r *Runner) timeit(ctx context.Context, name string, m magic.Line) *engine.Outcome {
	loops, runs, stmt, err := timeitArgs(m.Args)
	if err != nil {
		return failed(err)
	}
	if loops < 0 || runs < 1 {
		return failed(fmt.Errorf("%%timeit: -n must be >= 1 and -r >= 1"))
	}
	t := timer{r: r, ctx: ctx, name: name, stmt: stmt}
	// Running no loop costs the compilation of the wrapper, which every
	// run pays: measured (best of three) and taken off each run.
	var overhead time.Duration = math.MaxInt64
	for range 3 {
		d, out := t.run(0)
		if out.Err != nil {
			return out
		}
		overhead = min(overhead, d)
	}
	n := loops
	if n == 0 {
		var out *engine.Outcome
		if n, out = t.autorange(overhead); out != nil {
			return out
		}
	}
	per := make([]float64, 0, runs)
	for range runs {
		d, out := t.run(n)
		if out.Err != nil || ctx.Err() != nil {
			return out
		}
		per = append(per, max(d-overhead, 0).Seconds()/float64(n))
	}
	mean, std := meanStd(per)
	fmt.Fprintf(r.Stdout, "%s ± %s per loop (mean ± std. dev. of %d run%s, %s loop%s each)\n",
		FormatSeconds(mean), FormatSeconds(std), runs, plural(runs), thousands(n), plural(n))
	return &engine.Outcome{}
}

// timer runs a %timeit statement.
type timer struct {
	r    *Runner
	ctx  context.Context
	name string
	stmt string
}

// run runs the statement n times in one cell and returns how long the cell
// took.
func (t *timer) run(n int) (time.Duration, *engine.Outcome) {
	code := fmt.Sprintf("func() {\n\tfor _gkTimeitLoop := 0; _gkTimeitLoop < %d; _gkTimeitLoop++ {\n%s\n\t}\n}()", n, t.stmt)
	t0 := time.Now()
	out := t.r.Sess.Exec(t.ctx, t.name, code)
	return time.Since(t0), out
}

// autorange finds a loop count (1, 2, 5, 10, 20, 50, …) for which one run
// takes at least 0.2 s, as Python's timeit.Timer.autorange.
func (t *timer) autorange(overhead time.Duration) (int, *engine.Outcome) {
	for i := 1; ; i *= 10 {
		for _, j := range []int{1, 2, 5} {
			n := i * j
			d, out := t.run(n)
			if out.Err != nil || t.ctx.Err() != nil {
				return 0, out
			}
			if d-overhead >= 200*time.Millisecond || n >= 1e9 {
				return n, nil
			}
		}
	}
}

func meanStd(xs []float64) (mean, std float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		std += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(std / float64(len(xs)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// thousands formats n with commas: 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// FormatDuration formats d as IPython formats times: three significant
// digits in s, ms, µs or ns ("1.23 ms"), or hours, minutes and seconds from
// a minute up ("1min 3s").
func FormatDuration(d time.Duration) string { return FormatSeconds(d.Seconds()) }

// FormatSeconds is FormatDuration for a number of seconds.
func FormatSeconds(s float64) string {
	if s >= 60 {
		var parts []string
		for _, u := range []struct {
			name string
			secs float64
		}{{"d", 86400}, {"h", 3600}, {"min", 60}, {"s", 1}} {
			if v := math.Floor(s / u.secs); v > 0 {
				parts = append(parts, fmt.Sprintf("%d%s", int(v), u.name))
				s -= v * u.secs
			}
		}
		return strings.Join(parts, " ")
	}
	units := []string{"s", "ms", "µs", "ns"}
	order := 3
	if s > 0 {
		// Python's -(floor(log10(s)) // 3), floor division included.
		order = min(max(-int(math.Floor(math.Floor(math.Log10(s))/3)), 0), 3)
	}
	v := s * math.Pow(1000, float64(order))
	return fmt.Sprintf("%.3g %s", v, units[order])
}

// timeitArgs splits %timeit's arguments: -n LOOPS and -r RUNS (also -n10),
// then the statement, the rest of the line as written.
func timeitArgs(args string) (loops, runs int, stmt string, err error) {
	runs = 7
	rest := strings.TrimLeft(args, " \t")
	for strings.HasPrefix(rest, "-n") || strings.HasPrefix(rest, "-r") {
		flag := rest[:2]
		rest = strings.TrimLeft(rest[2:], " \t")
		end := strings.IndexAny(rest, " \t")
		if end < 0 {
			end = len(rest)
		}
		v, perr := strconv.Atoi(rest[:end])
		if perr != nil {
			return 0, 0, "", fmt.Errorf("%%timeit %s needs a number, not %q", flag, rest[:end])
		}
		if flag == "-n" {
			loops = v
		} else {
			runs = v
		}
		rest = strings.TrimLeft(rest[end:], " \t")
	}
	return loops, runs, rest, nil
}
