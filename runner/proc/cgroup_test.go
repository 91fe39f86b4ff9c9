package proc

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestUnescapeMountinfo(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/sys/fs/cgroup/unified", "/sys/fs/cgroup/unified"},
		{`/mnt/with\040space`, "/mnt/with space"},
		{`/tab\011and\134backslash`, "/tab\tand\\backslash"},
		{`/trailing\04`, `/trailing\04`},
	}
	for _, tt := range tests {
		if got := unescape(tt.in); got != tt.want {
			t.Errorf("unescape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRemoveStale leaves a run cgroup behind as a pipedocs killed with
// SIGKILL would, a process still inside, and checks that the next start
// kills the process and removes the cgroup.
func TestRemoveStale(t *testing.T) {
	parent, ok := cgroups.parent()
	if !ok {
		t.Skip("cgroup v2 not usable here")
	}
	// A pid that is certainly gone: a child we started and reaped.
	gone := exec.Command(os.Args[0])
	gone.Env = []string{helperEnv + "=hello"}
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(parent, fmt.Sprintf("pipedocs-%d-7", gone.Process.Pid))
	if err := os.Mkdir(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.WriteFile(filepath.Join(stale, "cgroup.kill"), []byte("1"), 0)
		os.Remove(stale)
	})
	fd, err := unix.Open(stale, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := runDir(t)
	c := helperCmd(t, "sleeper", dir)
	left := exec.Command(c.Path)
	left.Env, left.Dir = c.Env, dir
	left.SysProcAttr = &syscall.SysProcAttr{UseCgroupFD: true, CgroupFD: fd}
	err = left.Start()
	unix.Close(fd)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- left.Wait() }()
	// Every pipedocs that starts sweeps stale cgroups under the same
	// parent, and go test runs the packages at once: one may sweep this
	// cgroup before the sleeper is ready.
	for ready := filepath.Join(dir, "sleeper.ready"); ; {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		select {
		case err := <-waited:
			t.Skipf("the sleeper ended before it was ready (%v): another process swept the stale cgroup first", err)
		case <-time.After(time.Millisecond):
		}
	}

	removeStale(parent)

	if err := <-waited; err == nil {
		t.Error("the process left in the stale cgroup exited by itself, want killed")
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale cgroup still there: %v", err)
	}
}
