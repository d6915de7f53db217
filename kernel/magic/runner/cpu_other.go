//go:build !unix && !windows

package runner

import "time"

// cpuTimes is not known on this system: %time reports 0 CPU time.
func cpuTimes() (user, sys time.Duration) { return 0, 0 }
