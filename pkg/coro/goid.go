package coro

import "runtime"

// goid returns the id of the calling goroutine, parsed from the first line
// of its stack trace ("goroutine 123 [running]:"). Go has no goroutine
// identity API; this costs about a microsecond and is used only where the
// package must know who is calling (InTask, CurrentGreenlet).
func goid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	var id int64
	for _, c := range buf[len("goroutine "):n] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}
