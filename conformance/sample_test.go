package conformance_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gokernel/gokernel/conformance"
	"github.com/gokernel/gokernel/kernel/worker/serve"
)

func TestMain(m *testing.M) {
	if os.Getenv("GOKERNEL_CONFORM_WORKER") == "1" {
		if err := serve.Serve(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	// The worker package's orphan reaper lives as long as the process.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/gokernel/gokernel/kernel/worker.reapLoop"))
}

// readSample reads sample.tsv: "path<TAB>pass|fail" per line.
func readSample(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("sample.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		fs := strings.Split(l, "\t")
		if len(fs) < 2 || (fs[1] != "pass" && fs[1] != "fail") {
			t.Fatalf("sample.tsv: bad line %q", l)
		}
		want[fs[0]] = fs[1] == "pass"
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return want
}

// TestSample runs the fixed sample of Go's test programs (sample.tsv), each
// as one cell in a fresh worker, and fails if a program marked pass fails
// now; programs marked fail that pass now are reported (update sample.tsv).
// It also checks that no worker outlives its program.
func TestSample(t *testing.T) {
	if raceEnabled {
		t.Skip("the sample runs race-instrumented workers too slowly; CI runs it without -race")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	root := conformance.Root(conformance.GoRoot())
	all, err := conformance.List(root)
	if err != nil || len(all) == 0 {
		t.Skipf("no Go test programs under %s (%v)", root, err)
	}
	want := readSample(t)
	var ps []conformance.Program
	for _, p := range all {
		if _, ok := want[p.Path]; ok {
			ps = append(ps, p)
		}
	}
	if len(ps) < len(want)*9/10 {
		t.Skipf("only %d of the %d sample programs are in %s: another Go version", len(ps), len(want), root)
	}
	k := &conformance.Kernel{Exe: os.Args[0], Args: []string{"-test.run=^$"},
		Env:     append(os.Environ(), "GOKERNEL_CONFORM_WORKER=1"),
		Timeout: 60 * time.Second} // a guard against hangs, far above any sample program's time
	res := conformance.RunAll(context.Background(), k, ps, 2, nil)
	var passed, newly int
	for i, p := range ps {
		r := res[i]
		switch {
		case r.Pass:
			passed++
			if !want[p.Path] {
				newly++
				t.Logf("newly passing: %s (mark it pass in sample.tsv)", p.Path)
			}
		case want[p.Path]:
			t.Errorf("regression: %s passed before, now fails: %s\noutput:\n%s", p.Path, r.Detail, r.Output)
		}
	}
	t.Logf("sample: %d of %d programs pass (%d newly)", passed, len(ps), newly)
	if kids := liveChildren(t); len(kids) > 0 {
		t.Errorf("processes left behind: %v", kids)
	}
}

// liveChildren lists this process's children that are not zombies.
func liveChildren(t *testing.T) []int {
	t.Helper()
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil // not Linux
	}
	me := strconv.Itoa(os.Getpid())
	var kids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:]) // state ppid ...
		if len(f) > 1 && f[1] == me && f[0] != "Z" {
			kids = append(kids, pid)
		}
	}
	return kids
}
