package wakers

import (
	"context"
	"testing"
	"time"
)

// reset forgets every wake-up counted (the package state is global).
func reset() {
	horizon.Store(0)
	live.Store(0)
}

func TestFixedDeadlinesCountUntilTheyPass(t *testing.T) {
	reset()
	if Pending() {
		t.Fatal("pending with nothing counted")
	}
	ch := After(time.Hour)
	if !Pending() {
		t.Error("time.After(time.Hour) not pending")
	}
	_ = ch
	reset()
	ctx, cancel := WithTimeout(context.Background(), time.Hour)
	defer cancel()
	if !Pending() {
		t.Error("a context with an hour's timeout not pending")
	}
	_ = ctx
	reset()
	Until(time.Now().Add(-2 * slack))
	if Pending() {
		t.Error("a deadline in the past is pending")
	}
}

func TestArmCountsUntilDisarmed(t *testing.T) {
	reset()
	disarm := Arm()
	if !Pending() {
		t.Fatal("armed but not pending")
	}
	disarm()
	disarm() // a second call does nothing
	if Pending() || live.Load() != 0 {
		t.Errorf("after disarm: pending %v, live %d", Pending(), live.Load())
	}
}

func TestTimersCountWhileReachable(t *testing.T) {
	reset()
	tm := NewTimer(time.Hour)
	tk := NewTicker(time.Hour)
	c := Tick(time.Hour)
	if live.Load() != 3 {
		t.Errorf("live = %d, want 3", live.Load())
	}
	tm.Stop()
	tk.Stop()
	_ = c
	if Tick(0) != nil || live.Load() != 3 {
		t.Errorf("Tick(0) counted: live = %d", live.Load())
	}
}

func TestSymbolsReplaceTheTimeFunctions(t *testing.T) {
	s := Symbols()
	for pkg, names := range map[string][]string{
		"time/time":        {"After", "NewTimer", "AfterFunc", "NewTicker", "Tick"},
		"context/context":  {"WithDeadline", "WithDeadlineCause", "WithTimeout", "WithTimeoutCause"},
		"os/signal/signal": {"Notify", "NotifyContext"},
	} {
		for _, n := range names {
			if !s[pkg][n].IsValid() {
				t.Errorf("%s %s missing", pkg, n)
			}
		}
	}
}
