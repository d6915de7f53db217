package protocol

import (
	"fmt"
	"strconv"
	"strings"
)

// The teacher's limits on a session, read from the kernel's environment
// (set them in the kernelspec's "env", or with gokernel kernel's flags,
// which set these variables). A value of 0 turns a limit off.
const (
	// MemoryLimitEnv caps the worker's memory, in MiB (kernel/worker/serve/memguard.go).
	MemoryLimitEnv = "GOKERNEL_MEMORY_LIMIT"
	// MaxChildrenEnv caps the child processes (mt.NewProcess, mt.NewPool
	// workers) the session runs at once.
	MaxChildrenEnv = "GOKERNEL_MAX_CHILDREN"
)

// Defaults of the limits when their variable is unset.
const (
	DefaultMemoryLimitMiB = 2048
	DefaultMaxChildren    = 32
)

// MemoryExceeded starts the line the worker's memory guard writes to its fd 2
// before it ends the worker; the supervisor reads it as the cause of death.
const MemoryExceeded = "gokernel: memory limit exceeded"

// Limits are the teacher's limits of one session.
type Limits struct {
	MemoryMiB   int // 0: no memory limit
	MaxChildren int // 0: no cap on child processes
}

// LimitsFromEnv reads the limits from env (os.Environ's form; the last
// setting of a name wins). A value that is not a count of 0 or more is
// ignored, with an error saying so, and the default applies.
func LimitsFromEnv(env []string) (Limits, []error) {
	l := Limits{MemoryMiB: DefaultMemoryLimitMiB, MaxChildren: DefaultMaxChildren}
	var errs []error
	for _, f := range []struct {
		name string
		v    *int
	}{{MemoryLimitEnv, &l.MemoryMiB}, {MaxChildrenEnv, &l.MaxChildren}} {
		s, ok := lookupEnv(env, f.name)
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("ignoring %s=%q: not a whole number >= 0 (using %d)", f.name, s, *f.v))
			continue
		}
		*f.v = n
	}
	return l, errs
}

// lookupEnv finds name in env; the last setting wins, as in os/exec.
func lookupEnv(env []string, name string) (string, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(env[i], "="); ok && k == name {
			return v, true
		}
	}
	return "", false
}
