package coro

import "sync/atomic"

var patched atomic.Bool

// PatchAll is gevent's monkey.patch_all(): from now on time.Sleep called by
// interpreted code inside a cooperative task (Spawn, CreateTask, Run) yields
// the hub like Sleep, so tasks interleave; without it a time.Sleep holds the
// hub and tasks run one after the other. Go cannot patch the standard
// library, so the kernel binds time.Sleep in cells to TimeSleep (its symbol
// table is the patch point); compiled code calls Sleep explicitly.
func PatchAll() { patched.Store(true) }

// Unpatch undoes PatchAll.
func Unpatch() { patched.Store(false) }

// Patched reports whether PatchAll is in effect.
func Patched() bool { return patched.Load() }
