package trim

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// residentFileKB reads the process's file-backed resident memory.
func residentFileKB(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "RssFile:") {
			n, _ := strconv.Atoi(strings.Fields(line)[1])
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

func TestBinaryShrinksResidentSetAndKeepsRunning(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("trimming is Linux-only")
	}
	before := residentFileKB(t)
	Binary()
	after := residentFileKB(t)
	if after >= before {
		t.Errorf("file-backed RSS %d kB -> %d kB: nothing was dropped", before, after)
	}
	// The code keeps working: dropped pages fault back in.
	if got := strings.Repeat("ab", 3); got != "ababab" {
		t.Fatal(got)
	}
	t.Logf("file-backed RSS %d kB -> %d kB", before, after)
}
