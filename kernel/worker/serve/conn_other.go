//go:build !unix

package serve

import "os"

// openConn opens the inherited descriptor fd (see conn_unix.go).
func openConn(fd int, name string) *os.File { return os.NewFile(uintptr(fd), name) }
