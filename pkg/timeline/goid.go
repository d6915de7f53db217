package timeline

import "runtime"

// Goid returns the id of the calling goroutine (as runtime.Stack prints
// it). It costs about a microsecond: callers look it up only while a
// recording is active.
func Goid() int64 {
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
