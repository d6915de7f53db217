//go:build amd64 || arm64

package timeline

func getg() uintptr

func goid() int64 { return int64(getg()) }
