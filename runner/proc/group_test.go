package proc

import (
	"context"
	"errors"
	"os"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// groupDir returns the group's cgroup directory, or "" in the fallback.
func groupDir(g *Group) string {
	if c, ok := g.box.(*cgroupContainer); ok {
		return c.dir
	}
	return ""
}

// alive reports whether pid is a live process (not a zombie).
func alive(pid int) bool {
	st, ok := readStat(pid)
	return ok && !st.zombie
}

// TestGroupWaitOneKillAll starts a server and a program that leaves a
// daemon in one group, waits for the program while the server runs on,
// then kills the group and checks that nothing is left.
func TestGroupWaitOneKillAll(t *testing.T) {
	forEachMechanism(t, func(t *testing.T, cgroup bool) {
		g, err := newGroup(context.Background(), cgroup, false)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Kill()
		serverDir, daemonDir := runDir(t), runDir(t)
		server, err := g.Start(helperCmd(t, "server", serverDir))
		if err != nil {
			t.Fatal(err)
		}
		daemon, err := g.Start(helperCmd(t, "setsid", daemonDir))
		if err != nil {
			t.Fatal(err)
		}
		o, err := daemon.Wait()
		if err != nil || string(o.Output) != "daemon started\n" || o.ExitCode != 0 {
			t.Fatalf("daemon program: %q, exit %d, err %v", o.Output, o.ExitCode, err)
		}
		if !alive(server.Pid()) {
			t.Fatal("the server died when its neighbour ended")
		}
		if cgroup {
			// Its own cgroup goes with a program; in the fallback an
			// escaped daemon waits for the last program out.
			assertGone(t, daemonDir, 2)
		}
		if dir := groupDir(g); cgroup && dir == "" {
			t.Fatal("a cgroup group has no cgroup")
		}
		dir := groupDir(g)

		if err := g.Kill(); err != nil {
			t.Fatal(err)
		}
		o, err = server.Wait()
		if err != nil || o.Signal != syscall.SIGKILL || o.TimedOut {
			t.Errorf("server after Kill: signal %v, timed out %v, err %v; want SIGKILL", o.Signal, o.TimedOut, err)
		}
		assertGone(t, serverDir, 1)
		assertGone(t, daemonDir, 2)
		if dir != "" {
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("group cgroup %s still there after Kill: %v", dir, err)
			}
		}
		if _, err := g.Start(helperCmd(t, "hello", runDir(t))); !errors.Is(err, ErrKilled) {
			t.Errorf("Start after Kill: %v, want ErrKilled", err)
		}
	})
}

// TestWaitFor reads a background program's output while it runs.
func TestWaitFor(t *testing.T) {
	forEachMechanism(t, func(t *testing.T, cgroup bool) {
		g, err := newGroup(context.Background(), cgroup, false)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Kill()
		dir := runDir(t)
		p, err := g.Start(helperCmd(t, "server", dir))
		if err != nil {
			t.Fatal(err)
		}
		// The text arrives in two writes 50 ms apart.
		if err := p.WaitFor("ready on port", 10*time.Second); err != nil {
			t.Fatalf("WaitFor ready: %v (output %q)", err, p.Output())
		}
		if got := string(p.Output()); got != "starting\nready on port 1234\n" {
			t.Errorf("Output() = %q", got)
		}
		if !alive(p.Pid()) {
			t.Fatal("the server is not running after it said it was ready")
		}
		t0 := time.Now()
		if err := p.WaitFor("never printed", 100*time.Millisecond); !errors.Is(err, ErrWaitTimeout) {
			t.Errorf("WaitFor a missing text: %v, want ErrWaitTimeout", err)
		}
		if d := time.Since(t0); d < 100*time.Millisecond || d > 2*time.Second {
			t.Errorf("WaitFor with a 100ms timeout took %v", d)
		}
		waited := make(chan error, 1)
		go func() { waited <- p.WaitFor("never printed", 0) }()
		g.Kill()
		if err := <-waited; !errors.Is(err, ErrOutputEnded) {
			t.Errorf("WaitFor across Kill: %v, want ErrOutputEnded", err)
		}
		if err := p.WaitFor("starting", 0); err != nil {
			t.Errorf("WaitFor a text seen before the end: %v", err)
		}
		assertGone(t, dir, 1)
	})
}

// TestWaitQuiet waits for a background program to stop printing: what
// it prints soon after it was last heard from is in its output, and one
// that never stops is waited for no longer than the bound.
func TestWaitQuiet(t *testing.T) {
	g, err := NewGroup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Kill()
	sh := func(script string) *Process {
		p, err := g.Start(Cmd{Path: "/bin/sh", Args: []string{"sh", "-c", script}, Dir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	settles := sh("echo a; sleep 0.05; echo b; sleep 0.05; echo c; exec sleep 100")
	if err := settles.WaitFor("a", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	settles.WaitQuiet(500*time.Millisecond, 10*time.Second)
	if got := string(settles.Output()); got != "a\nb\nc\n" {
		t.Errorf("after WaitQuiet: output %q, want the three lines", got)
	}

	chatty := sh("while :; do echo tick; sleep 0.01; done")
	t0 := time.Now()
	chatty.WaitQuiet(500*time.Millisecond, 300*time.Millisecond)
	if d := time.Since(t0); d < 300*time.Millisecond || d > 3*time.Second {
		t.Errorf("WaitQuiet of a program that never stops took %v, want about its 300ms bound", d)
	}

	ended := sh("echo done")
	ended.Wait()
	t0 = time.Now()
	ended.WaitQuiet(time.Minute, time.Minute)
	if d := time.Since(t0); d > time.Second {
		t.Errorf("WaitQuiet of a program that ended took %v", d)
	}
}

// TestGroupCancel cancels the context of a group with two programs
// running and checks that both are killed at once.
func TestGroupCancel(t *testing.T) {
	forEachMechanism(t, func(t *testing.T, cgroup bool) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		g, err := newGroup(ctx, cgroup, false)
		if err != nil {
			t.Fatal(err)
		}
		dirs := []string{runDir(t), runDir(t)}
		var procs []*Process
		for i, h := range []string{"server", "hold"} {
			p, err := g.Start(helperCmd(t, h, dirs[i]))
			if err != nil {
				t.Fatal(err)
			}
			procs = append(procs, p)
		}
		if err := procs[0].WaitFor("ready", 10*time.Second); err != nil {
			t.Fatal(err)
		}
		awaitFile(dirs[1] + "/sleeper.ready")
		cancelled := time.Now()
		cancel()
		for _, p := range procs {
			if _, err := p.Wait(); !errors.Is(err, context.Canceled) {
				t.Errorf("Wait after cancel: %v, want context.Canceled", err)
			}
		}
		if err := g.Kill(); err != nil {
			t.Error(err)
		}
		d := time.Since(cancelled)
		if d > time.Second {
			t.Errorf("the group took %v to end after cancellation", d)
		}
		t.Logf("the group ended %v after cancellation", d)
		assertGone(t, dirs[0], 1)
		assertGone(t, dirs[1], 2)
		if _, err := g.Start(helperCmd(t, "hello", runDir(t))); !errors.Is(err, context.Canceled) {
			t.Errorf("Start after cancel: %v, want context.Canceled", err)
		}
	})
}

// TestCleanupKillsLiveGroups leaves a group running and checks that
// killAll, which Cleanup calls, ends it.
func TestCleanupKillsLiveGroups(t *testing.T) {
	g, err := NewGroup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := runDir(t)
	p, err := g.Start(helperCmd(t, "server", dir))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WaitFor("starting", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := killAll(); err != nil {
		t.Fatal(err)
	}
	if o, _ := p.Wait(); o.Signal != unix.SIGKILL {
		t.Errorf("signal %v, want SIGKILL", o.Signal)
	}
	assertGone(t, dir, 1)
}
