//go:build !race && !cgo

package worker

const hardLimitOff = false
