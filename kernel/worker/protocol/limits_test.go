package protocol

import "testing"

func TestLimitsFromEnv(t *testing.T) {
	l, errs := LimitsFromEnv(nil)
	if l.MemoryMiB != DefaultMemoryLimitMiB || l.MaxChildren != DefaultMaxChildren || errs != nil {
		t.Errorf("defaults: %+v %v", l, errs)
	}
	l, errs = LimitsFromEnv([]string{MemoryLimitEnv + "=1", MemoryLimitEnv + "=0",
		MaxChildrenEnv + "=lots"})
	if l.MemoryMiB != 0 || l.MaxChildren != DefaultMaxChildren || len(errs) != 1 {
		t.Errorf("got %+v %v", l, errs)
	}
}
