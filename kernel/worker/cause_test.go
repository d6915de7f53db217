package worker

import (
	"os/exec"
	"strings"
	"testing"
)

// exitOf runs sh -c script and returns its exit error.
func exitOf(t *testing.T, script string) error {
	t.Helper()
	return exec.Command("sh", "-c", script).Run()
}

func TestDeathCause(t *testing.T) {
	tests := []struct {
		name   string
		exit   error
		crash  string
		want   string
		detail bool
	}{
		{"os.Exit", exitOf(t, "exit 3"), "", "exited with status 3 (os.Exit called?)", false},
		{"exit 0", nil, "", "exited with status 0 (os.Exit(0) called?)", false},
		{"panic", exitOf(t, "exit 2"), "panic: boom\n\ngoroutine 7 [running]:\nmain.f()\n", "died: panic: boom", true},
		{"fatal", exitOf(t, "exit 2"), "fatal error: concurrent map writes\n\ngoroutine 1 [running]:\n", "died: fatal error: concurrent map writes", true},
		{"stack", exitOf(t, "exit 2"), "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n", "died: fatal error: stack overflow (runaway recursion?)", true},
		{"sigkill", exitOf(t, "kill -9 $$"), "", "was killed by signal killed (out of memory?)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, detail := deathCause(tt.exit, tt.crash)
			if got != tt.want {
				t.Errorf("deathCause = %q, want %q", got, tt.want)
			}
			if (len(detail) > 0) != tt.detail {
				t.Errorf("detail = %q", detail)
			}
		})
	}
	long := "panic: x\n" + strings.Repeat("frame\n", 100)
	if _, d := deathCause(exitOf(t, "exit 2"), long); len(d) != 41 || !strings.Contains(d[40], "more lines") {
		t.Errorf("long report not cut: %d lines, last %q", len(d), d[len(d)-1])
	}
}
