package proc

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The test binary is also every child the tests need, as in os/exec's
// own tests: with helperEnv set, TestMain runs that helper instead of the
// tests. Helpers note their pid in a file "pid.<pid>" in their working
// directory, so a test knows every process its run started, and carry
// markEnv in their environment, so a scan of /proc finds any it missed.
const (
	helperEnv = "PROC_TEST_HELPER"
	markEnv   = "PROC_TEST_MARK"
)

func TestMain(m *testing.M) {
	if name := os.Getenv(helperEnv); name != "" {
		h, ok := helpers[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "no helper %q\n", name)
			os.Exit(100)
		}
		h()
		os.Exit(0)
	}
	code := m.Run()
	if err := Cleanup(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

var helpers = map[string]func(){
	"hello": func() {
		os.Stdout.WriteString("hello\n")
		os.Stderr.WriteString("world\n")
	},
	"exit3": func() {
		notePid()
		os.Stdout.WriteString("bye\n")
		os.Exit(3)
	},
	"segv": func() {
		notePid()
		// The Go runtime handles SIGSEGV itself; put back the default
		// action, as a C program crashing would have it. A kernel
		// sigaction of all zeros is SIG_DFL on every layout.
		var sa [4]uint64
		syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(syscall.SIGSEGV), uintptr(unsafe.Pointer(&sa)), 0, 8, 0, 0)
		syscall.Kill(os.Getpid(), syscall.SIGSEGV)
		sleepForever()
	},
	"sigkill": func() {
		notePid()
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		sleepForever()
	},
	"bytes": func() {
		os.Stdout.Write([]byte("a\x00b\xff\xfe\xc0\n"))
		os.Stderr.Write([]byte("\x00\xed\xa0\x80"))
	},
	"interleave": func() {
		for i := range 1000 {
			fmt.Fprintf(os.Stdout, "out %d\n", i)
			fmt.Fprintf(os.Stderr, "err %d\n", i)
		}
	},
	"cat": func() {
		n, err := io.Copy(os.Stdout, os.Stdin)
		fmt.Printf("<EOF after %d bytes, err %v>\n", n, err)
	},
	"env": func() {
		for _, kv := range os.Environ() {
			fmt.Println(kv)
		}
	},
	// fds lists the descriptors that crossed exec: those without
	// close-on-exec (the Go runtime opens its own files with it).
	"fds": func() {
		var open []int
		for fd := 3; fd < 1024; fd++ {
			if flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil && flags&unix.FD_CLOEXEC == 0 {
				open = append(open, fd)
			}
		}
		for _, fd := range open {
			target, _ := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
			fmt.Printf("fd %d -> %s\n", fd, target)
		}
		fmt.Printf("own group: %v\n", unix.Getpgrp() == os.Getpid())
	},
	"loop": func() {
		notePid()
		os.Stdout.WriteString("spinning\n")
		//lint:ignore SA5002 the busy loop is the point: a child that never yields, for the timeout to kill
		for {
		}
	},
	// server starts up, says it is ready in two writes, and serves forever.
	"server": func() {
		notePid()
		os.Stdout.WriteString("starting\n")
		time.Sleep(100 * time.Millisecond)
		os.Stdout.WriteString("re")
		time.Sleep(50 * time.Millisecond)
		os.Stdout.WriteString("ady on port 1234\n")
		sleepForever()
	},
	"flood": func() {
		notePid()
		line := bytes.Repeat([]byte("y\n"), 16<<10)
		for {
			os.Stdout.Write(line)
		}
	},
	// late: a background child keeps printing after its parent exits.
	"late": func() {
		notePid()
		spawn("late-child", true, false).Start()
		os.Stdout.WriteString("parent done\n")
	},
	"late-child": func() {
		notePid()
		time.Sleep(100 * time.Millisecond)
		os.Stdout.WriteString("grandchild after parent\n")
	},
	// hold: a background child holds stdout open and never ends.
	"hold": func() {
		notePid()
		os.Stdout.WriteString("parent done\n")
		spawn("sleeper", true, false).Start()
		awaitFile("sleeper.ready")
	},
	"sleeper": func() {
		notePid()
		touch("sleeper.ready")
		sleepForever()
	},
	// setsid: a daemon leaves the session, closes stdout, lives on.
	"setsid": func() {
		notePid()
		spawn("sleeper", false, true).Start()
		awaitFile("sleeper.ready")
		os.Stdout.WriteString("daemon started\n")
	},
	// doublefork: the daemon's parent exits, so it is nobody's child.
	"doublefork": func() {
		notePid()
		spawn("middle", false, false).Run()
		awaitFile("sleeper.ready")
		os.Stdout.WriteString("daemon started\n")
	},
	"middle": func() {
		notePid()
		spawn("sleeper", false, true).Start()
	},
}

// spawn prepares a helper started by a helper: with our stdout and stderr
// when holdOutput, in a new session when setsid.
func spawn(name string, holdOutput, setsid bool) *exec.Cmd {
	self, err := os.Executable()
	if err != nil {
		panic(err)
	}
	c := exec.Command(self)
	c.Env = append(os.Environ(), helperEnv+"="+name)
	if holdOutput {
		c.Stdout, c.Stderr = os.Stdout, os.Stderr
	}
	c.SysProcAttr = &syscall.SysProcAttr{Setsid: setsid}
	return c
}

// sleepForever blocks without the runtime calling it a deadlock.
func sleepForever() {
	for {
		time.Sleep(time.Hour)
	}
}

func notePid() {
	touch("pid." + strconv.Itoa(os.Getpid()))
}

func touch(name string) {
	if err := os.WriteFile(name, nil, 0o644); err != nil {
		panic(err)
	}
}

func awaitFile(name string) {
	for {
		if _, err := os.Stat(name); err == nil {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// helperCmd is a Cmd that runs helper name in dir.
func helperCmd(t testing.TB, name, dir string) Cmd {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return Cmd{
		Path: self,
		Args: []string{"helper-" + name},
		Dir:  dir,
		// The race detector sleeps a second at exit unless told not to.
		Env: []string{helperEnv + "=" + name, markEnv + "=" + dir, "GORACE=atexit_sleep_ms=0"},
	}
}

// notedPids returns the pids the helpers running in dir noted.
func notedPids(t testing.TB, dir string) []int {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "pid.*"))
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, n := range names {
		pid, err := strconv.Atoi(strings.TrimPrefix(filepath.Ext(n), "."))
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
	}
	return pids
}

// marked returns the live processes whose environment holds the marker
// of dir. Zombies have no environment left; notedPids covers them.
func marked(dir string) []int {
	mark := []byte(markEnv + "=" + dir + "\x00")
	names, _ := filepath.Glob("/proc/[0-9]*/environ")
	var pids []int
	for _, n := range names {
		env, err := os.ReadFile(n)
		if err != nil || !bytes.Contains(env, mark) {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(n)))
		pids = append(pids, pid)
	}
	return pids
}

// runDir returns a fresh directory for one run, and makes sure, even if
// the test fails, that nothing started in it stays alive.
func runDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Cleanup(func() {
		for _, pid := range append(notedPids(t, dir), marked(dir)...) {
			if unix.Kill(pid, 0) == nil {
				unix.Kill(pid, unix.SIGKILL)
			}
		}
	})
	return dir
}

// assertGone checks that every process started in dir is gone, reaped and
// not a zombie, and that wantPids of them noted their pid (so the check is
// not vacuous).
func assertGone(t *testing.T, dir string, wantPids int) {
	t.Helper()
	pids := notedPids(t, dir)
	if len(pids) != wantPids {
		t.Errorf("%d processes noted their pid, want %d", len(pids), wantPids)
	}
	for _, pid := range pids {
		if err := unix.Kill(pid, 0); err != unix.ESRCH {
			st, _ := readStat(pid)
			t.Errorf("process %d still exists after Run (kill 0: %v, stat %+v)", pid, err, st)
		}
	}
	if left := marked(dir); len(left) > 0 {
		t.Errorf("processes %v of this run still alive after Run", left)
	}
}
