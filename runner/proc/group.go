package proc

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"
)

// ErrKilled is the error of Start on a Group that was killed.
var ErrKilled = errors.New("proc: group killed")

// A Group is a set of programs contained together: started one by one,
// waited on apart, killed all at once. A Group holds one cgroup, in
// which each program has a cgroup of its own (or, in the fallback, each
// program is a process group); see the package documentation.
//
// A program's tree lives until that program's Wait would return: its
// output closed and the program exited, its timeout or output limit
// reached, the Group's context done, or the Group killed. Then every
// process the program started is killed. A program meant to run beside
// others, a server say, is started as a program of its own and waited on
// last.
type Group struct {
	ctx context.Context

	mu     sync.Mutex
	box    container
	procs  []*Process
	killed bool

	released chan struct{} // closed when Kill is over
	err      error         // Kill's error
}

// live are the groups not killed yet, for Cleanup.
var live = struct {
	sync.Mutex
	groups map[*Group]bool
}{groups: map[*Group]bool{}}

// NewGroup makes an empty group. When ctx is done, every program in the
// group is killed at once, as by Kill; the group itself is freed by
// Kill, which must always be called.
func NewGroup(ctx context.Context) (*Group, error) {
	return newGroup(ctx, true, false)
}

// newGroup is NewGroup with the choice of containment left to the caller
// (tests exercise the fallback where cgroups work), and for Run's group
// of one program, single.
func newGroup(ctx context.Context, cgroupOK, single bool) (*Group, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := reap.setup(); err != nil {
		return nil, err
	}
	box, err := newContainer(cgroupOK, single)
	if err != nil {
		return nil, err
	}
	g := &Group{ctx: ctx, box: box, released: make(chan struct{})}
	live.Lock()
	live.groups[g] = true
	live.Unlock()
	return g, nil
}

// Start starts c in the group. Its output is read from then on, whether
// or not anyone waits for it.
func (g *Group) Start(c Cmd) (*Process, error) {
	if err := g.ctx.Err(); err != nil {
		return nil, err
	}
	path, err := lookPath(c.Path, c.Env)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.killed {
		return nil, ErrKilled
	}
	if err := reap.enter(); err != nil {
		return nil, err
	}
	p, err := g.start(path, c)
	if err != nil {
		reap.leave()
		return nil, err
	}
	g.procs = append(g.procs, p)
	go p.collect()
	return p, nil
}

// start makes c's pipes and starts it.
func (g *Group) start(path string, c Cmd) (*Process, error) {
	t0 := time.Now()
	out, err := newOutputPipe()
	if err != nil {
		return nil, err
	}
	in, err := newInput(c.Stdin)
	if err != nil {
		out.close()
		return nil, err
	}
	tr, child, err := g.startChild(path, c, in.child, out.w)
	if err != nil {
		in.close()
		out.close()
		return nil, err
	}
	// Only the child may hold these ends now: EOF on out.r must mean
	// that the child's tree has closed its stdout and stderr.
	out.closeChild()
	in.closeChild()
	in.feed()
	ctx, stop := context.WithCancel(g.ctx)
	p := &Process{
		g: g, path: path, pid: child.Pid, proc: child, tr: tr, out: out, in: in,
		ctx: ctx, stop: stop, t0: t0, limit: c.OutputLimit, done: make(chan struct{}),
	}
	if c.Timeout > 0 {
		p.deadline = t0.Add(c.Timeout)
	}
	return p, nil
}

// startChild starts the child in a new tree of the group. When clone3
// turns out to be forbidden (a seccomp filter answering ENOSYS), cgroups
// are given up for good and the child starts in the fallback instead;
// when the kernel refuses a user namespace, they are given up.
func (g *Group) startChild(path string, c Cmd, stdin, output *os.File) (tree, *os.Process, error) {
	for {
		tr, err := g.box.newTree()
		if err != nil {
			return nil, nil, err
		}
		sys := &syscall.SysProcAttr{Setpgid: true}
		tr.prepare(sys)
		userns := isolation.prepare(sys)
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
		if _, inCgroup := g.box.(*cgroupContainer); inCgroup && errors.Is(err, syscall.ENOSYS) && len(g.procs) == 0 {
			cgroups.disable()
			g.box.release()
			g.box = pgrpContainer{}
			continue
		}
		if userns && refused(err) {
			isolation.disable()
			continue
		}
		return nil, nil, fmt.Errorf("proc: start %s: %w", path, err)
	}
}

// Kill kills every program of the group and everything they started,
// waits until all are gone and reaped, and frees the group. A program's
// Wait then returns at once, with Signal SIGKILL unless it had ended.
// Kill may be called more than once, and from any goroutine; every call
// returns when the group is freed.
func (g *Group) Kill() error {
	g.mu.Lock()
	if g.killed {
		g.mu.Unlock()
		<-g.released
		return g.err
	}
	g.killed = true
	procs := g.procs
	g.mu.Unlock()

	for _, p := range procs {
		p.stop()
	}
	// A program's own errors are its Wait's.
	for _, p := range procs {
		<-p.done
	}
	g.err = g.box.release()
	live.Lock()
	delete(live.groups, g)
	live.Unlock()
	close(g.released)
	return g.err
}

// killAll kills every live group, for Cleanup.
func killAll() error {
	live.Lock()
	groups := make([]*Group, 0, len(live.groups))
	for g := range live.groups {
		groups = append(groups, g)
	}
	live.Unlock()
	var errs []error
	for _, g := range groups {
		errs = append(errs, g.Kill())
	}
	return errors.Join(errs...)
}
