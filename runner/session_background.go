package runner

import (
	"errors"
	"time"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// A background is a Background step of a running session: started, and
// waited for until it was ready.
type background struct {
	j        int // its step
	st       *started
	ended    chan struct{} // closed when the program is over
	notReady bool          // its output never held its Ready text
	timedOut bool          // because Timeout passed first
}

// startBackground waits until the Background program st of step j is
// ready: its output contains s.Ready, it ended, or s.Timeout passed.
// Either way the session goes on; a program that was not ready fails at
// its own step, and the steps after it run as they can.
func startBackground(j int, st *started, s *Spec) *background {
	bg := &background{j: j, st: st, ended: make(chan struct{})}
	go func() {
		st.p.Wait()
		close(bg.ended)
	}()
	if s.Ready == "" {
		return bg
	}
	switch err := st.p.WaitFor(s.Ready, s.Timeout); {
	case errors.Is(err, proc.ErrWaitTimeout):
		bg.notReady, bg.timedOut = true, true
	case err != nil:
		bg.notReady = true
	}
	return bg
}

// A background program's last words: at the end of its session it is
// given until it has been silent for settleQuiet, but no more than
// settleBound, to print what it has to say about the steps just run (a
// server noting that its last client went away), as a reader looking at
// its terminal would see it; then it is killed.
const (
	settleQuiet = 200 * time.Millisecond
	settleBound = 2 * time.Second
)

// settle waits for the program's last words (see settleQuiet).
func (bg *background) settle() {
	if bg.running() {
		bg.st.p.WaitQuiet(settleQuiet, settleBound)
	}
}

// running reports whether the program is still running.
func (bg *background) running() bool {
	select {
	case <-bg.ended:
		return false
	default:
		return true
	}
}

// result is the program's Result once its session has killed it;
// running says whether it was still running until then, as it should.
func (bg *background) result(running bool, lang string) (Result, error) {
	res, err := bg.st.wait(lang)
	if running {
		res.Stopped, res.Exit, res.Signal = true, 0, ""
	}
	res.NotReady = bg.notReady
	res.TimedOut = res.TimedOut || bg.timedOut
	return res, err
}
