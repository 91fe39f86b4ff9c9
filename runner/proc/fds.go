package proc

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// closeInheritedOnExec marks close-on-exec every descriptor we have above
// stderr. Go opens all its files close-on-exec, but descriptors inherited
// from our own parent are not (a shell or a CI runner often leaves a few
// open), and exec would pass them on to every child. Run calls it once,
// before its first child: the only descriptors without the flag after
// that are ones that code of ours makes without it (unix.Dup, say), which
// this package cannot see.
func closeInheritedOnExec() {
	d, err := os.Open("/proc/self/fd")
	if err != nil {
		return
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	for _, name := range names {
		fd, err := strconv.Atoi(name)
		if err != nil || fd <= 2 {
			continue
		}
		unix.FcntlInt(uintptr(fd), unix.F_SETFD, unix.FD_CLOEXEC)
	}
}
