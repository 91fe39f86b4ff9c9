package runner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// TestCancelEndsRunsPromptly cancels RunAll (as SIGINT or SIGTERM does)
// while snippets with background processes run, and checks that it
// returns well within a second, every process is gone and no run folder
// is left.
func TestCancelEndsRunsPromptly(t *testing.T) {
	scratch, err := proc.TempDir()
	if err != nil {
		t.Fatal(err)
	}
	before := runFolders(t, scratch)
	marks := t.TempDir()
	var specs []Spec
	for i := range 3 {
		s := spec("sh", `sleep 60 & echo $$ $! > "$MARK.tmp" && mv "$MARK.tmp" "$MARK"; trap '' TERM; sleep 60`)
		s.Env = []string{"MARK=" + filepath.Join(marks, strconv.Itoa(i))}
		specs = append(specs, s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan []error)
	go func() {
		_, errs := newRunner(t, Config{}).RunAll(ctx, specs, len(specs), nil)
		done <- errs
	}()
	var pids []int
	for i := range specs {
		pids = append(pids, awaitPids(t, filepath.Join(marks, strconv.Itoa(i)))...)
	}
	cancelled := time.Now()
	cancel()
	errs := <-done
	d := time.Since(cancelled)
	if d > 500*time.Millisecond {
		t.Errorf("RunAll returned %v after cancellation", d)
	}
	t.Logf("RunAll returned %v after cancellation", d)
	for i, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("spec %d: err %v, want context.Canceled", i, err)
		}
	}
	for _, pid := range pids {
		if err := syscall.Kill(pid, 0); err != syscall.ESRCH {
			t.Errorf("process %d still exists after RunAll (kill 0: %v)", pid, err)
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	if after := runFolders(t, scratch); len(after) > len(before) {
		t.Errorf("run folders left: %v (before: %v)", after, before)
	}
}

// runFolders lists the run folders in the scratch folder.
func runFolders(t *testing.T, scratch string) []string {
	ents, err := os.ReadDir(scratch)
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "run-") {
			runs = append(runs, e.Name())
		}
	}
	return runs
}

// awaitPids waits for the file name, then returns the pids it lists.
func awaitPids(t *testing.T, name string) []int {
	t.Helper()
	stop := time.Now().Add(20 * time.Second)
	for {
		b, err := os.ReadFile(name)
		if err == nil {
			var pids []int
			for _, f := range strings.Fields(string(b)) {
				pid, err := strconv.Atoi(f)
				if err != nil {
					t.Fatalf("%s: %q", name, b)
				}
				pids = append(pids, pid)
			}
			return pids
		}
		if time.Now().After(stop) {
			t.Fatalf("%s never appeared", name)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
