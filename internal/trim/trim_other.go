//go:build !linux

package trim

func binary() {}
