// Package serve is the worker process's side of kernel/worker: Serve, what
// `gokernel worker` runs. It reads the supervisor's requests on fd 3
// (kernel/worker/protocol), runs each cell with a kernel/engine Session and
// the magic Runner, writes a sync marker into both output pipes after each
// cell and then its reply, and installs the Hosts of pkg/coro, pkg/mt and
// pkg/display (hosts.go, display.go).
//
// It also holds what only the worker process does: the interrupt that is
// first handed to the cell as pkg/coro's signal (interrupt.go), the deadlock
// watcher (deadlock.go), the memory guard (memguard.go), the snapshots of
// plain-data vars sent with each result (snapshot.go), and the child
// processes of pkg/mt, which replay the session's functions (child.go).
//
// This package links yaegi, pkg/coro and pkg/mt; the kernel process's
// packages do not import it (internal/layers checks that).
package serve
