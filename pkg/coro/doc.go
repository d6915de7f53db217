// Package coro is the Go side of Python's iterators, generators, greenlets,
// gevent, asyncio and itertools, for notebooks run by the gokernel kernel
// (where it is preloaded: cells use coro.X without an import line) and for
// compiled Go.
//
// The cell-facing API uses no generics (yaegi cannot call them): values are
// `any`, callables are `any` funcs called by reflection (a cell's
// func(x int) bool works where a predicate is expected), and Python
// exceptions are *Exception errors matched with errors.Is against the
// sentinels (StopIteration, ValueError, CancelledError, ...). Sequences are
// Seq (iter.Seq[any]) for compiled callers, which range over them; cells,
// which cannot range over functions, use ForEach, List, Take or an
// Iterator's Next. A type defined in a cell is seen as an Iterator or
// Iterable by the functions taking `x any` when the kernel's symbol table
// says so (kernel/engine/pkgsyms); elsewhere pass it through a typed
// parameter (IterOf, ForEachOf, Yielder.FromIter).
//
// # Python to Go
//
//	iter(x), next(it), next(it, d)     Iter(x), it.Next() / Next(it), NextDefault(it, d)
//	class with only __getitem__(i)     a type with GetItem(i int) (any, error); IterSeq(x) (IndexError ends it)
//	for v in x: ... break              ForEach(x, func(v any) bool { ...; return false })
//	list(x), range(a, b, s), len(x)    List(x), Range(a, b, s), Len(x)
//	def gen(): ... yield v ... return r NewGenerator(func(y *Yielder) any { ...; y.Yield(v); ...; return r })
//	x = yield v                        x := y.Yield(v)
//	try: yield v except E: ...         _, err := y.YieldE(v); if errors.Is(err, E) {...}
//	yield from sub / r = yield from g  y.From(sub) / r := y.From(g)
//	yield from asyncio.sleep(1)        y.From(SleepFuture(time.Second))  (in a GenCoroutine body)
//	g.send(v), g.throw(E), g.close()   g.Send(v), g.Throw(err), g.Close()
//	StopIteration.value                StopValue(err)
//	inspect.getgeneratorstate(g)       g.State() (GEN_CREATED, GEN_RUNNING, GEN_SUSPENDED, GEN_CLOSED)
//	itertools.count, cycle, ...        Count, Cycle, Repeat, Accumulate, Chain, ChainFromIterable, Compress,
//	                                   DropWhile, TakeWhile, Filter, FilterFalse, GroupBy, ISlice, Map, StarMap,
//	                                   Tee, Zip, ZipLongest, Product, Permutations, Combinations,
//	                                   CombinationsWithReplacement, Pairwise
//	all, any, max, min, sum, sorted    All, Any, Max(x, Key(f), Default(d)), Min, Sum, Sorted
//	functools.reduce, operator.mul     Reduce(fn, x), Mul (Add, Sub, Pow)
//	greenlet(run), g.switch(v)         NewGreenlet(run), g.Switch(v)
//	greenlet.getcurrent()              CurrentGreenlet()
//	gevent.spawn(f, 5), g.join()       Spawn(f, 5), g.Join()
//	gevent.joinall(gs), gevent.sleep   JoinAll(gs...), Sleep(d)
//	gevent.getcurrent()                GetCurrent()  (prints <Greenlet at 0x...: f(5)>)
//	monkey.patch_all()                 PatchAll()
//	asyncio.run(main())                Run(main)
//	async def f(x) / f(x)              a plain func / Async(f, x) (a coroutine object)
//	await x                            x.Await() or a direct call (nothing marks an await point in Go)
//	asyncio.create_task, ensure_future CreateTask(f, args...), EnsureFuture(aw)
//	asyncio.gather(*aws)               Gather(aws...)  (results in argument order)
//	asyncio.wait(ts, return_when=...)  Wait(ts, FirstCompleted / FirstException / AllCompleted, Timeout(d))
//	asyncio.sleep(d)                   Sleep(d)
//	async def g(): ... yield v ...     NewAsyncGenerator(func(y *AsyncYielder) error { ...; y.Yield(v); ...; return nil })
//	await anext(ag)                    ag.ANext()  (errors.Is(err, StopAsyncIteration) at the end)
//	async for v in ag: ... break       AForEach(ag, func(v any) bool { ...; return false })
//	[v async for v in ag if p(v)]      ACollect(ag, p)  (p nil: no filter)
//	ag.asend(v), athrow(E), aclose()   ag.ASend(v), ag.AThrow(err), ag.AClose()
//	task.cancel(), CancelledError      t.Cancel(), errors.Is(err, CancelledError)
//	asyncio.Future(), asyncio.Queue()  NewFuture(), NewQueue(maxsize)
//	loop = asyncio.get_event_loop()    loop := GetEventLoop(); loop.RunUntilComplete(aw); loop.Close()
//	print(x) with Python reprs         Print(x), Repr(x), PyList, Tuple
//
// # Generators
//
// A Generator's body runs on a coroutine (iter.Pull): Next and Send switch
// to it and back without goroutine hand-offs or allocation (about 80 ns per
// resume). See Generator for the lifetime rules: exhausted or closed
// generators have no coroutine; an abandoned suspended one is closed by a
// cleanup when collected.
//
// # The hub
//
// Tasks (Spawn, CreateTask, Run) run on one cooperative hub: one at a time,
// switching only at await points (Sleep, Join, Gather, Wait, Queue, Future,
// IO). Tasks run while the caller (a cell) waits in the hub — Join, JoinAll,
// Sleep, Run, Gather from outside a task — exactly as greenlets run only
// while gevent's main greenlet blocks. A call that blocks without yielding
// (time.Sleep before PatchAll, a plain http.Get) holds the hub: the
// sequential output of the gevent and asyncio lessons. The kernel binds
// time.Sleep in cells to TimeSleep, which yields after PatchAll. Panics in
// tasks, generators and greenlets become errors; they never crash the
// kernel. A greenlet of Spawn that dies of an exception says so on stderr
// as gevent does; an asyncio task's exception that nobody retrieves is
// reported at Run's end and at Loop.Close ("Task exception was never
// retrieved").
//
// # Blocking and cancellation
//
// A blocking call made from outside the hub (a cell's own code) ends at
// once when the host's interrupt signal fires (a Host installed with
// SetHost: the kernel's worker installs one; a program without one behaves
// like ordinary Go), with ErrInterrupted where it returns an error (the
// main greenlet's Switch panics with it; in a cell's own code,
// Host.IsMain, every interrupted wait panics with it, so that the cell
// stops there). The tasks and greenlets it was running stay where they
// are, frozen as gevent's are when a KeyboardInterrupt unwinds the main
// greenlet: the one running at that moment runs on to its next await
// point and stops there, and the next blocking call from outside runs them
// again, unless KillAll (or KillGreenlets) ends them first, which is what
// the kernel does after an interrupt. Every blocking call has a form for
// compiled callers,
// named with Ctx appended, that takes a context.Context first and returns
// ErrInterrupted when the context ends first: SleepCtx, (*Task).JoinCtx,
// JoinAllCtx (also for JoinAllTimeout), AwaitCtx (Task, Future,
// Coroutine), (*Task).KillCtx, KillAllCtx, Queue's GetCtx, PutCtx and
// JoinCtx, GatherCtx, GatherReturnExceptionsCtx, WaitCtx, WaitForCtx,
// RunCtx, (*Loop).RunUntilCompleteCtx, Greenlet's SwitchCtx, ThrowCtx and
// KillCtx, KillGreenletsCtx, IOCtx and FetchCtx, AsyncGenerator's
// ANextCtx, ASendCtx, AThrowCtx and ACloseCtx, ACollectCtx and
// AForEachCtx. Ending a wait early leaves what it waited for as it was (a
// task runs on, an item stays queued, an async generator's step goes on),
// except that RunCtx and the Gathers cancel their awaitables, as asyncio
// does, the Kills' cancellations, made before they wait, stand, and a task
// cancelled in ANext passes the cancellation on to the generator's body.
//
// # Async generators
//
// An AsyncGenerator's body runs as a task of its own, started by the first
// ANext: ANext hands it a request and waits in the hub until the body's
// next Yield, so the body's awaits (Sleep, a Future, time.Sleep after
// PatchAll) let other tasks run, and two generators consumed by two tasks
// interleave as in asyncio. The generators first iterated inside Run are
// closed when Run ends, as asyncio.run does.
//
// # Differences from Python
//
// Map iteration is in sorted key order (Python: insertion order). Seqs
// over slices
// can be iterated again (Python's itertools objects are one-shot). There is
// one hub and one greenlet family per process (Python: per thread). A
// generator whose body ignores GeneratorExit is stopped anyway after Close
// reports the RuntimeError (AClose likewise). Inside an async generator's
// body GetCurrent is the body's own task, not the consuming one (as it is
// in asyncio), and AThrow on a closed async generator returns
// StopAsyncIteration (Python's athrow returns None).
package coro
