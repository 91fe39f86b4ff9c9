package cache

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// The entry files are read and written with plain system calls, relative
// to their folder's descriptor: os.OpenFile on Linux tries to register
// every file with the network poller (four fcntl and an epoll_ctl that
// fails for a regular file), os.Rename stats its target first, and
// os.CreateTemp asks for the process ID each time. A first build writes
// one entry per article, so each saved call is a thousand saved calls.

const dirFlags = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC

var (
	pid     = strconv.Itoa(os.Getpid())
	tempSeq atomic.Uint64 // with pid, makes each temporary name of this process new
)

// openSub opens the entry folder sub of the cache without following a
// symlink in its place. With create, a missing folder is made and
// anything else in its place (a link, a file) is replaced by one.
func (c *Cache) openSub(sub string, create bool) (int, error) {
	dir := filepath.Join(c.dir, sub)
	fd, err := retry(func() (int, error) { return unix.Open(dir, dirFlags|unix.O_NOFOLLOW, 0) })
	if err == nil || !create {
		return fd, err
	}
	switch {
	case errors.Is(err, unix.ELOOP), errors.Is(err, unix.ENOTDIR): // not a real folder
		if err := os.Remove(dir); err != nil {
			return -1, err
		}
	case !errors.Is(err, unix.ENOENT):
		return -1, err
	}
	if err := os.Mkdir(dir, 0o777); err != nil && !errors.Is(err, os.ErrExist) {
		return -1, err
	}
	return retry(func() (int, error) { return unix.Open(dir, dirFlags|unix.O_NOFOLLOW, 0) })
}

// readEntry reads the regular file name in the folder dirfd, never
// through a symlink; a FIFO or device is refused unopened by O_NONBLOCK
// and unread by the regular-file check.
func readEntry(dirfd int, name string) ([]byte, error) {
	fd, err := retry(func() (int, error) {
		return unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, errors.New(name + ": not a regular file")
	}
	// One byte more than the size, so that a file that grew is read to
	// its end (and then fails its header check) rather than cut short.
	b := make([]byte, 0, st.Size+1)
	for {
		n, err := unix.Read(fd, b[len(b):cap(b)])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return nil, err
		case n == 0:
			return b, nil
		}
		b = b[:len(b)+n]
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// writeEntryAt replaces the entry name in the folder dirfd with data,
// atomically (a temporary file beside it, renamed into place) but not
// synced: an entry carries the digest of its data and is verified on
// every read, so one that a crash left torn is a miss, not wrong data,
// and a build that writes a thousand entries does not wait for a
// thousand syncs. The temporary name is TempPrefix's. The file's mode is
// 0644 less the umask.
func writeEntryAt(dirfd int, name string, data []byte) (err error) {
	var tmp string
	var fd int
	for {
		tmp = "." + name + ".tmp-" + pid + "-" + strconv.FormatUint(tempSeq.Add(1), 36)
		fd, err = retry(func() (int, error) {
			return unix.Openat(dirfd, tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
		})
		if err != unix.EEXIST { // a dead process of the same PID left one
			break
		}
	}
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			unix.Unlinkat(dirfd, tmp, 0)
		}
	}()
	for b := data; len(b) > 0; {
		n, err := unix.Write(fd, b)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return err
		}
		b = b[n:]
	}
	if err := unix.Close(fd); err != nil {
		return err
	}
	return unix.Renameat(dirfd, tmp, dirfd, name)
}

// retry calls open again while it is interrupted by a signal.
func retry(open func() (int, error)) (int, error) {
	for {
		fd, err := open()
		if err != unix.EINTR {
			return fd, err
		}
	}
}
