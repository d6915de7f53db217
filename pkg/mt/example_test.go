package mt_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gokernel/gokernel/pkg/mt"
)

func ExampleNewThread() {
	sing := func(times int) {
		for i := range times {
			fmt.Println("singing", i)
		}
	}
	t := mt.NewThread(sing, 2)
	fmt.Println(t.IsAlive())
	_ = t.Start()
	t.Join()
	fmt.Println(t.IsAlive(), mt.ActiveCount())
	// Output:
	// false
	// singing 0
	// singing 1
	// false 1
}

type greeter struct{ greeting string }

func (g greeter) Run() { fmt.Println(g.greeting, "from", mt.CurrentThread().Name()) }

func ExampleNewThreadFrom() {
	t := mt.NewThreadFrom(greeter{"hello"}, "Thread-A")
	_ = t.Start()
	t.Join()
	// Output: hello from Thread-A
}

func ExampleLock() {
	var counter int
	lock := mt.NewLock("counterLock")
	add := func(n int) {
		for range n {
			lock.Lock()
			counter++
			lock.Unlock()
		}
	}
	mt.Go(add, 100000)
	mt.Go(add, 100000)
	mt.WaitAll()
	fmt.Println(counter)
	fmt.Println(lock.Release())
	// Output:
	// 200000
	// RuntimeError: release unlocked lock
}

func ExampleLock_AcquireTimeout() {
	lock := mt.NewLock()
	lock.Acquire()
	fmt.Println(lock.AcquireBlocking(false), lock.AcquireTimeout(10*time.Millisecond))
	// Output: false false
}

func ExampleQueue() {
	q := mt.NewQueue(2)
	q.Put("a")
	q.Put("b")
	fmt.Println(q.Full(), q.PutNowait("c"))
	fmt.Println(q.Get(), q.Get())
	_, err := q.GetNowait()
	fmt.Println(errors.Is(err, mt.Empty))
	// Output:
	// true queue.Full
	// a b
	// true
}

func ExampleNewLifoQueue() {
	q := mt.NewLifoQueue(0)
	for i := 1; i <= 3; i++ {
		q.Put(i)
	}
	fmt.Println(q.Get(), q.Get(), q.Get())
	// Output: 3 2 1
}

func ExampleNewPriorityQueue() {
	q := mt.NewPriorityQueue(0)
	q.Put([]any{2, "write"})
	q.Put([]any{1, "read"})
	q.Put([]any{3, "sleep"})
	for !q.Empty() {
		fmt.Println(q.Get())
	}
	// Output:
	// [1 read]
	// [2 write]
	// [3 sleep]
}

func ExampleNewLocal() {
	local := mt.NewLocal()
	show := func(name string) {
		local.Set("student", name)
		fmt.Println("Hello,", local.Get("student"), "in", mt.CurrentThread().Name())
	}
	t := mt.NewThreadOpts(mt.ThreadOpts{Target: show, Args: []any{"Alice"}, Name: "Thread-A"})
	_ = t.Start()
	t.Join()
	fmt.Println(local.Get("student"))
	// Output:
	// Hello, Alice in Thread-A
	// <nil>
}

func ExampleThreadPool() {
	pool := mt.NewThreadPool(3)
	square := func(x int) int { return x * x }
	r := pool.ApplyAsync(square, 7)
	fmt.Println(r.Get())
	fmt.Println(pool.Map(square, []int{1, 2, 3}))
	bad := pool.ApplyAsync(func() error { return errors.New("silent until Get") })
	bad.Wait()
	fmt.Println(bad.Successful())
	fmt.Println(bad.Get())
	fmt.Println(pool.Join())
	pool.Close()
	fmt.Println(pool.Join())
	// Output:
	// 49 <nil>
	// [1 4 9] <nil>
	// false
	// <nil> silent until Get
	// ValueError: Pool is still running
	// <nil>
}

func ExampleDownloadAll() {
	srv, err := mt.ServeFiles(
		mt.TestFile{Path: "/slow.jpg", Size: 2000, Delay: 100 * time.Millisecond},
		mt.TestFile{Path: "/fast.jpg", Size: 1000},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	results := mt.DownloadAll(srv.Jobs("", "/slow.jpg", "/fast.jpg"), 2, mt.ProgressTo(nil))
	// Results come in the order the downloads finish: here usually the
	// fast one first, though a busy machine may say otherwise.
	for _, r := range results {
		fmt.Println(r.Index, r.Bytes, r.Err)
	}
	// Unordered output:
	// 1 1000 <nil>
	// 0 2000 <nil>
}

func ExampleCopyDir() {
	dir, _ := os.MkdirTemp("", "mt-example")
	defer os.RemoveAll(dir)
	if _, err := mt.MakeSampleDir(dir+"/src", 5, 1024); err != nil {
		fmt.Println(err)
		return
	}
	old := mt.Stdout
	mt.Stdout = io.Discard // no progress line in this example
	defer func() { mt.Stdout = old }()
	n, err := mt.CopyDir(dir+"/src", dir+"/copy", 3)
	fmt.Println(n, err)
	// Output: 5 <nil>
}

func ExampleInput() {
	mt.Stdin = strings.NewReader("Bob\n") // in a kernel: the cell's stdin
	mt.SetInputs("Alice")                 // used once stdin has nothing more
	name, err := mt.Input("name?")
	fmt.Println()
	fmt.Println(name, err)
	name, err = mt.Input("name: ")
	fmt.Println(name, err)
	_, err = mt.Input("again:")
	fmt.Println()
	fmt.Println(err)
	// Output:
	// name?
	// Bob <nil>
	// name: Alice
	// Alice <nil>
	// again:
	// EOFError: EOF when reading a line
}

func ExampleGetPass() {
	mt.Stdin = strings.NewReader("") // in a kernel: the frontend, which hides what is typed
	mt.SetInputs("s3cret")           // a scripted answer is not echoed
	pw, err := mt.GetPass("Password:")
	fmt.Println(len(pw), err)
	// Output:
	// Password:
	// 6 <nil>
}
