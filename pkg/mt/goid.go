package mt

import (
	"bytes"
	"runtime"
	"strconv"
)

// goid returns the id of the calling goroutine, parsed from the first line
// of runtime.Stack ("goroutine 42 [running]:"). Go has no goroutine identity
// API; this costs about a microsecond and is used only where mt needs to know
// who calls (thread registry, lock holders).
func goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}
