//go:build !unix

package engine

import (
	"errors"
	"os"
)

// dupFile is not available here: cells write to the engine's own files,
// and a cell that closes one closes it for the session.
func dupFile(*os.File) (*os.File, error) { return nil, errors.ErrUnsupported }
