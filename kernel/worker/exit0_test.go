package worker_test

import (
	"strings"
	"testing"
)

// A cell calling os.Exit(0) ends like the Go program it is: successfully,
// with its output. The next cell runs in a fresh worker with the session
// replayed and says so on stderr.
func TestExitZeroSucceeds(t *testing.T) {
	s := start(t)
	s.ok(`import "fmt"
import "os"
kept := 41`)
	out, errOut, _, r := s.run(`fmt.Println("done")
os.Exit(0)
fmt.Println("not reached")`)
	if r["status"] != "ok" || out != "done\n" || errOut != "" {
		t.Fatalf("os.Exit(0) cell: status %v, stdout %q, stderr %q (%v: %v)", r["status"], out, errOut, r["ename"], r["evalue"])
	}
	out, errOut, _, r = s.run(`fmt.Println(kept + 1)`)
	if r["status"] != "ok" || out != "42\n" {
		t.Fatalf("next cell: status %v, stdout %q (%v: %v)", r["status"], out, r["ename"], r["evalue"])
	}
	if !strings.Contains(errOut, "os.Exit(0)") || !strings.Contains(errOut, "fresh worker") {
		t.Errorf("next cell's stderr does not tell of the restart: %q", errOut)
	}
}
