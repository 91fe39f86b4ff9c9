package proc

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func init() {
	helpers["crash"] = crashingPipedocs
}

// crashingPipedocs plays a pipedocs that is about to be killed with
// SIGKILL: it has files in its scratch folder and a background program
// in a group. It writes "crash.ready" with the paths of both.
func crashingPipedocs() {
	mark := os.Getenv(markEnv)
	dir, err := TempDir()
	if err != nil {
		panic(err)
	}
	if _, err := MkdirTemp("run-*"); err != nil {
		panic(err)
	}
	g, err := NewGroup(context.Background())
	if err != nil {
		panic(err)
	}
	self, _ := os.Executable()
	if _, err := g.Start(Cmd{Path: self, Args: []string{"sleeper"}, Dir: mark,
		Env: []string{helperEnv + "=sleeper", markEnv + "=" + mark}}); err != nil {
		panic(err)
	}
	awaitFile(filepath.Join(mark, "sleeper.ready"))
	touchWith(filepath.Join(mark, "crash.ready"), dir+"\n"+groupDir(g))
	sleepForever()
}

func touchWith(name, text string) {
	if err := os.WriteFile(name+".tmp", []byte(text), 0o644); err != nil {
		panic(err)
	}
	if err := os.Rename(name+".tmp", name); err != nil {
		panic(err)
	}
}

// TestSweepAfterCrash kills a pipedocs with SIGKILL while it has a scratch
// folder and a background program, and checks that the next Sweep removes
// the folder and the cgroup and kills the program, and leaves alone what
// a live pipedocs owns.
func TestSweepAfterCrash(t *testing.T) {
	if err := reap.setup(); err != nil { // so that the orphan comes to us, to be reaped
		t.Fatal(err)
	}
	tmp, mark := t.TempDir(), runDir(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	crash := exec.Command(self)
	crash.Env = []string{helperEnv + "=crash", markEnv + "=" + mark, "TMPDIR=" + tmp}
	if err := crash.Start(); err != nil {
		t.Fatal(err)
	}
	stop := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(mark, "crash.ready")); err == nil {
			break
		}
		if time.Now().After(stop) {
			crash.Process.Kill()
			t.Fatal("the crashing pipedocs never got ready")
		}
		time.Sleep(5 * time.Millisecond)
	}
	b, err := os.ReadFile(filepath.Join(mark, "crash.ready"))
	if err != nil {
		t.Fatal(err)
	}
	folder, cgroup, _ := strings.Cut(string(b), "\n")
	crash.Process.Kill()
	crash.Wait()

	// What a live pipedocs (we) owns, and what is not pipedocs' at all.
	kept := []string{filepath.Join(tmp, ownerName()), filepath.Join(tmp, "pipedocs-run-123"), filepath.Join(tmp, "pipedocs-"+strconv.Itoa(os.Getpid()))}
	for _, k := range kept {
		if err := os.Mkdir(k, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("TMPDIR", tmp)
	if err := Sweep(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(folder); !os.IsNotExist(err) {
		t.Errorf("the dead pipedocs' folder %s is still there: %v", folder, err)
	}
	for _, k := range kept {
		if _, err := os.Stat(k); err != nil {
			t.Errorf("Sweep removed %s, which is not a dead pipedocs': %v", k, err)
		}
	}
	if cgroup == "" {
		t.Log("no cgroups here: the background program cannot be found after a crash")
		return
	}
	if _, err := os.Stat(cgroup); !os.IsNotExist(err) {
		t.Errorf("the dead pipedocs' group cgroup %s is still there: %v", cgroup, err)
	}
	if _, err := os.Stat(filepath.Dir(cgroup)); !os.IsNotExist(err) {
		t.Errorf("the dead pipedocs' owner cgroup is still there: %v", err)
	}
	assertGone(t, mark, 1)
}

func TestOwnerDead(t *testing.T) {
	gone := exec.Command(os.Args[0])
	gone.Env = []string{helperEnv + "=hello"}
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	me, dead := strconv.Itoa(os.Getpid()), strconv.Itoa(gone.Process.Pid)
	tests := []struct {
		name string
		dead bool
	}{
		{ownerName(), false},
		{"pipedocs-" + me + "-t1", true}, // our pid, another start: a reused pid
		{"pipedocs-" + dead + "-t" + strings.TrimPrefix(ownerName(), "pipedocs-"+me+"-t"), true},
		{"pipedocs-" + dead + "-7", true}, // an earlier version's, owner gone
		{"pipedocs-" + me + "-7", false},  // an earlier version's, owner alive
		{"pipedocs-run-123", false},
		{"pipedocs-" + dead, false},
		{"pipedocs-" + dead + "-", false},
		{"other-" + dead + "-7", false},
	}
	for _, tt := range tests {
		if got := ownerDead(tt.name); got != tt.dead {
			t.Errorf("ownerDead(%q) = %v, want %v", tt.name, got, tt.dead)
		}
	}
}

// TestCleanup checks that Cleanup removes the scratch folder and the
// owner cgroup, and that both come back when needed.
func TestCleanup(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir, err := MkdirTemp("run-*")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), helperCmd(t, "hello", runDir(t))); err != nil {
		t.Fatal(err)
	}
	if err := Cleanup(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(dir)); !os.IsNotExist(err) {
		t.Errorf("scratch folder still there after Cleanup: %v", err)
	}
	if own, ok := cgroups.parent(); ok {
		if _, err := os.Stat(filepath.Join(own, ownerName())); !os.IsNotExist(err) {
			t.Errorf("owner cgroup still there after Cleanup: %v", err)
		}
	}
	if o, err := Run(context.Background(), helperCmd(t, "hello", runDir(t))); err != nil || string(o.Output) != "hello\nworld\n" {
		t.Errorf("Run after Cleanup: %q, %v", o.Output, err)
	}
	if _, err := MkdirTemp("run-*"); err != nil {
		t.Errorf("MkdirTemp after Cleanup: %v", err)
	}
	Cleanup()
}
