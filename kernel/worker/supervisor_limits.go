package worker

import (
	"os"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
)

// limits returns the limits the supervisor's workers run with: those of
// s.Env, or of the kernel's environment when s.Env is nil.
func (s *Supervisor) limits() protocol.Limits {
	env := s.Env
	if env == nil {
		env = os.Environ()
	}
	l, _ := protocol.LimitsFromEnv(env)
	return l
}
