package proc

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// isolation keeps our environment and memory from the programs we start;
// see "Secrets" in the package documentation.
var isolation isolator

type isolator struct {
	once   sync.Once
	mu     sync.Mutex
	userns bool // start children in a user namespace of their own
	uids   []syscall.SysProcIDMap
	gids   []syscall.SysProcIDMap
}

// setup makes our process non-dumpable and decides whether children need
// a user namespace: they do when they would otherwise hold
// CAP_SYS_PTRACE over us, which lets a process read the memory of a
// non-dumpable one.
func (s *isolator) setup() {
	s.once.Do(func() {
		unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0)
		if !hasCapability(unix.CAP_SYS_PTRACE) {
			return
		}
		uids, err1 := identityMap("/proc/self/uid_map")
		gids, err2 := identityMap("/proc/self/gid_map")
		if err1 != nil || err2 != nil || len(uids) == 0 || len(gids) == 0 {
			return
		}
		s.userns, s.uids, s.gids = true, uids, gids
	})
}

// prepare asks for a user namespace in sys, when children get one, and
// reports whether it did.
func (s *isolator) prepare(sys *syscall.SysProcAttr) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.userns {
		return false
	}
	sys.Cloneflags |= syscall.CLONE_NEWUSER
	sys.UidMappings, sys.GidMappings = s.uids, s.gids
	sys.GidMappingsEnableSetgroups = true
	return true
}

// refused reports whether err, from starting a child in a user namespace,
// may be the kernel refusing the namespace (user namespaces disabled, a
// seccomp filter, the limit of namespaces reached). It may also be the
// exec failing for its own reasons: the caller tries again without.
func refused(err error) bool {
	for _, e := range []error{unix.EPERM, unix.EINVAL, unix.ENOSPC, unix.EUSERS, unix.ENOSYS} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// disable gives up user namespaces for good.
func (s *isolator) disable() {
	s.mu.Lock()
	s.userns = false
	s.mu.Unlock()
}

// inUserNamespace reports whether children start in a user namespace.
func (s *isolator) inUserNamespace() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.userns
}

// hasCapability reports whether capability c is in our effective set.
func hasCapability(c uint) bool {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return false
	}
	return data[c/32].Effective&(1<<(c%32)) != 0
}

// identityMap reads our uid_map or gid_map and returns the map that makes
// every id we have the same id in a child namespace: files keep their
// owners, and a root child has every right over files that root has.
func identityMap(path string) ([]syscall.SysProcIDMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var m []syscall.SysProcIDMap
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// "inside outside count": ours are the inside ids.
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 {
			continue
		}
		inside, err1 := strconv.Atoi(fields[0])
		count, err2 := strconv.ParseUint(fields[2], 10, 32)
		if err1 != nil || err2 != nil {
			return nil, errors.New(path + ": malformed line")
		}
		m = append(m, syscall.SysProcIDMap{ContainerID: inside, HostID: inside, Size: int(count)})
	}
	return m, sc.Err()
}
