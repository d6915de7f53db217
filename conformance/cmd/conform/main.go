// Command conform runs the Go distribution's `// run` test programs
// ($GOROOT/test) through gokernel, each as one cell in a fresh worker, and
// optionally through plain yaegi, and writes a results file and a summary.
//
//	conform [-j 2] [-timeout 10s] [-yaegi] [-only FILE] [-results F] [-summary F]
//
// It is its own worker (`conform worker`) and its own plain-yaegi child
// (`conform yaegi FILE`), so it needs no other binary. See ../../run.sh.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/conformance"
	"github.com/gokernel/gokernel/kernel/worker/serve"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "worker":
			if err := serve.Serve(); err != nil {
				fmt.Fprintln(os.Stderr, "conform worker:", err)
				os.Exit(1)
			}
			os.Exit(0)
		case "yaegi":
			if len(os.Args) != 3 {
				fmt.Fprintln(os.Stderr, "usage: conform yaegi FILE")
				os.Exit(2)
			}
			os.Exit(conformance.YaegiMain(os.Args[2], os.Stdout, os.Stderr))
		}
	}
	os.Exit(run())
}

func run() int {
	j := flag.Int("j", 2, "programs run at once")
	timeout := flag.Duration("timeout", 10*time.Second, "time one program may run")
	yaegi := flag.Bool("yaegi", false, "also run each program with plain yaegi")
	yaegiFrom := flag.String("yaegi-from", "", "take the plain-yaegi results from this results file instead of running yaegi")
	only := flag.String("only", "", "file listing the programs to run (first field of each line), default all")
	results := flag.String("results", "", "write the results file here")
	summary := flag.String("summary", "", "write the markdown summary here")
	root := flag.String("root", conformance.Root(conformance.GoRoot()), "the test root")
	flag.Parse()

	ps, err := conformance.List(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "conform:", err)
		return 1
	}
	if *only != "" {
		if ps, err = filter(ps, *only); err != nil {
			fmt.Fprintln(os.Stderr, "conform:", err)
			return 1
		}
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "conform:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	k := &conformance.Kernel{Exe: exe, Args: []string{"worker"}, Timeout: *timeout}
	kres := conformance.RunAll(ctx, k, ps, *j, func(i int, p conformance.Program, r conformance.Result) {
		fmt.Fprintf(os.Stderr, "kernel %4d/%d %-50s %s\n", i+1, len(ps), p.Path, show(r))
	})
	var yres []conformance.Result
	if *yaegi {
		y := &conformance.Yaegi{Exe: exe, Args: []string{"yaegi"}, Timeout: *timeout, Root: *root}
		yres = conformance.RunAll(ctx, y, ps, *j, func(i int, p conformance.Program, r conformance.Result) {
			fmt.Fprintf(os.Stderr, "yaegi  %4d/%d %-50s %s\n", i+1, len(ps), p.Path, show(r))
		})
	}
	if *yaegiFrom != "" && yres == nil {
		f, err := os.Open(*yaegiFrom)
		if err != nil {
			fmt.Fprintln(os.Stderr, "conform:", err)
			return 1
		}
		m, err := conformance.ReadYaegi(f)
		f.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, "conform:", err)
			return 1
		}
		yres = make([]conformance.Result, len(ps))
		for i, p := range ps {
			r, ok := m[p.Path]
			if !ok {
				r = conformance.Result{Cause: "not run"}
			}
			yres[i] = r
		}
	}
	if ctx.Err() != nil {
		fmt.Fprintln(os.Stderr, "conform: interrupted")
		return 1
	}
	rows := make([]conformance.Row, len(ps))
	for i, p := range ps {
		rows[i] = conformance.Row{Path: p.Path, Kernel: kres[i]}
		if yres != nil {
			rows[i].Yaegi = &yres[i]
			rows[i].KernelOnly = yres[i].Pass && !kres[i].Pass
		}
	}
	if err := write(*results, func(f *os.File) { conformance.WriteResults(f, rows) }); err != nil {
		fmt.Fprintln(os.Stderr, "conform:", err)
		return 1
	}
	if err := write(*summary, func(f *os.File) { conformance.WriteSummary(f, rows) }); err != nil {
		fmt.Fprintln(os.Stderr, "conform:", err)
		return 1
	}
	conformance.WriteSummary(os.Stdout, rows)
	fmt.Fprintf(os.Stderr, "conform: %d programs in %v\n", len(ps), time.Since(start).Round(time.Second))
	return 0
}

func show(r conformance.Result) string {
	if r.Pass {
		return "pass"
	}
	return "FAIL " + r.Detail
}

func write(path string, f func(*os.File)) error {
	if path == "" {
		return nil
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	f(out)
	return out.Close()
}

// filter keeps the programs whose paths are the first fields of file's
// non-comment lines.
func filter(ps []conformance.Program, file string) ([]conformance.Program, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	want := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		want[strings.Fields(l)[0]] = true
	}
	var out []conformance.Program
	for _, p := range ps {
		if want[p.Path] {
			out = append(out, p)
		}
	}
	return out, sc.Err()
}
