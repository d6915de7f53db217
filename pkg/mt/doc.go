// Package mt gives Go programs and Go notebook cells Python's threading,
// queue and multiprocessing toolkit: threads with names and joins, locks
// with timeouts and deadlock reports, thread queues, thread-local values,
// thread and process pools, real child processes, a concurrent downloader
// with a loopback test server, a folder copier and input().
//
// It is preloaded in every gokernel cell (like pkg/coro). Its API is made
// for the yaegi interpreter: no generic functions or types, callables taken
// as `any` and called by reflection (so an interpreted `func(n int)` works
// as a thread target), and user methods reached through typed interface
// parameters (Runner), because compiled code cannot see the methods of an
// interpreted value held in an `any`.
//
// # Python → mt
//
//	threading.Thread(target=f, args=(1,))   mt.NewThread(f, 1)  (NewThreadOpts for name/daemon)
//	class T(Thread): def run(self)          a type with Run() + mt.NewThreadFrom(t)
//	t.start() / t.join(timeout)             t.Start() / t.Join(timeout...); t.IsAlive()
//	t.is_alive(), t.name, t.ident           t.IsAlive(), t.Name(), t.Ident()
//	threading.current_thread()              mt.CurrentThread()
//	threading.enumerate(), active_count()   mt.Enumerate(), mt.ActiveCount()
//	(interpreter exit waits for threads)    mt.WaitAll()
//	threading.Lock / RLock                  mt.NewLock(name...) / mt.NewRLock(name...)
//	lock.acquire(), acquire(False),         l.Acquire(), l.AcquireBlocking(false),
//	  acquire(timeout=t), release()           l.AcquireTimeout(d), l.Release() error
//	with lock:                              l.Lock(); defer l.Unlock()
//	Condition, Semaphore, BoundedSemaphore  mt.NewCondition, mt.NewSemaphore, mt.NewBoundedSemaphore
//	Event                                   mt.NewEvent
//	threading.local()                       mt.NewLocal() with Set/Get
//	queue.Queue / LifoQueue / PriorityQueue mt.NewQueue / mt.NewLifoQueue / mt.NewPriorityQueue
//	put/get(block, timeout), *_nowait       Put/Get, PutOpts/GetOpts, PutTimeout/GetTimeout, PutNowait/GetNowait
//	queue.Full / queue.Empty                mt.Full / mt.Empty (errors.Is)
//	task_done(), join(), qsize()…           TaskDone(), Join(), Qsize(), Empty(), Full()
//	multiprocessing.Process                 mt.NewProcess(f, args...) (f registered; see below)
//	  kwargs={...}, class P(Process)          none: Go has no keyword arguments (pass a struct);
//	                                          a process runs a top-level func, not a method
//	p.start/join/is_alive/terminate/kill    Start/Join/IsAlive/Terminate/Kill
//	p.pid, p.exitcode, p.name               Pid(), ExitCode(), Name()
//	multiprocessing.Pool(n)                 mt.NewPool(n)
//	(a cap on live child processes)         mt.SetMaxChildren(n), mt.LiveChildren()
//	multiprocessing.pool.ThreadPool(n)      mt.NewThreadPool(n)
//	apply_async/apply/map/close/join/       ApplyAsync/Apply/Map/Close/Join/Terminate
//	  terminate; AsyncResult.get/ready/…      AsyncResult.Get(timeout...)/Ready/Successful/Wait
//	urllib.request.urlopen(u).read()        mt.Download(u)
//	urlopen(u, timeout=t)                   mt.SetDownloadTimeout(t) (default 30 s without data)
//	gevent/asyncio downloaders              mt.DownloadAll(jobs, concurrency) (+ mt.ServeFiles for a local server)
//	the folder copier of the seeds          mt.CopyDir(src, dst, workers)
//	tqdm's bar over a long batch            built in: CopyDir, DownloadAll, a pool's Map after 1 s
//	                                          (off: mt.SetProgress(false), mt.NoProgress(ctx))
//	input(prompt)                           mt.Input(prompt) (mt.SetInputs for scripted answers)
//	getpass.getpass(prompt)                 mt.GetPass(prompt)
//
// # Differences from Python
//
// Goroutines run in parallel (there is no GIL), so races on shared variables
// show readily and CPU-bound threads do speed up. Go cannot list goroutines:
// Enumerate and ActiveCount count only mt threads (plus MainThread, which
// stands for every goroutine mt did not start). A panic in an mt thread is
// printed as "Exception in thread NAME:" and never crashes the process; a
// panic in a bare `go` statement still does.
//
// Deadlocks: Go's runtime detector never fires in a kernel (other goroutines
// are always alive). mt keeps a wait-for graph of the goroutines blocked on
// mt locks (Lock, RLock, and the lock under a Condition); when a wait closes
// a cycle and still does DeadlockGrace later (a Lock may be released by any
// thread, which breaks the cycle), the cycle is printed on Stderr — each
// thread, the lock it holds and the lock it waits for. DeadlockReport returns
// the current cycles at once. Waits with a deadline never count, since they
// end by themselves.
//
// # Blocking and cancellation
//
// Every blocking call has a form that takes a context.Context first, named
// with Ctx appended and shared by its timed and optional variants
// (AcquireTimeout, GetOpts: AcquireCtx, GetCtx): AcquireCtx (Lock, RLock,
// Semaphore, Condition), GetCtx, PutCtx, JoinCtx, WaitCtx (Event,
// Condition, AsyncResult), WaitForCtx, WaitAllCtx, WaitAllProcessesCtx,
// ApplyCtx, MapCtx, InputCtx, DownloadCtx, DownloadToCtx, DownloadAllCtx and
// CopyDirCtx. It returns ctx.Err() (or an error wrapping it) when the
// context ends first; cancelling a wait never changes the thing waited for
// (a lock stays unlocked, an item stays queued, a thread, process or pool
// task runs on). The plain forms wait without limit or until their optional
// timeout, or until Release, which the kernel calls after an interrupt
// once it has stopped the interpreted code waiting in them (the session is
// kept; child processes run on). An interrupt that has to replace the
// worker process ends every wait, every mt thread and (through the
// parent-death signal) every child process.
//
// # Processes
//
// A Process or Pool worker is the running program re-executed: Main, called
// first in main (or TestMain), recognises a child, runs the requested
// function and exits, so children start with fresh globals (Python's
// "spawn"). Functions a child may run are registered by name with Register
// (or Main's arguments) before Main runs; arguments and results are
// serialised with encoding/gob by the target's parameter and result types.
// Hosts that cannot register their functions ahead of time (the kernel,
// whose functions live in the cell interpreter) install a Host with
// SetHost, once: its ChildCommand starts a child, its ResolveTarget finds a
// function by name in the child, its Stdin is what Input reads; IsChild and
// RunChild are the child's entry point after its own set-up. Without a
// Host (DefaultHost) the package behaves like an ordinary Go library.
//
// In a gokernel notebook a child is the kernel's worker started again: it
// replays the notebook's declarations (imports, types, funcs, consts, and
// the vars those refer to, with their initializers; not statements, and not
// vars no function can see, such as a cell's `dir, _ := os.MkdirTemp(...)`)
// into a fresh interpreter, then runs the target, found by name. So a target must be a top-level func
// of the notebook declared before the process or pool starts (the kernel
// adds the names: po.ApplyAsync(worker, i) sends "worker"); a func literal
// is a TypeError, and a func declared after a pool started is an
// AttributeError from the pool's workers, as in Python. Globals start from
// their declared values, as with Python's "spawn" start method; a var whose
// initializer starts a process or pool is left nil in the child.
//
// # Output
//
// mt writes progress lines, prompts, reports and child output to Stdout
// and Stderr (default os.Stdout/os.Stderr, which in a kernel worker are the
// cell's streams). Progress bars are display.ProgressBar values: with
// Stdout left at its default and a notebook display (display.SetHost),
// a live bar updated in place; otherwise a line on Stdout redrawn with
// "\r".
package mt
