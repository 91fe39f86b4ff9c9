//go:build unix

package pipeline

import (
	"errors"
	"syscall"
)

// processAlive reports whether pid names a process: signal 0 checks
// without sending anything, and EPERM means it exists as another user's.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
