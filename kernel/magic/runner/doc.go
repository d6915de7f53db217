// Package runner runs the magics of a cell in the worker process (Runner):
// shell lines and %%bash, %time and %timeit, %cd, %env, %who, %%writefile.
// It parses with kernel/magic and runs Go code with a kernel/engine Session,
// so it links yaegi and belongs to the worker side only
// (kernel/worker/serve); the kernel process uses kernel/magic alone.
package runner
