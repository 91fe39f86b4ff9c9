package proc

import (
	"os"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// What a pipedocs process leaves on the machine while it runs (its scratch
// folder, its owner cgroup) is named after it, "pipedocs-PID-tSTART":
// its pid and its start time in clock ticks since boot, from
// /proc/PID/stat. The pair names one process for the life of the machine
// (a pid is reused, never together with its start time), so whether the
// owner still lives is read from the name alone, without a lock that
// could be taken in the instant between making a folder and locking it.

var self struct {
	once sync.Once
	name string
}

// ownerName returns our own name, "pipedocs-PID-tSTART".
func ownerName() string {
	self.once.Do(func() {
		pid := os.Getpid()
		st, _ := readStat(pid)
		self.name = "pipedocs-" + strconv.Itoa(pid) + "-t" + strconv.FormatUint(st.start, 10)
	})
	return self.name
}

// ownerDead reports whether name is the name of something a pipedocs
// process left behind and that process is gone. Besides the names of
// ownerName, it knows those of earlier versions, "pipedocs-PID-SEQ",
// which are dead when their pid is. Any other name is not ours, and
// never dead.
func ownerDead(name string) bool {
	rest, ok := strings.CutPrefix(name, "pipedocs-")
	if !ok {
		return false
	}
	owner, suffix, _ := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(owner)
	if err != nil || pid <= 0 || suffix == "" {
		return false
	}
	if unix.Kill(pid, 0) == unix.ESRCH {
		return true
	}
	digits, isStart := strings.CutPrefix(suffix, "t")
	start, err := strconv.ParseUint(digits, 10, 64)
	if !isStart || err != nil {
		return false // an earlier version's name, its pid alive
	}
	st, ok := readStat(pid)
	// Unreadable (another user's process on a /proc mounted with
	// hidepid): alive, for all we know.
	return ok && st.start != start
}
