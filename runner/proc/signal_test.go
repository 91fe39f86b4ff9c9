package proc

import (
	"context"
	"errors"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestSignal interrupts a program that handles SIGINT, as a reader's
// Ctrl-C would, and checks that it runs its handler and ends as it
// chooses; then that Signal after the end does nothing.
func TestSignal(t *testing.T) {
	forEachMechanism(t, func(t *testing.T, cgroup bool) {
		g, err := newGroup(context.Background(), cgroup, false)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Kill()
		dir := runDir(t)
		p, err := g.Start(Cmd{
			Path: "/bin/sh",
			Args: []string{"sh", "-c", `trap 'echo interrupted; exit 7' INT; echo waiting; while :; do sleep 0.05; done`},
			Dir:  dir, Env: []string{"PATH=/usr/bin:/bin"}, Timeout: 10 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.WaitFor("waiting", 5*time.Second); err != nil {
			t.Fatal(err)
		}
		if err := p.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		o, err := p.Wait()
		if err != nil {
			t.Fatal(err)
		}
		if string(o.Output) != "waiting\ninterrupted\n" || o.ExitCode != 7 || o.Signal != 0 || o.TimedOut {
			t.Errorf("got %q exit %d signal %v timed out %v; want the handler's output and exit 7", o.Output, o.ExitCode, o.Signal, o.TimedOut)
		}
		if err := p.Signal(syscall.SIGINT); !errors.Is(err, os.ErrProcessDone) {
			t.Errorf("Signal after the end: %v, want os.ErrProcessDone", err)
		}
	})
}
