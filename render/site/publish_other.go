//go:build !linux

package site

import (
	"errors"
	"os"
	"syscall"
)

func exchange(a, b string) error { return errNoExchange }

// processAlive reports whether pid names a running process. Where signal 0
// cannot tell, the temp tree is assumed live and left alone.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EPERM)
}
