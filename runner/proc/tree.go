package proc

import (
	"fmt"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// A tree contains every process one program starts, so that they can all
// be killed together. See the package documentation for the two kinds.
type tree interface {
	// prepare makes the child start inside the tree.
	prepare(sys *syscall.SysProcAttr)
	// kill kills every process in the tree. child is the program's
	// direct child, not reaped yet, so its pid (also its group's id) is
	// still reserved.
	kill(child int)
	// release waits until every process of the tree is gone and reaped,
	// then frees the tree. child has been reaped by then; it is 0 when
	// the child never started.
	release(child int) error
}

// A container holds the trees of one Group.
type container interface {
	// newTree makes the tree of one more program.
	newTree() (tree, error)
	// release frees the container once every tree in it is released,
	// killing whatever is left in it.
	release() error
}

// giveUp bounds how long release waits for killed processes to go. SIGKILL
// is not instant (a process in uninterruptible sleep dies when it wakes),
// but a tree that outlives this is a broken machine, not a slow child.
const giveUp = 5 * time.Second

// newContainer makes the container of a group: a cgroup where cgroupOK
// and cgroups are usable, else the fallback. A single group holds one
// program.
func newContainer(cgroupOK, single bool) (container, error) {
	if cgroupOK {
		if owner, ok := cgroups.owner(); ok {
			return newCgroupContainer(owner, single)
		}
	}
	return pgrpContainer{}, nil
}

// pgrpContainer is the fallback: each program's tree is its process
// group, plus the orphans that left it and were reparented to us.
type pgrpContainer struct{}

func (pgrpContainer) newTree() (tree, error) { return groupTree{}, nil }
func (pgrpContainer) release() error         { return nil }

// groupTree is one program's process group.
type groupTree struct{}

func (groupTree) prepare(*syscall.SysProcAttr) {} // Setpgid is set for every program

func (groupTree) kill(child int) {
	unix.Kill(-child, unix.SIGKILL)
}

func (groupTree) release(child int) error {
	if child == 0 {
		return nil
	}
	stop := time.Now().Add(giveUp)
	for pause := 50 * time.Microsecond; ; pause = min(2*pause, 10*time.Millisecond) {
		// Again at each round: a member that was forking when the first
		// kill came may have left a new one behind.
		unix.Kill(-child, unix.SIGKILL)
		killed := reap.sweep(true, 1)
		if killed == 0 && unix.Kill(-child, 0) == unix.ESRCH {
			return nil
		}
		if time.Now().After(stop) {
			return fmt.Errorf("proc: process group %d still alive %v after SIGKILL", child, giveUp)
		}
		time.Sleep(pause)
	}
}
