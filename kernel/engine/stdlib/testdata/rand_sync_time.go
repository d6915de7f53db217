package main

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	// math/rand/v2: two generators with the same seed agree.
	a := rand.New(rand.NewPCG(1, 2))
	b := rand.New(rand.NewPCG(1, 2))
	same := true
	for i := 0; i < 3; i++ {
		x, y := a.IntN(1000), b.IntN(1000)
		same = same && x == y && x >= 0 && x < 1000
	}
	fmt.Println("rand:", same, rand.IntN(1) == 0)

	// sync: WaitGroup.Go (Go 1.25), Mutex, Once, atomic.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var once sync.Once
	var n atomic.Int64
	total := 0
	for i := 1; i <= 10; i++ {
		wg.Go(func() {
			once.Do(func() { n.Add(100) })
			n.Add(1)
			mu.Lock()
			total += 1
			mu.Unlock()
		})
	}
	wg.Wait()
	fmt.Println("sync:", total, n.Load())

	// time: fixed dates and durations, a timer.
	t := time.Date(2024, time.February, 29, 13, 4, 5, 0, time.UTC)
	fmt.Println("time:", t.Format(time.RFC3339), t.Weekday(), t.AddDate(1, 0, 0).Format(time.DateOnly))
	fmt.Println(90*time.Minute, time.Duration(1500)*time.Millisecond)
	select {
	case <-time.After(time.Millisecond):
		fmt.Println("timer fired")
	case <-time.After(time.Minute):
		fmt.Println("timeout")
	}
}

// Output:
// rand: true true
// sync: 10 110
// time: 2024-02-29T13:04:05Z Thursday 2025-03-01
// 1h30m0s 1.5s
// timer fired
