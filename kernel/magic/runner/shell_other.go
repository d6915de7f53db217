//go:build !unix

package runner

import "os/exec"

// ownGroup leaves cmd in the worker's group: there are no process groups
// to kill here.
func ownGroup(*exec.Cmd) {}

// killTree kills cmd (its children may outlive it on this system).
func killTree(cmd *exec.Cmd) { cmd.Process.Kill() }
