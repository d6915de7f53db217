package engine

import (
	"errors"
	"fmt"
	"os"
)

// With Options.ReopenStdio, cells write to their own handles on
// Options.Stdout and Options.Stderr (duplicated descriptors where the
// platform allows, dupFile), so a cell
// that closes os.Stdout or os.Stderr closes only its handle: the engine's
// own file stays open and, at the end of the cell, reopen gives the cells
// a fresh handle and the cell is told.

// cellFiles returns the handles cells write to for the given real files.
func cellFiles(real [2]*os.File) [2]*os.File {
	var out [2]*os.File
	for i, f := range real {
		out[i] = f
		if d, err := dupFile(f); err == nil {
			out[i] = d
		}
	}
	return out
}

// isClosed reports whether f has been closed. It asks f's descriptor
// without a system call (a write of nothing, which also tells, costs the
// worker two syscalls after every cell).
func isClosed(f *os.File) bool {
	rc, err := f.SyscallConn()
	if err != nil {
		return errors.Is(err, os.ErrClosed)
	}
	return rc.Control(func(uintptr) {}) != nil
}

// reopen replaces the cells' handles that a cell closed with new ones and
// returns the names of the streams it reopened. The caller then tells the
// cell (reopenNote).
func (s *stdio) reopen() []string {
	var names []string
	for i, name := range [2]string{"os.Stdout", "os.Stderr"} {
		if s.cell[i] == s.real[i] || !isClosed(s.cell[i]) {
			continue // not a handle of ours, or open
		}
		d, err := dupFile(s.real[i])
		if err != nil {
			continue
		}
		s.cell[i] = d
		names = append(names, name)
	}
	if names != nil && !s.in.muted.Load() {
		s.unmute()
	}
	return names
}

// reopenNote tells a cell that it closed a standard stream and that the
// next cell has it back. It goes to stderr unless stderr is what was
// closed and stdout is open.
func (s *stdio) reopenNote(names []string) {
	for _, n := range names {
		fmt.Fprintf(&s.errw, "gokernel: this cell closed %s; later output of this cell to it is lost, "+
			"and it is open again for the next cell\n", n)
	}
}

// closeCellFiles closes the cells' handles that are duplicates.
func (s *stdio) closeCellFiles() error {
	var errs []error
	for i, f := range s.cell {
		if f != s.real[i] {
			if err := f.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}
