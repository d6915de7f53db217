package mt

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestCtime(t *testing.T) {
	t.Parallel()
	if c := Ctime(); !regexp.MustCompile(`^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$`).MatchString(c) {
		t.Errorf("Ctime() = %q", c)
	}
}

func TestFork(t *testing.T) {
	t.Parallel()
	pid, err := Fork()
	if pid != -1 || !strings.Contains(err.Error(), "mt.NewProcess") || !errors.Is(err, &Error{Type: "OSError"}) {
		t.Errorf("Fork() = %d, %v", pid, err)
	}
}

func TestWatchdog(t *testing.T) {
	t.Parallel()
	fired := make(chan struct{})
	w := NewWatchdog(time.Millisecond, func() { close(fired) })
	<-fired
	if w.Kick() || w.Stop() {
		t.Error("Kick/Stop after firing reported true")
	}
	quiet := NewWatchdog(time.Hour, func() { t.Error("fired") })
	if !quiet.Kick() || !quiet.Stop() || quiet.Kick() {
		t.Error("Kick/Stop on a live watchdog")
	}
}

func TestWaitAllProcesses(t *testing.T) {
	t.Parallel()
	ps := []*Process{NewProcess(procExit, 0), NewProcess(procExit, 4)}
	for _, p := range ps {
		if err := p.Start(); err != nil {
			t.Fatal(err)
		}
	}
	WaitAllProcesses()
	for _, p := range ps {
		if _, ok := p.ExitCode(); !ok || p.IsAlive() {
			t.Errorf("%v not finished", p)
		}
	}
}
