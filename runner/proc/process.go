package proc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"
)

// The errors of WaitFor.
var (
	ErrOutputEnded = errors.New("proc: output ended")
	ErrWaitTimeout = errors.New("proc: wait timed out")
)

// A Process is one program started in a Group.
type Process struct {
	g        *Group
	path     string
	pid      int
	proc     *os.Process
	tr       tree
	out      *outputPipe
	in       *input
	ctx      context.Context // done with the group's context, or when the group is killed
	stop     context.CancelFunc
	t0       time.Time
	deadline time.Time // zero: no timeout
	limit    int64

	mu      sync.Mutex
	shown   []byte        // the output so far; never written below its length
	ended   bool          // shown is all there will be
	changed chan struct{} // closed when shown or ended changes; made by a waiter

	sigMu sync.Mutex // held while Signal signals, so that the program is not reaped meanwhile
	over  bool       // the program is over: Signal must not signal; guarded by sigMu

	done    chan struct{} // closed when outcome and err are set
	outcome Outcome
	err     error
}

// Pid returns the program's process id.
func (p *Process) Pid() int { return p.pid }

// Wait waits until the program and its tree are over, as Run does, and
// returns how it ended. It may be called more than once.
func (p *Process) Wait() (Outcome, error) {
	<-p.done
	return p.outcome, p.err
}

// Output returns a copy of what the program has written so far.
func (p *Process) Output() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Clone(p.shown)
}

// WaitFor waits until the output so far contains text, and returns nil
// then; ErrOutputEnded if the output ends without it (the program ended,
// was killed, or reached its limit), ErrWaitTimeout if timeout (0: none)
// passes first. Either way the program runs on, or not, as before.
func (p *Process) WaitFor(text string, timeout time.Duration) error {
	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		expired = t.C
	}
	want := []byte(text)
	from := 0 // the text cannot start before from
	for {
		p.mu.Lock()
		found := bytes.Contains(p.shown[from:], want)
		from = max(0, len(p.shown)-len(want)+1)
		ended := p.ended
		if p.changed == nil {
			p.changed = make(chan struct{})
		}
		changed := p.changed
		p.mu.Unlock()
		switch {
		case found:
			return nil
		case ended:
			return ErrOutputEnded
		}
		select {
		case <-changed:
		case <-expired:
			return ErrWaitTimeout
		}
	}
}

// WaitQuiet waits until the program has written nothing for quiet, or
// its output has ended, or bound has passed, whichever comes first: what
// a program says in answer to something just done (a server noting that
// its client went away) is in its Output then. The program runs on, or
// not, as before.
func (p *Process) WaitQuiet(quiet, bound time.Duration) {
	stop := time.NewTimer(bound)
	defer stop.Stop()
	for {
		p.mu.Lock()
		ended := p.ended
		if p.changed == nil {
			p.changed = make(chan struct{})
		}
		changed := p.changed
		p.mu.Unlock()
		if ended {
			return
		}
		silence := time.NewTimer(quiet)
		select {
		case <-changed:
			silence.Stop()
		case <-silence.C:
			return
		case <-stop.C:
			silence.Stop()
			return
		}
	}
}

// publish makes b the output so far.
func (p *Process) publish(b []byte) {
	p.mu.Lock()
	p.shown = b
	p.notify()
	p.mu.Unlock()
}

// notify wakes the waiters of WaitFor; p.mu is held.
func (p *Process) notify() {
	if p.changed != nil {
		close(p.changed)
		p.changed = nil
	}
}

// collect reads the program's output until it ends, then kills and reaps
// its tree and sets its outcome.
func (p *Process) collect() {
	defer close(p.done)
	defer reap.leave()
	o := &p.outcome
	var end ending
	var rdErr error
	o.Output, end, rdErr = p.out.read(p.ctx, p.deadline, p.limit, p.publish)
	p.mu.Lock()
	p.shown, p.ended = o.Output, true
	p.notify()
	p.mu.Unlock()

	var exited <-chan struct{}
	if end == endEOF {
		// The tree closed its output, but the child itself may still run:
		// `prog 2>&1 | cat` would wait for it too.
		end, exited = waitExit(p.ctx, p.pid, p.deadline)
	}
	cancelled := end == endDeadline && p.g.ctx.Err() != nil
	killed := end == endDeadline && p.ctx.Err() != nil
	o.TimedOut = end == endDeadline && !killed
	o.OverLimit = end == endLimit

	p.end()
	p.tr.kill(p.pid)
	// By pid too: the child may have moved itself to another group of
	// our session, and the watcher below must not wait for it forever.
	p.proc.Signal(syscall.SIGKILL)
	if exited != nil {
		<-exited
	}
	state, werr := p.proc.Wait()
	reap.forget(p.pid)
	rerr := p.tr.release(p.pid)
	p.in.stop()
	p.in.close()
	p.out.close()
	p.stop()
	o.Duration = time.Since(p.t0)

	if werr != nil {
		p.err = fmt.Errorf("proc: wait %s: %w", p.path, werr)
		return
	}
	ws := state.Sys().(syscall.WaitStatus)
	o.ExitCode = ws.ExitStatus()
	if ws.Signaled() {
		o.Signal = ws.Signal()
	}
	switch {
	case rdErr != nil:
		p.err = rdErr
	case rerr != nil:
		p.err = rerr
	case cancelled:
		p.err = p.g.ctx.Err()
	}
}
