package mt

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func init() { Register(procSpawner) }

// procSpawner starts a grandchild that sleeps forever, prints its pid, and
// sleeps too.
func procSpawner() error {
	g := NewProcess(procSleep, time.Hour)
	if err := g.Start(); err != nil {
		return err
	}
	fmt.Println(g.Pid())
	time.Sleep(time.Hour)
	return nil
}

// TestNoOrphansNoZombies kills a child that has a child of its own: the
// grandchild must die with it (parent-death signal), and both must be reaped
// (no zombie left: the parent's /proc entry is gone after Join).
func TestNoOrphansNoZombies(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc")
	}
	stdout, _ := captureOutput(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p := NewProcess(procSpawner)
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	var grandchild int
	for grandchild == 0 && ctx.Err() == nil {
		grandchild, _ = strconv.Atoi(strings.TrimSpace(stdout.String()))
		time.Sleep(time.Millisecond)
	}
	if !running(grandchild) {
		t.Fatalf("grandchild %d not running", grandchild)
	}
	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := p.JoinCtx(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(fmt.Sprintf("/proc/%d", p.Pid())); err == nil {
		t.Errorf("child %d not reaped after Join", p.Pid())
	}
	for running(grandchild) && ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
	if ctx.Err() != nil {
		t.Errorf("grandchild %d outlived its parent", grandchild)
	}
}
