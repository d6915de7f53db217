package coro_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/gokernel/gokernel/pkg/coro"
)

// A generator with a return value, read until StopIteration.
func ExampleNewGenerator() {
	fib := func(n int) *coro.Generator {
		return coro.NewGenerator(func(y *coro.Yielder) any {
			a, b := 0, 1
			for i := 0; i < n; i++ {
				y.Yield(b)
				a, b = b, a+b
			}
			return "done"
		})
	}
	g := fib(5)
	for {
		v, err := g.Next()
		if err != nil {
			rv, _ := coro.StopValue(err)
			fmt.Println(err, rv, g.State())
			break
		}
		fmt.Print(v, " ")
	}
	// Output: 1 1 2 3 5 StopIteration: done done GEN_CLOSED
}

// Send passes values into a running generator: a running average.
func ExampleGenerator_Send() {
	avg := coro.NewGenerator(func(y *coro.Yielder) any {
		total, n := 0.0, 0
		var avg any
		for {
			v := y.Yield(avg)
			total += v.(float64)
			n++
			avg = total / float64(n)
		}
	})
	_, err := avg.Send(1.0)
	fmt.Println(err)
	avg.Next() // prime it
	for _, v := range []float64{10, 30, 5} {
		a, _ := avg.Send(v)
		fmt.Println(a)
	}
	avg.Close()
	// Output:
	// TypeError: can't send non-None value to a just-started generator
	// 10
	// 20
	// 15
}

// Throw raises an exception at the generator's yield; YieldE catches it.
func ExampleGenerator_Throw() {
	g := coro.NewGenerator(func(y *coro.Yielder) any {
		for {
			if _, err := y.YieldE("waiting"); errors.Is(err, coro.ValueError) {
				y.Yield("caught " + err.Error())
			} else if err != nil {
				return nil
			}
		}
	})
	g.Next()
	v, _ := g.Throw(coro.Raise("ValueError", "bad"))
	fmt.Println(v)
	fmt.Println(g.Close(), g.State())
	// Output:
	// caught ValueError: bad
	// <nil> GEN_CLOSED
}

// yield from: delegation to a sub-generator, whose return value From returns.
func ExampleYielder_From() {
	sub := func() *coro.Generator {
		return coro.NewGenerator(func(y *coro.Yielder) any {
			y.Yield(1)
			y.Yield(2)
			return "sub done"
		})
	}
	outer := coro.NewGenerator(func(y *coro.Yielder) any {
		r := y.From(sub())
		y.Yield(r)
		y.From("ab")
		return nil
	})
	fmt.Println(coro.MustList(outer))
	// Output: [1, 2, 'sub done', 'a', 'b']
}

// ForEach is a for loop with break; List collects.
func ExampleForEach() {
	coro.ForEach(coro.Range(10), func(v any) bool {
		fmt.Print(v, ";")
		return v.(int) < 3
	})
	fmt.Println()
	fmt.Println(coro.MustList("héllo"))
	// Output:
	// 0;1;2;3;
	// ['h', 'é', 'l', 'l', 'o']
}

// Compiled code ranges over a Seq.
func ExampleToSeq() {
	for v := range coro.ISlice(coro.Count(0, 5), 4) {
		fmt.Print(v, " ")
	}
	fmt.Println()
	// Output: 0 5 10 15
}

// itertools in CPython's order.
func ExamplePermutations() {
	fmt.Println(coro.MustList(coro.Permutations("ABC", 2)))
	fmt.Println(coro.MustList(coro.Accumulate([]int{1, 2, 3, 4}, coro.Mul)))
	fmt.Println(coro.MustList(coro.ZipLongest("-", "ABC", "x")))
	// Output:
	// [('A', 'B'), ('A', 'C'), ('B', 'A'), ('B', 'C'), ('C', 'A'), ('C', 'B')]
	// [1, 2, 6, 24]
	// [('A', 'x'), ('B', '-'), ('C', '-')]
}

// Greenlets switch explicitly; a finished greenlet returns to its parent.
func ExampleGreenlet_Switch() {
	var g1, g2 *coro.Greenlet
	g1 = coro.NewGreenlet(func() { fmt.Println(12); g2.Switch(); fmt.Println(34) })
	g2 = coro.NewGreenlet(func() { fmt.Println(56); g1.Switch(); fmt.Println(78) })
	g1.Switch()
	g2.Kill()
	// Output:
	// 12
	// 56
	// 34
}

// gevent: spawned tasks interleave at Sleep; the caller's JoinAll runs them.
func ExampleSpawn() {
	f := func(name string) {
		for i := 0; i < 2; i++ {
			fmt.Println(coro.GetCurrent().Name(), i)
			coro.Sleep(time.Millisecond)
		}
	}
	coro.JoinAll(coro.SpawnNamed(name("a"), f, "a"), coro.SpawnNamed(name("b"), f, "b"))
	// Output:
	// f('a') 0
	// f('b') 0
	// f('a') 1
	// f('b') 1
}

func name(arg string) string { return "f(" + coro.Repr(arg) + ")" }

// asyncio: Run a main task that gathers concurrent work.
func ExampleRun() {
	work := func(name string, ms int) string {
		coro.Sleep(time.Duration(ms) * time.Millisecond)
		fmt.Println("finished", name)
		return name
	}
	res, err := coro.Run(func() ([]any, error) {
		return coro.Gather(coro.Async(work, "slow", 20), coro.Async(work, "fast", 1))
	})
	fmt.Println(coro.Repr(res), err)
	// Output:
	// finished fast
	// finished slow
	// ['slow', 'fast'] <nil>
}

// Cancellation is delivered at the task's next await point.
func ExampleTask_Cancel() {
	coro.Run(func() {
		t := coro.CreateTask(func() error { return coro.Sleep(time.Hour) })
		coro.Sleep(0)
		t.Cancel()
		_, err := t.Await()
		fmt.Println(err, t.Cancelled())
	})
	// Output: CancelledError true
}

// An asyncio.Queue shared by a producer and a consumer.
func ExampleQueue() {
	coro.Run(func() {
		q := coro.NewQueue(1)
		consumer := coro.CreateTask(func() {
			for {
				v, err := q.Get()
				if err != nil {
					return
				}
				fmt.Println("got", v)
				q.TaskDone()
			}
		})
		for i := 0; i < 3; i++ {
			q.Put(i)
		}
		q.Join()
		consumer.Cancel()
	})
	// Output:
	// got 0
	// got 1
	// got 2
}

// An async generator: Python's `async def ticker(delay, to)` with `yield i`
// and `await asyncio.sleep(delay)`, and the async comprehension
// [i async for i in ticker(0.01, 5) if i % 2].
func ExampleNewAsyncGenerator() {
	ticker := func(delay time.Duration, to int) *coro.AsyncGenerator {
		return coro.NamedAsyncGenerator("ticker", func(y *coro.AsyncYielder) error {
			for i := 0; i < to; i++ {
				y.Yield(i)
				if err := coro.Sleep(delay); err != nil {
					return err
				}
			}
			return nil
		})
	}
	odd, err := coro.ACollect(ticker(10*time.Millisecond, 5), func(i int) int { return i % 2 })
	fmt.Println(odd, err)

	t := ticker(time.Millisecond, 2)
	for {
		v, err := t.ANext() // await anext(t)
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(v)
	}
	// Output:
	// [1, 3] <nil>
	// 0
	// 1
	// StopAsyncIteration
}

// async for in two tasks: the generators' bodies sleep cooperatively, so
// the consumers interleave.
func ExampleAForEach() {
	ticker := func(delay time.Duration, to int) *coro.AsyncGenerator {
		return coro.NewAsyncGenerator(func(y *coro.AsyncYielder) error {
			for i := 0; i < to; i++ {
				y.Yield(i)
				if err := coro.Sleep(delay); err != nil {
					return err
				}
			}
			return nil
		})
	}
	consume := func(name string, ag *coro.AsyncGenerator) error {
		return coro.AForEach(ag, func(v any) bool { fmt.Println(name, v); return true })
	}
	coro.Run(func() ([]any, error) {
		return coro.Gather(coro.Async(consume, "fast", ticker(5*time.Millisecond, 3)),
			coro.Async(consume, "slow", ticker(50*time.Millisecond, 2)))
	})
	// Output:
	// fast 0
	// slow 0
	// fast 1
	// fast 2
	// slow 1
}

// squares has only GetItem: Python's legacy __getitem__ protocol.
type squares struct{ n int }

func (s squares) GetItem(i int) (any, error) {
	if i >= s.n {
		return nil, coro.Raise("IndexError", "index out of range")
	}
	return i * i, nil
}

// A type with only GetItem is iterable, ending at IndexError; it is not an
// Iterable (isinstance(x, Iterable) is False in Python too).
func ExampleIterSeq() {
	fmt.Println(coro.MustList(coro.IterSeq(squares{4})))
	fmt.Println(coro.MustList(squares{3}), coro.IsIterable(squares{3})) // Iter sees compiled types
	// Output:
	// [0, 1, 4, 9]
	// [0, 1, 4] false
}

// itertools.groupby: each run comes as a lazy grouper; collect it with
// List before moving on, as in Python.
func ExampleGroupBy() {
	coro.ForEach(coro.GroupBy("AAABBC", nil), func(g any) bool {
		t := g.(coro.Tuple)
		run, _ := coro.List(t[1])
		fmt.Println(t[0], run)
		return true
	})
	// Output:
	// A ['A', 'A', 'A']
	// B ['B', 'B']
	// C ['C']
}

// gevent's monkey.patch_all(): after PatchAll, TimeSleep (what time.Sleep
// is in a notebook cell) yields to the other tasks.
func ExamplePatchAll() {
	f := func(name string) {
		for i := 0; i < 2; i++ {
			fmt.Println(name, i)
			coro.TimeSleep(time.Millisecond)
		}
	}
	coro.JoinAll(coro.Spawn(f, "a"), coro.Spawn(f, "b")) // time.Sleep holds the hub
	coro.PatchAll()
	defer coro.Unpatch()
	coro.JoinAll(coro.Spawn(f, "a"), coro.Spawn(f, "b")) // now it yields
	// Output:
	// a 0
	// a 1
	// b 0
	// b 1
	// a 0
	// b 0
	// a 1
	// b 1
}

// interruptHost is a Host whose interrupt signal is a channel the program
// closes, as the kernel's worker closes a cell's.
type interruptHost struct {
	coro.DefaultHost
	stop chan struct{}
}

func (h interruptHost) Interrupt() <-chan struct{} { return h.stop }

// A host (the kernel) hands coro its interrupt signal: the waiting caller
// returns at once with ErrInterrupted, the tasks stay frozen until
// KillAll ends them.
func ExampleSetHost() {
	h := interruptHost{stop: make(chan struct{})}
	coro.SetHost(h)
	defer coro.SetHost(nil)
	ticker := coro.Spawn(func() {
		for {
			coro.Sleep(time.Hour)
		}
	})
	time.AfterFunc(10*time.Millisecond, func() { close(h.stop) })
	ticker.Join()
	fmt.Println("joined:", ticker.Done())
	coro.SetHost(nil)
	coro.KillAll()
	fmt.Println("cancelled:", ticker.Cancelled())
	// Output:
	// joined: false
	// cancelled: true
}

// The itertools recipe tee_lookahead: a copy of a tee iterator peeks ahead
// while the original stays where it is.
func ExampleTeeIterator_Copy() {
	ts, _ := coro.Tee("ABCDE", 1)
	t := ts[0]
	ahead, _ := coro.Nth(t.Copy(), 1, nil)
	fmt.Println(ahead)
	fmt.Println(coro.Repr(coro.MustList(t)))
	// Output:
	// B
	// ['A', 'B', 'C', 'D', 'E']
}
