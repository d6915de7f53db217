// Package layers states the import rules of the module as a test
// (layers_test.go), checked with `go list -deps -json` on the packages as
// they build for this platform:
//
//   - the kernel core (package kernel) imports neither zmq4 nor yaegi, not
//     even indirectly: it speaks to the network through a Transport and to
//     cells through an Interpreter;
//   - only kernel/zmq imports zmq4;
//   - only the engine tree (kernel/engine/...) imports yaegi;
//   - pkg/* imports nothing of kernel/, not even indirectly: the libraries
//     run in any Go program;
//   - the kernel process's own packages (kernel, kernel/zmq, the supervisor
//     kernel/worker and its kernel/worker/protocol, kernel/magic,
//     kernel/gotypes, kernel/history, install, nbscript) import no yaegi,
//     no pkg/coro, no pkg/mt, and nothing of the worker process's side
//     (kernel/worker/serve, kernel/magic/runner), not even indirectly.
//
// It has no code of its own.
package layers
