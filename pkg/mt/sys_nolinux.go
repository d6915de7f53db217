//go:build !linux

package mt

import "os/exec"

func setPdeathsig(*exec.Cmd) {}
