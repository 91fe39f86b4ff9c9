package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

func TestSweepTemps(t *testing.T) {
	dir := t.TempDir()
	// A process that has come and gone: its PID names no live process
	// (until the kernel hands it out again, which takes a while).
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run true: %v", err)
	}
	dead := strconv.Itoa(cmd.Process.Pid)
	files := map[string]bool{ // name → removed
		".a.md.tmp-" + dead + "-123":                     true,
		".a.md.tmp-" + strconv.Itoa(os.Getppid()) + "-1": false, // a live writer
		".a.md.tmp-" + strconv.Itoa(os.Getpid()) + "-2":  false, // this very process
		".a.md.tmp-x-3":           false, // not a PID
		"a.md.tmp-" + dead + "-4": false, // not hidden
		".a.md":                   false,
		"a.md":                    false,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, ".b.md.tmp-"+dead+"-5"), 0o755); err != nil {
		t.Fatal(err)
	}
	files[".b.md.tmp-"+dead+"-5"] = false // a folder is not a temp file of ours

	removed := SweepTemps([]string{dir, dir, filepath.Join(dir, "missing")})
	if len(removed) != 1 || removed[0] != filepath.Join(dir, ".a.md.tmp-"+dead+"-123") {
		t.Errorf("SweepTemps removed %q, want only the dead writer's file", removed)
	}
	for name, gone := range files {
		_, err := os.Lstat(filepath.Join(dir, name))
		if gone != os.IsNotExist(err) {
			t.Errorf("%s: removed = %v, want %v", name, !gone, gone)
		}
	}
}
