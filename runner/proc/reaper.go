package proc

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// reap is the process-wide bookkeeping of runs. There is one because the
// things it guards are process-wide: being a subreaper, and our children.
var reap = &reaper{children: map[int]bool{}}

// reaper makes our process the subreaper of every run's tree and collects
// what is reparented to it.
//
// Our children come from three places: direct children of runs (reaped by
// their run's os.Process.Wait), orphans of runs reparented to us (reaped
// here), and children that other code started with os/exec (reaped by
// their own Wait). An orphan is told apart by its process group: every run
// starts in a group of its own and its descendants never join ours, while
// os/exec children stay in our group.
type reaper struct {
	once     sync.Once
	setupErr error
	self     int // our pid
	group    int // our process group

	// gate is held for reading from the fork of a run's child until it is
	// registered, and for writing during a sweep, so a sweep never takes a
	// just-started child for an orphan.
	gate sync.RWMutex

	mu       sync.Mutex
	children map[int]bool // direct children of the runs in flight; each is also its group's id
	runs     int          // runs in flight
	deferred bool         // a sweep left an escaped process alive because other runs were in flight
}

// setup readies our process, once, before its first child: see the
// package documentation.
func (r *reaper) setup() error {
	r.once.Do(func() {
		r.self, r.group = os.Getpid(), unix.Getpgrp()
		closeInheritedOnExec()
		isolation.setup()
		if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
			r.setupErr = fmt.Errorf("proc: become child subreaper: %w", err)
		}
	})
	return r.setupErr
}

// enter starts a program.
func (r *reaper) enter() error {
	if err := r.setup(); err != nil {
		return err
	}
	r.mu.Lock()
	r.runs++
	r.mu.Unlock()
	return nil
}

// leave ends a program. The last program out kills the escaped processes that
// earlier sweeps could not attribute while several runs were in flight.
func (r *reaper) leave() {
	r.mu.Lock()
	r.runs--
	last := r.runs == 0 && r.deferred
	r.deferred = false
	r.mu.Unlock()
	if !last {
		return
	}
	stop := time.Now().Add(giveUp)
	for pause := 50 * time.Microsecond; r.sweep(true, 0) > 0 && time.Now().Before(stop); pause = min(2*pause, 10*time.Millisecond) {
		time.Sleep(pause)
	}
}

// start calls fork, which starts a run's direct child, and registers it.
func (r *reaper) start(fork func() (*os.Process, error)) (*os.Process, error) {
	r.gate.RLock()
	defer r.gate.RUnlock()
	p, err := fork()
	if err == nil {
		r.mu.Lock()
		r.children[p.Pid] = true
		r.mu.Unlock()
	}
	return p, err
}

// forget unregisters a direct child once its Wait has reaped it.
func (r *reaper) forget(pid int) {
	r.mu.Lock()
	delete(r.children, pid)
	r.mu.Unlock()
}

// sweep reaps the zombies reparented to us. With killLoose it also kills
// the live orphans that belong to no run's process group: they escaped
// the group of some run. It does so only when at most mine runs are in
// flight (1 for a run ending, 0 after the last), because then they can
// only come from the caller; otherwise they are left for the last run out.
// It returns how many processes it killed.
func (r *reaper) sweep(killLoose bool, mine int) int {
	r.gate.Lock()
	defer r.gate.Unlock()
	r.mu.Lock()
	alone := r.runs <= mine
	r.mu.Unlock()

	d, err := os.Open("/proc")
	if err != nil {
		return 0
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	killed := 0
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil {
			continue
		}
		st, ok := readStat(pid)
		if !ok || st.ppid != r.self || st.group == r.group || r.registered(pid) {
			continue
		}
		if st.zombie {
			var ws unix.WaitStatus
			if got, _ := unix.Wait4(pid, &ws, unix.WNOHANG, nil); got == pid {
				continue
			}
			// Only the main thread has exited: the others are still
			// dying from a kill, or running on. Either way, not gone.
		}
		if !killLoose || r.registered(st.group) {
			continue
		}
		if !alone {
			r.mu.Lock()
			r.deferred = true
			r.mu.Unlock()
			continue
		}
		unix.Kill(pid, unix.SIGKILL)
		killed++
	}
	return killed
}

func (r *reaper) registered(pid int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.children[pid]
}

// hasZombie reports whether any child of ours, whoever's, is a zombie. It
// is one system call, where a sweep reads all of /proc.
func (r *reaper) hasZombie() bool {
	var info unix.Siginfo
	err := unix.Waitid(unix.P_ALL, 0, &info, unix.WEXITED|unix.WNOHANG|unix.WNOWAIT, nil)
	return err == nil && info.Signo != 0
}

// reapMember waits until pid, a member of a killed tree, is gone: reaped
// by its own parent, or reparented to us as a zombie and reaped here. It
// reports whether pid is gone.
func reapMember(pid int) bool {
	var ws unix.WaitStatus
	unix.Wait4(pid, &ws, unix.WNOHANG, nil) // ECHILD if its dying parent still holds it
	return unix.Kill(pid, 0) == unix.ESRCH
}

// procStat is what a sweep needs from /proc/<pid>/stat.
type procStat struct {
	ppid, group int
	zombie      bool
	start       uint64 // start time, clock ticks after boot
}

func readStat(pid int) (procStat, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, false
	}
	// "pid (comm) state ppid pgrp ...": comm may hold spaces and
	// parentheses, so the fields start after the last ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return procStat{}, false
	}
	f := bytes.Fields(b[i+1:])
	// f[0] is field 3 of proc(5), state; f[19] is field 22, starttime.
	if len(f) < 20 {
		return procStat{}, false
	}
	ppid, err1 := strconv.Atoi(string(f[1]))
	group, err2 := strconv.Atoi(string(f[2]))
	start, err3 := strconv.ParseUint(string(f[19]), 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return procStat{}, false
	}
	return procStat{ppid: ppid, group: group, zombie: string(f[0]) == "Z", start: start}, true
}
