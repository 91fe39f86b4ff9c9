package proc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// cgroups decides, once per process, whether runs get a cgroup of their
// own, and where those cgroups go: under our own cgroup in the unified
// (v2) hierarchy.
var cgroups cgroupHome

type cgroupHome struct {
	once     sync.Once
	dir      string      // our own cgroup's directory
	disabled atomic.Bool // unusable: no v2 hierarchy, not writable, or clone3 forbidden
	seq      atomic.Uint64
}

// parent returns the directory under which per-run cgroups are made, and
// whether there is one.
func (h *cgroupHome) parent() (string, bool) {
	h.once.Do(func() {
		dir, err := ownCgroup()
		if err != nil || !usable(dir) {
			h.disabled.Store(true)
			return
		}
		h.dir = dir
		removeStale(dir)
	})
	return h.dir, !h.disabled.Load()
}

func (h *cgroupHome) disable() { h.disabled.Store(true) }

// ownCgroup finds the directory of our cgroup in the v2 hierarchy: the
// path from the "0::" line of /proc/self/cgroup, under the mount point of
// the cgroup2 file system in /proc/self/mountinfo. On a hybrid system the
// v2 hierarchy is mounted beside the v1 ones, often on
// /sys/fs/cgroup/unified, and has no controllers, which is all we need:
// cgroup.kill works without any.
func ownCgroup() (string, error) {
	b, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return "", err
	}
	var path string
	for _, line := range strings.Split(string(b), "\n") {
		if p, ok := strings.CutPrefix(line, "0::"); ok {
			path = p
		}
	}
	if path == "" {
		return "", errors.New("no cgroup v2 hierarchy")
	}
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// id parent major:minor root mountpoint options [optional...] - fstype source superopts
		pre, post, ok := strings.Cut(sc.Text(), " - ")
		fields := strings.Fields(pre)
		if !ok || len(fields) < 5 || !strings.HasPrefix(post, "cgroup2 ") {
			continue
		}
		root, mnt := unescape(fields[3]), unescape(fields[4])
		rel, ok := strings.CutPrefix(path, root)
		if !ok {
			continue // a bind mount of another part of the hierarchy
		}
		return filepath.Join(mnt, rel), nil
	}
	return "", errors.New("cgroup2 file system not mounted")
}

// unescape undoes mountinfo's octal escapes ("\040" for a space).
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// usable tries what every run will do: make a child cgroup, find its
// cgroup.kill (Linux 5.14), remove it.
func usable(dir string) bool {
	probe := filepath.Join(dir, fmt.Sprintf("pipedocs-%d-probe", os.Getpid()))
	if err := os.Mkdir(probe, 0o755); err != nil {
		return false
	}
	defer os.Remove(probe)
	_, err := os.Stat(filepath.Join(probe, "cgroup.kill"))
	return err == nil
}

// removeStale kills and removes the run cgroups left behind by pipedocs
// processes that died without cleaning up (killed with SIGKILL, say). A
// cgroup is stale when the pid in its name is gone.
func removeStale(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), "pipedocs-")
		if !ok || !e.IsDir() {
			continue
		}
		owner, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(owner)
		if err != nil || unix.Kill(pid, 0) != unix.ESRCH {
			continue
		}
		cg := filepath.Join(dir, e.Name())
		os.WriteFile(filepath.Join(cg, "cgroup.kill"), []byte("1"), 0)
		// Best effort: members take a moment to die; a cgroup still busy
		// is removed by the next pipedocs to start.
		for range 100 {
			if os.Remove(cg) == nil {
				break
			}
			time.Sleep(time.Millisecond)
		}
	}
}

// cgroupTree is a cgroup made for one run.
type cgroupTree struct {
	dir     string
	fd      int   // the directory, open for clone3's CLONE_INTO_CGROUP
	members []int // pids in the cgroup when it was killed
}

func newCgroupTree(parent string) (*cgroupTree, error) {
	dir := filepath.Join(parent, fmt.Sprintf("pipedocs-%d-%d", os.Getpid(), cgroups.seq.Add(1)))
	if err := unix.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("proc: make cgroup: %w", &os.PathError{Op: "mkdir", Path: dir, Err: err})
	}
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		unix.Rmdir(dir)
		return nil, fmt.Errorf("proc: open cgroup: %w", &os.PathError{Op: "open", Path: dir, Err: err})
	}
	return &cgroupTree{dir: dir, fd: fd}, nil
}

func (t *cgroupTree) prepare(sys *syscall.SysProcAttr) {
	sys.UseCgroupFD = true
	sys.CgroupFD = t.fd
}

func (t *cgroupTree) kill(child int) {
	// The members are noted first: once killed, those whose parent dies
	// too are reparented to us and must be reaped (a cgroup does not list
	// zombies, so the list cannot be read afterwards).
	if b, err := os.ReadFile(filepath.Join(t.dir, "cgroup.procs")); err == nil {
		for _, f := range bytes.Fields(b) {
			if pid, err := strconv.Atoi(string(f)); err == nil && pid != child {
				t.members = append(t.members, pid)
			}
		}
	}
	os.WriteFile(filepath.Join(t.dir, "cgroup.kill"), []byte("1"), 0)
}

func (t *cgroupTree) release(child int) error {
	unix.Close(t.fd)
	stop := time.Now().Add(giveUp)
	if err := t.waitEmpty(stop); err != nil {
		return err
	}
	for pause := 20 * time.Microsecond; len(t.members) > 0; pause = min(2*pause, 10*time.Millisecond) {
		alive := t.members[:0]
		for _, pid := range t.members {
			if !reapMember(pid) {
				alive = append(alive, pid)
			}
		}
		t.members = alive
		if len(alive) == 0 {
			break
		}
		if time.Now().After(stop) {
			return fmt.Errorf("proc: cgroup %s: processes %v not reaped after %v", t.dir, alive, giveUp)
		}
		time.Sleep(pause)
	}
	// Orphans that exited by themselves before the kill were never listed
	// as members; their zombies wait for us.
	if reap.hasZombie() {
		reap.sweep(false, 0)
	}
	return t.remove(stop)
}

// waitEmpty waits for cgroup.events to say "populated 0". The kernel
// signals every change of that file as POLLPRI.
func (t *cgroupTree) waitEmpty(stop time.Time) error {
	f, err := os.Open(filepath.Join(t.dir, "cgroup.events"))
	if err != nil {
		return fmt.Errorf("proc: %w", err)
	}
	defer f.Close()
	buf := make([]byte, 256)
	for {
		n, err := f.ReadAt(buf, 0)
		if err != nil && n == 0 {
			return fmt.Errorf("proc: %w", err)
		}
		if bytes.Contains(buf[:n], []byte("populated 0")) {
			return nil
		}
		left := time.Until(stop)
		if left <= 0 {
			return fmt.Errorf("proc: cgroup %s still populated %v after cgroup.kill", t.dir, giveUp)
		}
		fds := []unix.PollFd{{Fd: int32(f.Fd()), Events: unix.POLLPRI}}
		unix.Poll(fds, int(min(left, 100*time.Millisecond)/time.Millisecond)+1)
	}
}

func (t *cgroupTree) remove(stop time.Time) error {
	for {
		err := unix.Rmdir(t.dir)
		if err == nil || err == unix.ENOENT {
			return nil
		}
		if err != unix.EBUSY || time.Now().After(stop) {
			return fmt.Errorf("proc: remove cgroup: %w", &os.PathError{Op: "rmdir", Path: t.dir, Err: err})
		}
		time.Sleep(100 * time.Microsecond)
	}
}
