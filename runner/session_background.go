package runner

import (
	"errors"

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
