//go:build !race && !cgo

package serve

const hardLimitOff = false
