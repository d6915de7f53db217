package worker_test

import (
	"fmt"
	"strings"
	"testing"
)

// Cells whose goroutines all wait on channels or sync primitives, with no
// timer pending, fail with Go's deadlock error naming each wait, and the
// session goes on with its variables.
func TestDeadlockFailsTheCell(t *testing.T) {
	tests := []struct{ name, code, wait string }{
		{"send without receiver", `ch := make(chan int)
ch <- 1`, "[chan send]"},
		{"receive without sender", `<-make(chan string)`, "[chan receive]"},
		{"wait group nothing releases", `var wg sync.WaitGroup
wg.Add(1)
wg.Wait()`, "[sync.WaitGroup.Wait]"},
		{"mutex locked twice", `var mu sync.Mutex
mu.Lock()
mu.Lock()`, "[sync.Mutex.Lock]"},
		{"select with no cases", `select {}`, "[select]"},
		{"goroutines waiting for each other", `a, b := make(chan int), make(chan int)
go func() { <-a; b <- 1 }()
<-b`, "a goroutine of the cell"},
		{"condition nothing signals", `cv := sync.NewCond(&sync.Mutex{})
cv.L.Lock()
cv.Wait()`, "cannot be stopped"}, // the worker keeps a goroutine blocked in sync.Cond.Wait
		{"range over a channel never closed", `ch := make(chan int, 3)
go func() { ch <- 1; ch <- 2 }()
sum := 0
for v := range ch {
	sum += v
}`, "[chan receive (range)]"},
	}
	s := start(t)
	s.ok(`import ("fmt"; "sync")
n := 1`)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, r := s.run(fmt.Sprintf("n = %d\n", i+2) + tt.code)
			if r["ename"] != "fatal error" || r["evalue"] != "all goroutines are asleep - deadlock!" {
				t.Fatalf("reply %v, want fatal error: all goroutines are asleep - deadlock!", r)
			}
			tb := fmt.Sprint(r["traceback"])
			if !strings.Contains(tb, tt.wait) || !strings.Contains(tb, "cell[") {
				t.Errorf("traceback %s does not name %s and the cell's position", tb, tt.wait)
			}
			if strings.Contains(tb, "fresh worker") {
				t.Errorf("the worker was replaced: %s", tb)
			}
			if out, _ := s.ok(`fmt.Println("n is", n)`); out != fmt.Sprintf("n is %d\n", i+2) {
				t.Errorf("after the deadlock: %q", out)
			}
		})
	}
}

// Cells that wait for something that will come (a timer, a sleeping
// goroutine, a thread, a watchdog, a context deadline) are not deadlocked:
// each waits longer than detection takes, and must end ok.
func TestWaitingIsNotDeadlock(t *testing.T) {
	const d = "700 * time.Millisecond"
	tests := []struct{ name, code string }{
		{"time.After", `<-time.After(` + d + `)`},
		{"timer", `tm := time.NewTimer(` + d + `)
<-tm.C`},
		{"ticker", `tk := time.NewTicker(` + d + `)
<-tk.C
tk.Stop()`},
		{"context deadline", `ctx, cancel := context.WithTimeout(context.Background(), ` + d + `)
defer cancel()
<-ctx.Done()`},
		{"goroutine sleeps then sends", `ch := make(chan int)
go func() { time.Sleep(` + d + `); ch <- 1 }()
<-ch`},
		{"wait group of a sleeping goroutine", `var wg sync.WaitGroup
wg.Add(1)
go func() { defer wg.Done(); time.Sleep(` + d + `) }()
wg.Wait()`},
		{"thread join", `mt.Go(func() { time.Sleep(` + d + `) }).Join()`},
		{"watchdog", `done := make(chan bool)
mt.NewWatchdog(` + d + `, func() { done <- true })
<-done`},
		{"time.AfterFunc", `fired := make(chan bool)
time.AfterFunc(` + d + `, func() { fired <- true })
<-fired`},
	}
	s := start(t)
	s.ok(`import ("context"; "sync"; "time")`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.ok(tt.code)
		})
	}
}
