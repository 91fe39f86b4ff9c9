package site

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// writeNewFile is os.WriteFile(name, b, 0o644) in three system calls
// (open, write, close). os.OpenFile on Linux also tries to register every
// file with the network poller (two fcntl to set O_NONBLOCK, an epoll_ctl
// that fails for a regular file, two fcntl to clear it again): five
// wasted calls a page.
func writeNewFile(name string, b []byte) error {
	fd, err := openRetry(name)
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(b) > 0 {
		n, err := unix.Write(fd, b)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		b = b[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func openRetry(name string) (int, error) {
	for {
		fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
		if err != unix.EINTR {
			return fd, err
		}
	}
}
