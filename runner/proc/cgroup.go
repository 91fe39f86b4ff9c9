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

// cgroups decides, once per process, whether groups get a cgroup of their
// own, and where those cgroups go: under our own cgroup in the unified
// (v2) hierarchy, in one cgroup per pipedocs process (the owner cgroup,
// named after us: see ownerName) that the next start removes if we die
// without removing it.
var cgroups cgroupHome

type cgroupHome struct {
	once     sync.Once
	dir      string      // our own cgroup's directory
	own      string      // the owner cgroup, dir/ownerName()
	disabled atomic.Bool // unusable: no v2 hierarchy, not writable, or clone3 forbidden
	seq      atomic.Uint64

	mu   sync.Mutex
	made bool // own exists: made by usable, removed by Cleanup, made again after
}

// parent returns our own cgroup's directory, under which owner cgroups
// are made, and whether cgroups are usable.
func (h *cgroupHome) parent() (string, bool) {
	h.once.Do(func() {
		dir, err := ownCgroup()
		if err != nil {
			h.disabled.Store(true)
			return
		}
		removeStale(dir)
		own := filepath.Join(dir, ownerName())
		if !usable(own) {
			h.disabled.Store(true)
			return
		}
		h.dir, h.own, h.made = dir, own, true
	})
	return h.dir, !h.disabled.Load()
}

// owner returns the directory in which groups make their cgroups.
func (h *cgroupHome) owner() (string, bool) {
	if _, ok := h.parent(); !ok {
		return "", false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.made {
		if err := os.Mkdir(h.own, 0o755); err != nil && !os.IsExist(err) {
			return "", false
		}
		h.made = true
	}
	return h.own, true
}

// removeOwner removes our owner cgroup, for Cleanup. It is empty once
// every group is killed.
func (h *cgroupHome) removeOwner() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.made {
		return nil
	}
	h.made = false
	return removeCgroup(h.own, time.Now().Add(giveUp))
}

// name returns a fresh name for a cgroup of a group (prefix "g") or of a
// program (prefix "p").
func (h *cgroupHome) name(prefix string) string {
	return prefix + strconv.FormatUint(h.seq.Add(1), 10)
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

// usable makes the owner cgroup and finds its cgroup.kill (Linux 5.14).
// The owner cgroup stays until Cleanup, or until the next pipedocs to
// start finds us dead.
func usable(own string) bool {
	if err := os.Mkdir(own, 0o755); err != nil {
		return false
	}
	if _, err := os.Stat(filepath.Join(own, "cgroup.kill")); err != nil {
		os.Remove(own)
		return false
	}
	return true
}

// removeStale kills and removes the cgroups left behind by pipedocs
// processes that died without cleaning up (killed with SIGKILL, say): the
// owner cgroups whose owner is dead (see ownerDead), and the per-run
// cgroups of earlier versions, named "pipedocs-PID-SEQ".
func removeStale(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.IsDir() || !ownerDead(e.Name()) {
			continue
		}
		removeCgroupTree(filepath.Join(dir, e.Name()))
	}
	// The killed processes may have been reparented to us.
	if reap.hasZombie() {
		reap.sweep(false, 0)
	}
}

// removeCgroupTree kills every process in the cgroup dir and its
// descendants, then removes them all, deepest first. Best effort: a
// cgroup still busy is removed by the next pipedocs to start.
func removeCgroupTree(dir string) {
	os.WriteFile(filepath.Join(dir, "cgroup.kill"), []byte("1"), 0)
	waitEmpty(dir, time.Now().Add(100*time.Millisecond))
	var dirs []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, path)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		for range 100 {
			if err := unix.Rmdir(dirs[i]); err == nil || err == unix.ENOENT {
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
	keep    bool  // the group's own cgroup, removed by the group
}

func newCgroupTree(parent string) (*cgroupTree, error) {
	dir, fd, err := makeCgroup(parent, cgroups.name("p"))
	if err != nil {
		return nil, err
	}
	return &cgroupTree{dir: dir, fd: fd}, nil
}

// makeCgroup makes the cgroup parent/name and opens it for clone3.
func makeCgroup(parent, name string) (string, int, error) {
	dir := filepath.Join(parent, name)
	if err := unix.Mkdir(dir, 0o755); err != nil {
		return "", -1, fmt.Errorf("proc: make cgroup: %w", &os.PathError{Op: "mkdir", Path: dir, Err: err})
	}
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		unix.Rmdir(dir)
		return "", -1, fmt.Errorf("proc: open cgroup: %w", &os.PathError{Op: "open", Path: dir, Err: err})
	}
	return dir, fd, nil
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
	if err := waitEmpty(t.dir, stop); err != nil {
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
	if t.keep {
		return nil
	}
	return removeCgroup(t.dir, stop)
}

// waitEmpty waits for the cgroup dir's cgroup.events to say "populated
// 0". The kernel signals every change of that file as POLLPRI.
func waitEmpty(dir string, stop time.Time) error {
	f, err := os.Open(filepath.Join(dir, "cgroup.events"))
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
			return fmt.Errorf("proc: cgroup %s still populated after cgroup.kill", dir)
		}
		fds := []unix.PollFd{{Fd: int32(f.Fd()), Events: unix.POLLPRI}}
		unix.Poll(fds, int(min(left, 100*time.Millisecond)/time.Millisecond)+1)
	}
}

func removeCgroup(dir string, stop time.Time) error {
	for {
		err := unix.Rmdir(dir)
		if err == nil || err == unix.ENOENT {
			return nil
		}
		if err != unix.EBUSY || time.Now().After(stop) {
			return fmt.Errorf("proc: remove cgroup: %w", &os.PathError{Op: "rmdir", Path: dir, Err: err})
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// cgroupContainer is the cgroup of one Group; each program's tree is a
// cgroup inside it. The group that Run makes for its one program is
// single: the program's tree is the group's cgroup itself, which spares a
// mkdir and an rmdir per run.
type cgroupContainer struct {
	dir    string
	single bool
}

func newCgroupContainer(owner string, single bool) (*cgroupContainer, error) {
	dir, fd, err := makeCgroup(owner, cgroups.name("g"))
	if err != nil {
		return nil, err
	}
	unix.Close(fd)
	return &cgroupContainer{dir: dir, single: single}, nil
}

// newTree makes a program's cgroup, or for a single group opens the
// group's own (again, after a start that failed).
func (c *cgroupContainer) newTree() (tree, error) {
	if !c.single {
		return newCgroupTree(c.dir)
	}
	fd, err := unix.Open(c.dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("proc: open cgroup: %w", &os.PathError{Op: "open", Path: c.dir, Err: err})
	}
	return &cgroupTree{dir: c.dir, fd: fd, keep: true}, nil
}

// release kills what is left in the group's cgroup, which is nothing
// unless a process moved itself out of its program's cgroup (only root
// can), and removes it.
func (c *cgroupContainer) release() error {
	stop := time.Now().Add(giveUp)
	if !c.single {
		os.WriteFile(filepath.Join(c.dir, "cgroup.kill"), []byte("1"), 0)
		if err := waitEmpty(c.dir, stop); err != nil {
			return err
		}
		if reap.hasZombie() {
			reap.sweep(false, 0)
		}
	}
	return removeCgroup(c.dir, stop)
}
