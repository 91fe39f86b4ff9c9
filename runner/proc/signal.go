package proc

import (
	"os"
	"syscall"
)

// Signal sends sig to the program's process group, as a terminal sends
// SIGINT for Ctrl-C to its foreground job: the program and the children
// that stayed in its group get it, and it is theirs to handle. Once the
// program is over (its tree being killed, or reaped) Signal does nothing
// and returns os.ErrProcessDone: the group's id may then name someone
// else's processes.
func (p *Process) Signal(sig syscall.Signal) error {
	p.sigMu.Lock()
	defer p.sigMu.Unlock()
	if p.over {
		return os.ErrProcessDone
	}
	// The program is not reaped while over is false (collect sets it
	// first), so its pid, which is its group's id, is still ours.
	return syscall.Kill(-p.pid, sig)
}

// end marks the program as over for Signal, before its tree is killed
// and it is reaped.
func (p *Process) end() {
	p.sigMu.Lock()
	p.over = true
	p.sigMu.Unlock()
}
