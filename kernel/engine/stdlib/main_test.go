package stdlib

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

// childEnv selects what the test binary does when a test runs it as a child
// process (the external tests use the same variable name).
const childEnv = "GOKERNEL_STDLIB_CHILD"

// TestMain runs the child modes before any test can build a table, so a
// child starts in the state of a program that merely links this package.
func TestMain(m *testing.M) {
	switch mode := os.Getenv(childEnv); mode {
	case "":
		os.Exit(m.Run())
	case "lazy":
		lazyChild()
	case "echo":
		fmt.Println(strings.Join(os.Args[1:], " "))
	case "interp-exit":
		interpExitChild()
	default:
		fmt.Fprintf(os.Stderr, "unknown %s=%q\n", childEnv, mode)
		os.Exit(2)
	}
	os.Exit(0)
}

// runChild runs the test binary in child mode and returns its stdout and
// exit code.
func runChild(t *testing.T, mode string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"="+mode)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("child %s: %v", mode, err)
		}
		code = ee.ExitCode()
	}
	if stderr.Len() > 0 {
		t.Logf("child %s stderr: %s", mode, stderr.Bytes())
	}
	return string(out), code
}

// lazyReport is what lazyChild measures.
type lazyReport struct {
	BuiltAtStart   int    // tables built before any call
	BuiltAfterLoad int    // tables built after Load("fmt")
	BuiltAfterAll  int    // tables built after Symbols()
	Available      int    // packages with a table on this platform
	Symbols        int    // entries in all tables
	FirstBytes     uint64 // bytes allocated by the first Symbols()
	FirstMallocs   uint64
	AgainBytes     uint64 // bytes allocated by the second Symbols()
	FirstNanos     int64
	RSSBefore      int64 // resident set size before and after Symbols (linux; else 0)
	RSSAfter       int64
}

// lazyChild reports on stdout, as JSON, how many tables exist at start and
// what the first and second Symbols calls cost.
func lazyChild() {
	var r lazyReport
	r.BuiltAtStart = built()
	if _, err := Load("fmt"); err != nil {
		panic(err)
	}
	r.BuiltAfterLoad = built()
	r.RSSBefore = rss()
	var m0, m1, m2 runtime.MemStats
	runtime.ReadMemStats(&m0)
	start := time.Now()
	e := Symbols()
	r.FirstNanos = time.Since(start).Nanoseconds()
	runtime.ReadMemStats(&m1)
	Symbols()
	runtime.ReadMemStats(&m2)
	r.RSSAfter = rss()
	r.BuiltAfterAll = built()
	r.Available = len(Packages())
	for k, syms := range e {
		if k != "." {
			r.Symbols += len(syms)
		}
	}
	r.FirstBytes = m1.TotalAlloc - m0.TotalAlloc
	r.FirstMallocs = m1.Mallocs - m0.Mallocs
	r.AgainBytes = m2.TotalAlloc - m1.TotalAlloc
	if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
		panic(err)
	}
}

// built counts the tables built so far. Only lazyChild calls it, from the
// one goroutine that builds tables.
func built() int {
	n := 0
	for i := range tables {
		if tables[i].syms != nil {
			n++
		}
	}
	return n
}

// rss returns the resident set size in bytes on linux, else 0.
func rss() int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, resident int64
	if _, err := fmt.Sscan(string(data), &size, &resident); err != nil {
		return 0
	}
	return resident * int64(os.Getpagesize())
}

// interpExitChild calls the real os.Exit(7) from interpreted code.
func interpExitChild() {
	i := interp.New(interp.Options{Unrestricted: true})
	if err := i.Use(Symbols()); err != nil {
		panic(err)
	}
	_, err := i.Eval(`import "os"`)
	if err == nil {
		_, err = i.Eval(`os.Exit(7)`)
	}
	fmt.Println("still running after os.Exit:", err)
}
