package proc

import (
	"context"
	"errors"
	"fmt"
	"os"
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
func Run(ctx context.Context, c Cmd) (Outcome, error) {
	return run(ctx, c, true)
}

// run is Run with the choice of containment left to the caller, so that
// tests can exercise the fallback on a machine where cgroups work.
func run(ctx context.Context, c Cmd, cgroupOK bool) (Outcome, error) {
	if err := ctx.Err(); err != nil {
		return Outcome{}, err
	}
	path, err := lookPath(c.Path, c.Env)
	if err != nil {
		return Outcome{}, err
	}
	if err := reap.enter(); err != nil {
		return Outcome{}, err
	}
	defer reap.leave()

	t0 := time.Now()
	var deadline time.Time
	if c.Timeout > 0 {
		deadline = t0.Add(c.Timeout)
	}

	out, err := newOutputPipe()
	if err != nil {
		return Outcome{}, err
	}
	defer out.close()
	in, err := newInput(c.Stdin)
	if err != nil {
		return Outcome{}, err
	}
	defer in.close()

	tr, p, err := start(path, c, in.child, out.w, cgroupOK)
	if err != nil {
		return Outcome{}, err
	}
	// Only the child may hold these ends now: EOF on out.r must mean
	// that the child's tree has closed its stdout and stderr.
	out.closeChild()
	in.closeChild()
	in.feed()

	var o Outcome
	var end ending
	var rdErr error
	o.Output, end, rdErr = out.read(ctx, deadline, c.OutputLimit)
	var exited <-chan struct{}
	if end == endEOF {
		// The tree closed its output, but the child itself may still run:
		// `prog 2>&1 | cat` would wait for it too.
		end, exited = waitExit(ctx, p.Pid, deadline)
	}
	cancelled := end == endDeadline && ctx.Err() != nil
	o.TimedOut = end == endDeadline && !cancelled
	o.OverLimit = end == endLimit

	tr.kill(p.Pid)
	// By pid too: the child may have moved itself to another group of
	// our session, and the watcher below must not wait for it forever.
	p.Signal(syscall.SIGKILL)
	if exited != nil {
		<-exited
	}
	state, werr := p.Wait()
	reap.forget(p.Pid)
	rerr := tr.release(p.Pid)
	in.stop()
	o.Duration = time.Since(t0)

	if werr != nil {
		return o, fmt.Errorf("proc: wait %s: %w", path, werr)
	}
	ws := state.Sys().(syscall.WaitStatus)
	o.ExitCode = ws.ExitStatus()
	if ws.Signaled() {
		o.Signal = ws.Signal()
	}
	switch {
	case rdErr != nil:
		return o, rdErr
	case rerr != nil:
		return o, rerr
	case cancelled:
		return o, ctx.Err()
	}
	return o, nil
}

// start starts the child in a new tree. When clone3 turns out to be
// forbidden (a seccomp filter answering ENOSYS), cgroups are given up for
// good and the child starts in the fallback tree instead.
func start(path string, c Cmd, stdin, output *os.File, cgroupOK bool) (tree, *os.Process, error) {
	for {
		tr, err := newTree(cgroupOK)
		if err != nil {
			return nil, nil, err
		}
		sys := &syscall.SysProcAttr{Setpgid: true}
		tr.prepare(sys)
		env := c.Env
		if env == nil {
			// os.StartProcess reads a nil Env as "inherit ours".
			env = []string{}
		}
		attr := &os.ProcAttr{
			Dir:   c.Dir,
			Env:   env,
			Files: []*os.File{stdin, output, output},
			Sys:   sys,
		}
		p, err := reap.start(func() (*os.Process, error) {
			return os.StartProcess(path, c.Args, attr)
		})
		if err == nil {
			return tr, p, nil
		}
		tr.release(0)
		if _, inCgroup := tr.(*cgroupTree); inCgroup && errors.Is(err, syscall.ENOSYS) {
			cgroups.disable()
			continue
		}
		return nil, nil, fmt.Errorf("proc: start %s: %w", path, err)
	}
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
