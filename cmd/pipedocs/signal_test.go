package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalEndsRun sends SIGTERM and SIGINT to pipedocs while a snippet
// runs and while a slow article parses: it must exit within a second,
// its snippet's processes dead and no temporary folder left behind
// (SPEC §4.1, issue 10 point 5).
func TestSignalEndsRun(t *testing.T) {
	exe, err := exec.LookPath("pipedocs") // testscript.Main puts the test binary there
	if err != nil {
		t.Fatalf("pipedocs not on PATH: %v", err)
	}
	// A list nested just within the depth limit, then 12 MB of deeply
	// indented lines: legal input that keeps goldmark busy for seconds,
	// its cost growing with depth times line length.
	deep := strings.Builder{}
	for i := range 95 {
		deep.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	for range 3000 {
		deep.WriteString(strings.Repeat(" ", 4000) + "y\n")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run("snippet/"+sig.String(), func(t *testing.T) {
			t.Parallel()
			pidFile := filepath.Join(t.TempDir(), "pid")
			article := "```sh\nsleep 30 &\necho $! > " + pidFile + "\nwait\n```\n"
			cmd, tmp := startPipedocs(t, exe, article)
			waitFor(t, pidFile)
			data, _ := os.ReadFile(pidFile)
			pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
			if err != nil {
				t.Fatalf("pid file: %q", data)
			}
			interrupt(t, cmd, sig)
			if deadline := time.Now().Add(time.Second); !gone(pid, deadline) {
				t.Errorf("the snippet's sleep (pid %d) outlived pipedocs", pid)
			}
			assertEmpty(t, tmp)
		})
		t.Run("parse/"+sig.String(), func(t *testing.T) {
			t.Parallel()
			cmd, tmp := startPipedocs(t, exe, deep.String())
			// Busy for a second of CPU: far past its start (a test
			// binary built with -race takes a fifth of one to start, and
			// a loaded machine longer in wall time), so deep in the parse.
			waitCPU(t, cmd.Process.Pid, 100)
			interrupt(t, cmd, sig)
			assertEmpty(t, tmp)
		})
	}
}

// startPipedocs starts `pipedocs check --no-cache` on a site of one
// article with body, and returns it and the folder it has as TMPDIR.
func startPipedocs(t *testing.T, exe, body string) (*exec.Cmd, string) {
	t.Helper()
	site, tmp := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "+++\ntitle = \"T\"\n+++\n\n" + body
	if err := os.WriteFile(filepath.Join(site, "content", "a.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "check", "--no-cache", "--source", site)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "XDG_CACHE_HOME="+filepath.Join(site, ".cache"))
	cmd.Stdout, cmd.Stderr = new(bytes.Buffer), new(bytes.Buffer)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, tmp
}

// interrupt signals cmd and fails unless it exits within a second,
// saying it was interrupted.
func interrupt(t *testing.T, cmd *exec.Cmd, sig syscall.Signal) {
	t.Helper()
	start := time.Now()
	if err := cmd.Process.Signal(sig); errors.Is(err, os.ErrProcessDone) {
		// Only a parse with a depth limit ends this soon: nothing to stop.
		t.Skipf("pipedocs ended before the signal: %s", cmd.Stderr)
	} else if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == exitBadInput {
			// A parse with a depth limit may end before the signal.
			t.Skipf("pipedocs rejected its input before the signal: %s", cmd.Stderr)
		}
		if !errors.As(err, &exit) || exit.ExitCode() != exitFailed {
			t.Errorf("pipedocs ended with %v, want exit status %d", err, exitFailed)
		}
		if stderr := cmd.Stderr.(*bytes.Buffer).String(); !strings.Contains(stderr, "pipedocs: interrupted") {
			t.Errorf("stderr = %q, want it to say interrupted", stderr)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("pipedocs took %v to end after %v, want under a second", d, sig)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("pipedocs still runs 5s after %v", sig)
	}
}

// waitFor waits, up to 10s, until name exists and is not empty.
func waitFor(t *testing.T, name string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if data, err := os.ReadFile(name); err == nil && len(bytes.TrimSpace(data)) > 0 {
			return
		}
	}
	t.Fatalf("%s did not appear", name)
}

// waitCPU waits, up to 20s, until process pid has used ticks clock
// ticks (1/100 s) of CPU time, as /proc/PID/stat counts them.
func waitCPU(t *testing.T, pid, ticks int) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return // gone already, or no /proc: interrupt says which
		}
		// Fields after the command name, which is in parentheses: state
		// is the first, utime and stime the 12th and 13th.
		fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(fields) < 13 {
			t.Fatalf("/proc/%d/stat: %q", pid, data)
		}
		utime, _ := strconv.Atoi(fields[11])
		stime, _ := strconv.Atoi(fields[12])
		if utime+stime >= ticks {
			return
		}
	}
	t.Fatalf("pipedocs used under %d ticks of CPU in 20s", ticks)
}

// gone reports whether process pid has ended by deadline.
func gone(pid int, deadline time.Time) bool {
	for {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// assertEmpty fails unless dir, pipedocs' TMPDIR, holds nothing.
func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
}
