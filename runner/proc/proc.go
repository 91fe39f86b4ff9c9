package proc

import (
	"context"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Cmd describes one child process.
type Cmd struct {
	Path        string        // program to execute (absolute path, or looked up in Env's PATH)
	Args        []string      // argv, Args[0] included
	Dir         string        // working directory (the caller makes and removes it)
	Env         []string      // the child's whole environment; nothing of ours is inherited
	Stdin       []byte        // nil: stdin is /dev/null; else these bytes through a pipe, then EOF
	Timeout     time.Duration // 0: no timeout (the ctx still applies)
	OutputLimit int64         // 0: no limit
}

// Outcome is how the child ended and what it wrote.
type Outcome struct {
	Output    []byte         // stdout+stderr merged in write order, at most OutputLimit bytes
	ExitCode  int            // -1 when killed by a signal
	Signal    syscall.Signal // 0 unless the child was killed by a signal (our own kill at timeout/limit included)
	TimedOut  bool
	OverLimit bool
	Duration  time.Duration
}

// Run starts c, waits for it and everything it started, and returns how it ended.
// err is for the environment (fork failed, program not found...), never for the child misbehaving.
//
// When ctx is cancelled, the whole tree is killed, and Run returns what
// was captured so far together with ctx's error.
//
// Run is a Group of one program: NewGroup, Start, Wait, Kill.
func Run(ctx context.Context, c Cmd) (Outcome, error) {
	return run(ctx, c, true)
}

// run is Run with the choice of containment left to the caller, so that
// tests can exercise the fallback on a machine where cgroups work.
func run(ctx context.Context, c Cmd, cgroupOK bool) (Outcome, error) {
	g, err := newGroup(ctx, cgroupOK, true)
	if err != nil {
		return Outcome{}, err
	}
	p, err := g.Start(c)
	if err != nil {
		g.Kill()
		return Outcome{}, err
	}
	o, err := p.Wait()
	if kerr := g.Kill(); err == nil {
		err = kerr
	}
	return o, err
}

// waitExit waits, without reaping it, until the child pid has exited, the
// deadline has passed or ctx is done. The child stays a zombie so that its
// pid, which is also its process group's id, cannot be reused before the
// group is killed. The returned channel is closed once the watcher is
// done; on endDeadline that happens only after the caller kills the child,
// and the caller must wait for it before reaping, so that the watcher
// never waits on a pid that has been reused.
func waitExit(ctx context.Context, pid int, deadline time.Time) (ending, <-chan struct{}) {
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		var info unix.Siginfo
		for {
			err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
			if err != unix.EINTR {
				return
			}
		}
	}()
	var timeout <-chan time.Time
	if !deadline.IsZero() {
		timer := time.NewTimer(time.Until(deadline))
		defer timer.Stop()
		timeout = timer.C
	}
	select {
	case <-exited:
		return endEOF, exited
	case <-timeout:
	case <-ctx.Done():
	}
	return endDeadline, exited
}
