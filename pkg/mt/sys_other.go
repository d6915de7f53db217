//go:build !unix

package mt

import (
	"os"
	"os/exec"
)

func exitCode(st *os.ProcessState) int { return st.ExitCode() }

func terminate(p *os.Process) error { return p.Kill() }

func setChildAttrs(*exec.Cmd) {}
