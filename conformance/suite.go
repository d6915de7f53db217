package conformance

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// Runner runs one program.
type Runner interface {
	Run(ctx context.Context, p Program) Result
}

// RunAll runs ps with r, j at a time, and returns their results in the
// order of ps. progress, if set, is called after each program (from the
// goroutine that ran it, serialised).
func RunAll(ctx context.Context, r Runner, ps []Program, j int, progress func(i int, p Program, res Result)) []Result {
	res := make([]Result, len(ps))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range max(j, 1) {
		wg.Go(func() {
			for i := range next {
				start := time.Now()
				res[i] = r.Run(ctx, ps[i])
				res[i].Elapsed = time.Since(start)
				if progress != nil {
					mu.Lock()
					progress(i, ps[i], res[i])
					mu.Unlock()
				}
			}
		})
	}
	for i := range ps {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return res
}

// Row is one program's line in a results file.
type Row struct {
	Path       string
	Kernel     Result
	Yaegi      *Result // nil when plain yaegi was not run
	KernelOnly bool    // yaegi passes, the kernel fails
}

func status(r Result) string {
	if r.Pass {
		return "pass"
	}
	return "fail"
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ").Replace(s)
}

// WriteResults writes one tab-separated line per row: path, kernel status,
// kernel cause, yaegi status, yaegi cause, kernel seconds, kernel detail.
func WriteResults(w io.Writer, rows []Row) {
	fmt.Fprintln(w, "# path\tkernel\tkernel_cause\tyaegi\tyaegi_cause\tkernel_seconds\tkernel_detail")
	for _, r := range rows {
		ys, yc := "-", ""
		if r.Yaegi != nil {
			ys, yc = status(*r.Yaegi), r.Yaegi.Cause
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%.1f\t%s\n", r.Path, status(r.Kernel), clean(r.Kernel.Cause), ys, clean(yc),
			r.Kernel.Elapsed.Seconds(), clean(r.Kernel.Detail))
	}
}

// WriteSummary writes markdown tables: passes by directory, kernel
// failures by cause (with how many of them plain yaegi passes), and the
// kernel-only failures.
func WriteSummary(w io.Writer, rows []Row) {
	type count struct{ n, kpass, ypass, konly int }
	dirs := map[string]*count{}
	causes := map[string]*count{}
	var tot count
	haveY := false
	for _, r := range rows {
		d := Program{Path: r.Path}.Dir()
		if strings.HasPrefix(d, "typeparam/") {
			d = "typeparam"
		}
		if dirs[d] == nil {
			dirs[d] = &count{}
		}
		for _, c := range []*count{dirs[d], &tot} {
			c.n++
			if r.Kernel.Pass {
				c.kpass++
			}
			if r.Yaegi != nil && r.Yaegi.Pass {
				c.ypass++
			}
			if r.KernelOnly {
				c.konly++
			}
		}
		haveY = haveY || r.Yaegi != nil
		if !r.Kernel.Pass {
			c := causes[r.Kernel.Cause]
			if c == nil {
				c = &count{}
				causes[r.Kernel.Cause] = c
			}
			c.n++
			if r.KernelOnly {
				c.konly++
			}
		}
	}
	fmt.Fprintf(w, "Programs: %d; gokernel passes %d", tot.n, tot.kpass)
	if haveY {
		fmt.Fprintf(w, ", plain yaegi passes %d; kernel-only failures (yaegi passes, gokernel fails): %d", tot.ypass, tot.konly)
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintln(w, "\n| directory | programs | gokernel | plain yaegi | kernel-only failures |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	var names []string
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		c := dirs[d]
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d |\n", d, c.n, c.kpass, c.ypass, c.konly)
	}
	fmt.Fprintf(w, "| **all** | %d | %d | %d | %d |\n", tot.n, tot.kpass, tot.ypass, tot.konly)
	fmt.Fprintln(w, "\n| gokernel failure cause | programs | of which kernel-only |")
	fmt.Fprintln(w, "|---|---:|---:|")
	names = names[:0]
	for c := range causes {
		names = append(names, c)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := causes[names[i]], causes[names[j]]
		if a.n != b.n {
			return a.n > b.n
		}
		return names[i] < names[j]
	})
	for _, c := range names {
		fmt.Fprintf(w, "| %s | %d | %d |\n", strings.ReplaceAll(clean(c), "|", "\\|"), causes[c].n, causes[c].konly)
	}
	if haveY {
		fmt.Fprintln(w, "\nKernel-only failures:")
		fmt.Fprintln(w)
		for _, r := range rows {
			if r.KernelOnly {
				fmt.Fprintf(w, "- %s: %s\n", r.Path, strings.ReplaceAll(clean(r.Kernel.Detail), "|", "\\|"))
			}
		}
	}
}

// ReadYaegi reads the yaegi columns of a results file written by
// WriteResults: path -> that program's plain-yaegi result (status and
// cause only).
func ReadYaegi(r io.Reader) (map[string]Result, error) {
	out := map[string]Result{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 5 || f[3] == "-" {
			continue
		}
		out[f[0]] = Result{Pass: f[3] == "pass", Cause: f[4]}
	}
	return out, sc.Err()
}
