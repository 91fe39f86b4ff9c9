package proc

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

const (
	secretEnv      = "PROC_TEST_SECRET_TOKEN"
	unprotectedEnv = "PROC_TEST_UNPROTECTED" // the control: a pipedocs without isolation
	noUsernsEnv    = "PROC_TEST_NO_USERNS"   // non-dumpable, but children without a user namespace
)

func init() {
	helpers["pipedocs"] = pretendPipedocs
	helpers["snoop"] = snoop
}

// pretendPipedocs plays pipedocs: its environment holds a secret, and it
// runs a snippet, snoop, that tries to read it from /proc.
func pretendPipedocs() {
	if os.Getenv(unprotectedEnv) != "" {
		isolation.once.Do(func() {})
	}
	if os.Getenv(noUsernsEnv) != "" {
		isolation.setup()
		isolation.disable()
	}
	self, _ := os.Executable()
	dir := os.Getenv(markEnv)
	o, err := Run(context.Background(), Cmd{
		Path: self, Args: []string{"snoop"}, Dir: dir,
		Env: []string{helperEnv + "=snoop", secretEnv + "=" + "not-the-secret", "GORACE=atexit_sleep_ms=0"},
	})
	os.Stdout.Write(o.Output)
	if err != nil {
		fmt.Println("run:", err)
	}
	if err := Cleanup(); err != nil {
		fmt.Println("cleanup:", err)
	}
}

// snoop reads its parent's environment and memory as a hostile snippet
// would, and says what it found. It never prints the secret itself.
func snoop() {
	ppid := strconv.Itoa(os.Getppid())
	secret := []byte(secretEnv + "=xyz")
	env, err := os.ReadFile("/proc/" + ppid + "/environ")
	switch {
	case err != nil:
		fmt.Println("environ:", err)
	case bytes.Contains(env, secret):
		fmt.Println("environ: SECRET READ")
	default:
		fmt.Println("environ: readable, no secret")
	}
	fmt.Println("mem:", snoopMem(ppid, secret))
}

// snoopMem reads every readable mapping of process pid through
// /proc/pid/mem and looks for secret.
func snoopMem(pid string, secret []byte) string {
	mem, err := os.Open("/proc/" + pid + "/mem")
	if err != nil {
		return err.Error()
	}
	defer mem.Close()
	maps, err := os.Open("/proc/" + pid + "/maps")
	if err != nil {
		return "open, maps: " + err.Error()
	}
	defer maps.Close()
	sc := bufio.NewScanner(maps)
	read := 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		lo, hi, _ := strings.Cut(f[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || !strings.HasPrefix(f[1], "r") || end-start > 64<<20 {
			continue
		}
		buf := make([]byte, end-start)
		n, _ := mem.ReadAt(buf, int64(start))
		read += n
		if bytes.Contains(buf[:n], secret) {
			return "SECRET READ"
		}
	}
	if read == 0 {
		return "nothing readable"
	}
	return "readable, no secret"
}

// TestSecretsStayInParent runs a pipedocs (the test binary as the helper
// pretendPipedocs) with a secret in its environment, whose snippet reads
// /proc/PPID/environ and /proc/PPID/mem: as our own user, and, when we are
// root, as an unprivileged user too. The unprotected runs are the control:
// they show that the snoop does find the secret when nothing stops it.
func TestSecretsStayInParent(t *testing.T) {
	users := []struct {
		name string
		cred *syscall.Credential
	}{{"own user " + strconv.Itoa(os.Getuid()), nil}}
	if os.Getuid() == 0 {
		users = append(users, struct {
			name string
			cred *syscall.Credential
		}{"nobody", &syscall.Credential{Uid: 65534, Gid: 65534}})
	}
	if os.Getuid() != 0 {
		t.Log("not root: the case of a root pipedocs is not tested here")
	}
	// What each setting gives: non-dumpable alone does not stop a root
	// child, which holds CAP_SYS_PTRACE; hence the user namespace.
	settings := []struct {
		name string
		env  string
		leak func(root bool) bool
	}{
		{"protected", "", func(bool) bool { return false }},
		{"non-dumpable only", noUsernsEnv + "=1", func(root bool) bool { return root }},
		{"unprotected (control)", unprotectedEnv + "=1", func(bool) bool { return true }},
	}
	exe := worldExecutable(t)
	for _, u := range users {
		for _, set := range settings {
			t.Run(u.name+"/"+set.name, func(t *testing.T) {
				dir := sharedDir(t, 0o777)
				c := exec.Command(exe)
				c.Dir = dir
				c.Env = []string{helperEnv + "=pipedocs", markEnv + "=" + dir, secretEnv + "=xyz", "GORACE=atexit_sleep_ms=0"}
				if set.env != "" {
					c.Env = append(c.Env, set.env)
				}
				c.SysProcAttr = &syscall.SysProcAttr{Credential: u.cred}
				out, err := c.CombinedOutput()
				if err != nil {
					t.Fatalf("%v: %s", err, out)
				}
				got := string(out)
				leaked := strings.Contains(got, "SECRET READ")
				root := u.cred == nil && os.Getuid() == 0
				if want := set.leak(root); leaked != want {
					t.Errorf("secret read: %v, want %v:\n%s", leaked, want, got)
				}
				if !leaked && !strings.Contains(got, "environ: open") {
					t.Errorf("the snippet could open its parent's environ:\n%s", got)
				}
				t.Logf("\n%s", got)
			})
		}
	}
}

// worldExecutable returns a copy of the test binary that any user can run
// (the go command builds it in a folder only we can enter).
func worldExecutable(t *testing.T) string {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := sharedDir(t, 0o755)
	src, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	exe := filepath.Join(dir, "proc.test")
	dst, err := os.OpenFile(exe, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return exe
}

// sharedDir makes a folder other users can reach, where t.TempDir's are
// inside one only we can enter.
func sharedDir(t *testing.T, mode os.FileMode) string {
	dir, err := os.MkdirTemp("", "proc-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestUserNamespaceRefused makes the kernel refuse the user namespace (a
// map it cannot write) and checks that children still start, without
// one, and that it is given up for good.
func TestUserNamespaceRefused(t *testing.T) {
	isolation.setup()
	isolation.mu.Lock()
	userns, uids := isolation.userns, isolation.uids
	isolation.userns = true
	isolation.uids = []syscall.SysProcIDMap{{ContainerID: 0, HostID: 0, Size: 0}}
	isolation.mu.Unlock()
	defer func() {
		isolation.mu.Lock()
		isolation.userns, isolation.uids = userns, uids
		isolation.mu.Unlock()
	}()
	o, err := Run(context.Background(), helperCmd(t, "hello", runDir(t)))
	if err != nil || string(o.Output) != "hello\nworld\n" {
		t.Fatalf("Run with a refused namespace: %q, %v", o.Output, err)
	}
	if isolation.inUserNamespace() {
		t.Error("a refused user namespace was not given up")
	}
}
