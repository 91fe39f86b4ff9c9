package proc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// mechanisms are the two ways of containing a run; every test that kills
// a tree runs under both. The cgroup one is skipped where cgroups are not
// usable, in which case Run itself uses the fallback.
var mechanisms = []struct {
	name   string
	cgroup bool
}{
	{"cgroup", true},
	{"fallback", false},
}

func forEachMechanism(t *testing.T, f func(t *testing.T, cgroup bool)) {
	for _, m := range mechanisms {
		t.Run(m.name, func(t *testing.T) {
			if _, ok := cgroups.parent(); m.cgroup && !ok {
				t.Skip("cgroup v2 not usable here")
			}
			f(t, m.cgroup)
		})
	}
}

func interleaved() string {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, "out %d\nerr %d\n", i, i)
	}
	return b.String()
}

func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		helper  string
		stdin   []byte
		timeout time.Duration
		limit   int64

		out      string // exact output, unless outLen is set
		outLen   int
		exit     int
		sig      syscall.Signal
		anyExit  bool // the run may end before or after the child exits
		timedOut bool
		over     bool
		pids     int // processes that note their pid
		maxTime  time.Duration
	}{
		{name: "stdout and stderr", helper: "hello", out: "hello\nworld\n"},
		{name: "exit status", helper: "exit3", out: "bye\n", exit: 3, pids: 1},
		{name: "SIGSEGV", helper: "segv", exit: -1, sig: syscall.SIGSEGV, pids: 1},
		{name: "SIGKILL", helper: "sigkill", exit: -1, sig: syscall.SIGKILL, pids: 1},
		{name: "bytes kept as they are", helper: "bytes", out: "a\x00b\xff\xfe\xc0\n\x00\xed\xa0\x80"},
		{name: "interleaving kept", helper: "interleave", out: interleaved()},
		{name: "no stdin is EOF at once", helper: "cat", out: "<EOF after 0 bytes, err <nil>>\n"},
		{name: "empty stdin", helper: "cat", stdin: []byte{}, out: "<EOF after 0 bytes, err <nil>>\n"},
		{name: "stdin delivered", helper: "cat", stdin: []byte("line 1\n\x00line 2"), out: "line 1\n\x00line 2<EOF after 14 bytes, err <nil>>\n"},
		{name: "stdin larger than a pipe", helper: "cat", stdin: bytes.Repeat([]byte("z"), 1<<20), outLen: 1<<20 + len("<EOF after 1048576 bytes, err <nil>>\n")},
		{name: "stdin never read", helper: "exit3", stdin: bytes.Repeat([]byte("z"), 1<<20), out: "bye\n", exit: 3, pids: 1},
		{name: "infinite loop times out", helper: "loop", timeout: 2 * time.Second,
			out: "spinning\n", exit: -1, sig: syscall.SIGKILL, timedOut: true, pids: 1, maxTime: 7 * time.Second},
		{name: "grandchild prints after parent exits", helper: "late",
			out: "parent done\ngrandchild after parent\n", pids: 2},
		{name: "grandchild holding stdout times out", helper: "hold", timeout: 3 * time.Second,
			out: "parent done\n", timedOut: true, pids: 2, maxTime: 8 * time.Second},
		{name: "setsid daemon killed", helper: "setsid", out: "daemon started\n", pids: 2},
		{name: "double fork daemon killed", helper: "doublefork", out: "daemon started\n", pids: 3},
		{name: "flood stops at limit", helper: "flood", limit: 100_000, timeout: 10 * time.Second,
			outLen: 100_000, exit: -1, sig: syscall.SIGKILL, over: true, pids: 1, maxTime: 5 * time.Second},
		{name: "exactly the limit is fine", helper: "hello", limit: 12, out: "hello\nworld\n"},
		{name: "one byte over the limit", helper: "hello", limit: 11, out: "hello\nworld", anyExit: true, over: true},
	}
	forEachMechanism(t, func(t *testing.T, cgroup bool) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				dir := runDir(t)
				c := helperCmd(t, tt.helper, dir)
				c.Stdin, c.Timeout, c.OutputLimit = tt.stdin, tt.timeout, tt.limit

				o, err := run(context.Background(), c, cgroup)
				if err != nil {
					t.Fatalf("run: %v", err)
				}
				if tt.outLen > 0 {
					if len(o.Output) != tt.outLen {
						t.Errorf("output is %d bytes, want %d", len(o.Output), tt.outLen)
					}
				} else if string(o.Output) != tt.out {
					t.Errorf("output = %q, want %q", clip(o.Output), clip([]byte(tt.out)))
				}
				if !tt.anyExit && (o.ExitCode != tt.exit || o.Signal != tt.sig) {
					t.Errorf("exit %d, signal %v; want exit %d, signal %v", o.ExitCode, o.Signal, tt.exit, tt.sig)
				}
				if o.TimedOut != tt.timedOut || o.OverLimit != tt.over {
					t.Errorf("TimedOut %v, OverLimit %v; want %v, %v", o.TimedOut, o.OverLimit, tt.timedOut, tt.over)
				}
				if tt.timedOut && o.Duration < tt.timeout {
					t.Errorf("timed out after %v, before the timeout %v", o.Duration, tt.timeout)
				}
				if tt.maxTime > 0 && o.Duration > tt.maxTime {
					t.Errorf("run took %v, want at most %v", o.Duration, tt.maxTime)
				}
				assertGone(t, dir, tt.pids)
			})
		}
	})
}

// clip shortens long outputs in failure messages.
func clip(b []byte) []byte {
	if len(b) > 200 {
		return append(b[:100:100], "..."...)
	}
	return b
}

func TestCancelKillsTree(t *testing.T) {
	forEachMechanism(t, func(t *testing.T, cgroup bool) {
		dir := runDir(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var cancelled time.Time
		go func() {
			awaitFile(dir + "/sleeper.ready")
			cancelled = time.Now()
			cancel()
		}()
		o, err := run(ctx, helperCmd(t, "hold", dir), cgroup)
		returned := time.Now()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		if o.TimedOut {
			t.Error("a cancelled run reported a timeout")
		}
		if string(o.Output) != "parent done\n" {
			t.Errorf("output = %q, want the partial %q", o.Output, "parent done\n")
		}
		if d := returned.Sub(cancelled); d > time.Second {
			t.Errorf("Run returned %v after cancellation", d)
		}
		assertGone(t, dir, 2)
	})
}

func TestCancelledBeforeStart(t *testing.T) {
	dir := runDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, helperCmd(t, "exit3", dir)); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	assertGone(t, dir, 0)
}

func TestConcurrentRuns(t *testing.T) {
	forEachMechanism(t, func(t *testing.T, cgroup bool) {
		helpers := []string{"setsid", "doublefork", "late", "hello", "setsid", "doublefork"}
		pids := []int{2, 3, 2, 0, 2, 3}
		dirs := make([]string, len(helpers))
		var wg sync.WaitGroup
		for i, h := range helpers {
			dirs[i] = runDir(t)
			wg.Go(func() {
				if _, err := run(context.Background(), helperCmd(t, h, dirs[i]), cgroup); err != nil {
					t.Errorf("%s: %v", h, err)
				}
			})
		}
		wg.Wait()
		// In the fallback, a daemon that escaped while other runs were in
		// flight may outlive its own run, but not the last one.
		for i, dir := range dirs {
			assertGone(t, dir, pids[i])
		}
	})
}

func TestNoDescriptorLeaks(t *testing.T) {
	// Descriptors of ours that a careless exec would pass on: a file, a
	// pipe, and the pipes of another run in flight.
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()

	busy := runDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		c := helperCmd(t, "hold", busy)
		c.Stdin = []byte("held")
		run(ctx, c, true)
	}()
	awaitFile(busy + "/sleeper.ready")
	defer func() { cancel(); <-done }()

	// And one without close-on-exec, like those a shell leaves us. The
	// first Run has marked the ones we inherited; this one comes later,
	// so the child does see it, which shows that the check can fail.
	inherited, err := unix.Dup(int(f.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(inherited)
	o, err := Run(context.Background(), helperCmd(t, "fds", runDir(t)))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("fd %d -> /dev/null\n", inherited); !strings.Contains(string(o.Output), want) {
		t.Fatalf("the child does not report the descriptor %d we leaked on purpose:\n%s", inherited, o.Output)
	}
	closeInheritedOnExec()

	forEachMechanism(t, func(t *testing.T, cgroup bool) {
		for _, stdin := range [][]byte{nil, []byte("x")} {
			c := helperCmd(t, "fds", runDir(t))
			c.Stdin = stdin
			o, err := run(context.Background(), c, cgroup)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(o.Output); got != "own group: true\n" {
				t.Errorf("stdin %q: the child sees more than 0, 1 and 2, or shares a process group:\n%s", stdin, got)
			}
		}
	})
}

func TestEnvironmentIsExactlyEnv(t *testing.T) {
	t.Setenv("PROC_TEST_SECRET", "ours")
	dir := runDir(t)
	c := helperCmd(t, "env", dir)
	c.Env = append(c.Env, "ONLY=this")
	o, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(c.Env, "\n") + "\n"; string(o.Output) != want {
		t.Errorf("child environment:\n%s\nwant:\n%s", o.Output, want)
	}
}

func TestStartErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		c    Cmd
		want error
	}{
		{"not in PATH", Cmd{Path: "no-such-program-proc-test", Env: []string{"PATH=" + dir}}, exec.ErrNotFound},
		{"no PATH at all", Cmd{Path: "sh"}, exec.ErrNotFound},
		{"missing file", Cmd{Path: dir + "/missing"}, os.ErrNotExist},
		{"not executable", Cmd{Path: dir}, os.ErrPermission},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), tt.c)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestLookPathUsesChildPath(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, name := self[:strings.LastIndexByte(self, '/')], self[strings.LastIndexByte(self, '/')+1:]
	got, err := lookPath(name, []string{"PATH=/nonexistent::" + dir, "PATH=/second/ignored"})
	if err != nil || got != self {
		t.Errorf("lookPath = %q, %v; want %q", got, err, self)
	}
}

// TestOutputMemoryBounded runs a child that prints without end and checks
// that what we allocate follows the limit, not the child.
func TestOutputMemoryBounded(t *testing.T) {
	const limit = 256 << 10
	dir := runDir(t)
	c := helperCmd(t, "flood", dir)
	c.OutputLimit = limit
	var before, after runtimeMem
	before.read()
	o, err := Run(context.Background(), c)
	after.read()
	if err != nil {
		t.Fatal(err)
	}
	if !o.OverLimit || len(o.Output) != limit || cap(o.Output) > limit+1 {
		t.Fatalf("OverLimit %v, len %d, cap %d; want true, %d, at most %d", o.OverLimit, len(o.Output), cap(o.Output), limit, limit+1)
	}
	// Doubling from 4 KiB to limit+1 allocates less than 2×limit in all;
	// the rest is the run's small change.
	if got := after.total - before.total; got > 2*limit+64<<10 {
		t.Errorf("a run capped at %d bytes allocated %d bytes", limit, got)
	}
	assertGone(t, dir, 1)
}
