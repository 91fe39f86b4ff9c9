package site

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the directory entries a and b in one step.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOTSUP):
		return errNoExchange // old kernel, or a file system without it (some FUSE, NFS)
	}
	return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
}

// processAlive reports whether pid names a running process; EPERM means
// it exists but belongs to someone else.
func processAlive(pid int) bool {
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}
