// Package worker runs cells in a separate process so that nothing a cell
// does can kill the kernel. This package is the kernel process's side: the
// Supervisor. The worker process's side is kernel/worker/serve, and what the
// two agree on (messages, markers, limits) is kernel/worker/protocol; this
// package imports neither yaegi nor pkg/coro nor pkg/mt (internal/layers).
//
// The kernel process holds a Supervisor (a kernel.Interpreter). It starts
// `gokernel worker` (the same binary) with these file descriptors:
//
//	fd 1  the cell's stdout: a pipe read by the supervisor and streamed
//	fd 2  the Go runtime's crash output: captured, not streamed, and used to
//	      name the cause when the worker dies
//	fd 3  a socketpair carrying JSON-lines requests and replies (protocol)
//	fd 4  the cell's stderr: a pipe read by the supervisor and streamed
//
// The worker (serve.Serve) runs cells with a kernel/engine Session. After each
// cell it writes a sync marker to both output pipes and then its reply, so
// the supervisor can publish all of a cell's output before its reply.
//
// An interrupt is first handed to the cell as pkg/coro's interrupt signal
// (serve/interrupt.go): if the cell's waits hear it, the cell ends with
// KeyboardInterrupt and the session is kept, variables included; yaegi's
// cancellation stops interpreted loops, channel operations and selects, and
// the cells' sync locks end their waits. Only a cell blocked in a compiled
// call nothing can end costs the worker, which is then killed.
//
// While a cell runs, a watcher (serve/deadlock.go) fails it with Go's "fatal
// error: all goroutines are asleep - deadlock!" when every goroutine waits
// on a channel or sync primitive and no timer is pending.
//
// The supervisor keeps the session's declarations in order, and the
// snapshot of each plain-data var that the worker sends with every result
// (serve/snapshot.go). When the worker dies (os.Exit, fatal runtime error, stack
// overflow, a kill) or is killed on interrupt, a fresh worker is started,
// the declarations are replayed into it, and vars get their snapshot back
// instead of running their initializers again.
package worker
