// Package protocol is what the kernel process and the worker process agree
// on, and nothing else: the typed JSON-lines messages on the worker's fd 3
// (Request from the supervisor, Reply from the worker, one Op name for each),
// the sync and display markers in the worker's output pipes, and the
// teacher's limits passed in the worker's environment.
//
// Both sides import it (kernel/worker, the supervisor in the kernel process;
// kernel/worker/serve, in the worker process), so it imports neither yaegi
// nor pkg/coro nor pkg/mt: internal/layers checks that.
package protocol
