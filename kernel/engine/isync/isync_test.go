package isync

import (
	"fmt"
	"runtime"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Each wait ends on Stop, returning without what it waited for; without
// Stop the types behave as package sync's.
func TestStopEndsWaits(t *testing.T) {
	var mu Mutex
	var rw RWMutex
	var wg WaitGroup
	mu.Lock()
	rw.Lock()
	wg.Add(1)
	done := make(chan string)
	for name, wait := range map[string]func(){
		"Mutex.Lock":     mu.Lock,
		"RWMutex.Lock":   rw.Lock,
		"RWMutex.RLock":  rw.RLock,
		"WaitGroup.Wait": wg.Wait,
	} {
		go func() { wait(); done <- name }()
	}
	for waiting.Load() < 4 { // all four wait
		runtime.Gosched()
	}
	Stop()
	for range 4 {
		<-done
	}
	if mu.TryLock() || rw.TryLock() || rw.TryRLock() {
		t.Error("a stopped wait took the lock")
	}
}

func TestSyncSemantics(t *testing.T) {
	var mu Mutex
	var wg WaitGroup
	n := 0
	for range 50 {
		wg.Go(func() {
			for range 100 {
				mu.Lock()
				n++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if n != 5000 {
		t.Errorf("n = %d, want 5000", n)
	}
	var rw RWMutex
	rw.RLock()
	if !rw.TryRLock() || rw.TryLock() {
		t.Error("readers must share and exclude a writer")
	}
	rw.RUnlock()
	rw.RUnlock()
	if !rw.TryLock() {
		t.Error("free RWMutex not lockable")
	}
	rw.Unlock()
	for name, f := range map[string]func(){
		"Mutex.Unlock":    mu.Unlock,
		"RWMutex.Unlock":  rw.Unlock,
		"RWMutex.RUnlock": rw.RUnlock,
		"WaitGroup.Done":  wg.Done,
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s of an unlocked value did not panic", name)
				}
			}()
			f()
		}()
	}
}

func ExampleWaitGroup() {
	var wg WaitGroup
	var mu Mutex
	total := 0
	for i := 1; i <= 3; i++ {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			total += i
		})
	}
	wg.Wait()
	fmt.Println(total)
	// Output: 6
}
