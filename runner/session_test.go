package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fileStep is a WriteFile step.
func fileStep(name, data string) Spec {
	return Spec{Kind: WriteFile, File: name, Source: []byte(data)}
}

// titled is s with the file name name.
func titled(s Spec, name string) Spec {
	s.File = name
	return s
}

// runSession runs one session and stops the test on any step's error.
func runSession(t *testing.T, r *Runner, steps ...Spec) []Result {
	t.Helper()
	res, errs := r.RunSessions(context.Background(), []Session{{Name: t.Name(), Steps: steps}}, 2, nil)
	for j, err := range errs[0] {
		if err != nil {
			t.Fatalf("step %d: %v", j, err)
		}
	}
	return res[0]
}

// wantOutput checks step j's output and exit status.
func wantOutput(t *testing.T, res []Result, j int, output string, exit int) {
	t.Helper()
	if got := string(res[j].Output); got != output || res[j].Exit != exit || res[j].BuildFailed {
		t.Errorf("step %d: output %q exit %d (build failed %v); want %q, exit %d", j, got, res[j].Exit, res[j].BuildFailed, output, exit)
	}
}

const goReadEmbed = `package main

import (
	"embed"
	"fmt"
)

//go:embed folder/*.hash
var folder embed.FS

func main() {
	data, _ := folder.ReadFile("folder/file1.hash")
	fmt.Print(string(data))
}
`

func TestSessionFiles(t *testing.T) {
	r := newRunner(t, Config{})
	t.Run("python reads a file step", func(t *testing.T) {
		needPython(t)
		res := runSession(t, r,
			fileStep("data.txt", "hello\nfile\n"),
			spec("python", "print(open('data.txt').read().split())"))
		wantOutput(t, res, 1, "['hello', 'file']\n", 0)
	})
	t.Run("two-file Go program", func(t *testing.T) {
		res := runSession(t, r,
			fileStep("helper.go", "package main\n\nfunc greeting() string { return \"from helper.go\" }\n"),
			titled(spec("go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(greeting()) }\n"), "main.go"))
		wantOutput(t, res, 1, "from helper.go\n", 0)
	})
	t.Run("go:embed of a file step", func(t *testing.T) {
		res := runSession(t, r,
			fileStep("folder/file1.hash", "123\n"),
			fileStep("folder/file2.hash", "456\n"),
			spec("go", goReadEmbed))
		wantOutput(t, res, 2, "123\n", 0)
	})
	t.Run("a Go spec's own Files", func(t *testing.T) {
		s := spec("go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(greeting()) }\n")
		s.Files = []File{{Name: "helper.go", Data: []byte("package main\n\nfunc greeting() string { return \"from Files\" }\n")}}
		res := runSession(t, r, s, spec("sh", "ls"))
		wantOutput(t, res, 0, "from Files\n", 0)
		// The program's binary is in the folder too: it ran as ./main.
		wantOutput(t, res, 1, "helper.go\nmain\nmain.go\nmain.sh\n", 0)
	})
	t.Run("a folder-only file is not in a build", func(t *testing.T) {
		other := fileStep("other.go", "package main\n\nfunc main() {}\n")
		other.FolderOnly = true
		res := runSession(t, r, other, spec("go", "package main\n\nfunc main() { println(\"alone\") }\n"))
		wantOutput(t, res, 1, "alone\n", 0)
	})
	t.Run("a later file step is not in an earlier build", func(t *testing.T) {
		res := runSession(t, r,
			titled(spec("go", "package main\n\nfunc main() { println(greeting()) }\n"), "main.go"),
			fileStep("helper.go", "package main\n\nfunc greeting() string { return \"late\" }\n"))
		if !res[0].BuildFailed || !strings.Contains(string(res[0].Output), "undefined: greeting") {
			t.Errorf("got %+v, want a build failure naming greeting", res[0])
		}
	})
	t.Run("a bad file name", func(t *testing.T) {
		_, errs := r.RunSessions(context.Background(), []Session{{Steps: []Spec{fileStep("../x", "")}}}, 1, nil)
		if errs[0][0] == nil {
			t.Error("a file step outside the folder was accepted")
		}
	})
}

func TestSessionStepsSeeEachOther(t *testing.T) {
	r := newRunner(t, Config{})
	// Each session writes its own number into the same relative path and
	// reads it back: folders are per session, whatever runs beside it.
	var sessions []Session
	for i := range 8 {
		sessions = append(sessions, Session{Steps: []Spec{
			spec("sh", fmt.Sprintf("echo %d > shared.txt", i)),
			spec("sh", "sleep 0.05; cat shared.txt; cat main.sh"),
		}})
	}
	for _, jobs := range []int{1, 8} {
		res, errs := r.RunSessions(context.Background(), sessions, jobs, nil)
		for i := range sessions {
			if errs[i][0] != nil || errs[i][1] != nil {
				t.Fatalf("jobs %d, session %d: %v %v", jobs, i, errs[i][0], errs[i][1])
			}
			want := fmt.Sprintf("%d\nsleep 0.05; cat shared.txt; cat main.sh", i)
			if got := string(res[i][1].Output); got != want {
				t.Errorf("jobs %d, session %d: %q, want %q", jobs, i, got, want)
			}
			if res[i][0].Dir != res[i][1].Dir {
				t.Errorf("jobs %d, session %d: steps ran in %s and %s", jobs, i, res[i][0].Dir, res[i][1].Dir)
			}
		}
	}
}

const goServer = `package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	os.WriteFile("port", []byte(strconv.Itoa(port)), 0o644)
	os.WriteFile("server.pid", []byte(strconv.Itoa(os.Getpid())), 0o644)
	fmt.Println("listening")
	http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("served", r.URL.Path)
		fmt.Fprintln(w, "hello from the server")
	}))
}
`

const goClient = `package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	port, _ := os.ReadFile("port")
	resp, err := http.Get("http://127.0.0.1:" + string(port) + "/hi")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(string(body))
}
`

func TestSessionBackground(t *testing.T) {
	r := newRunner(t, Config{})
	server := titled(spec("go", goServer), "server.go")
	server.Kind, server.Ready = Background, "listening"
	// The pid file is read by a last step, since the folder goes with the
	// session.
	res := runSession(t, r, server, titled(spec("go", goClient), "client.go"), spec("sh", "cat server.pid"))
	wantOutput(t, res, 1, "hello from the server\n", 0)
	if got := string(res[0].Output); got != "listening\nserved /hi\n" || !res[0].Stopped || res[0].Exit != 0 || res[0].Signal != "" || res[0].NotReady {
		t.Errorf("server: %q %+v; want its output, stopped at the end", got, res[0])
	}
	pid, err := strconv.Atoi(string(res[2].Output))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join("/proc", strconv.Itoa(pid))); err == nil {
		t.Errorf("the server, pid %d, still runs after its session", pid)
	}

	t.Run("last words", func(t *testing.T) {
		// What a server says in answer to the page's last step (a client
		// that went away) is its output, though the page ends right after.
		server := spec("sh", "echo listening\nwhile [ ! -e done ]; do sleep 0.01; done\nsleep 0.05\necho client left\nexec sleep 100\n")
		server.Kind, server.Ready = Background, "listening"
		res := runSession(t, r, server, spec("sh", "touch done"))
		if got := string(res[0].Output); got != "listening\nclient left\n" || !res[0].Stopped {
			t.Errorf("server: %q %+v; want what it said after the last step", got, res[0])
		}
	})

	t.Run("not ready", func(t *testing.T) {
		quits := spec("sh", "echo starting; exit 0")
		quits.Kind, quits.Ready = Background, "listening"
		slow := spec("sh", "echo starting; sleep 5")
		slow.Kind, slow.Ready, slow.Timeout = Background, "listening", 200*time.Millisecond
		res := runSession(t, r, quits, slow, spec("sh", "echo after"))
		if !res[0].NotReady || res[0].TimedOut || res[0].Stopped || string(res[0].Output) != "starting\n" {
			t.Errorf("a program that ends unready: %+v", res[0])
		}
		if !res[1].NotReady || !res[1].TimedOut {
			t.Errorf("a program that is not ready in time: %+v", res[1])
		}
		wantOutput(t, res, 2, "after\n", 0)
	})
}

func TestSessionInterrupt(t *testing.T) {
	r := newRunner(t, Config{})
	handled := spec("sh", "trap 'echo interrupted; exit 3' INT\necho waiting\nwhile :; do sleep 0.1; done\n")
	handled.Interrupt = time.Second
	unhandled := spec("go", "package main\n\nimport \"time\"\n\nfunc main() { println(\"waiting\"); time.Sleep(time.Hour) }\n")
	unhandled.Interrupt = 100 * time.Millisecond
	res := runSession(t, r, handled, unhandled)
	wantOutput(t, res, 0, "waiting\ninterrupted\n", 3)
	if d := res[0].Duration; d < time.Second || d > 5*time.Second {
		t.Errorf("interrupted after 1s, the program ran %v", d)
	}
	if res[1].Signal != "interrupt" || res[1].Exit != -1 || res[1].TimedOut || string(res[1].Output) != "waiting\n" {
		t.Errorf("a Go program without a handler: %q %+v, want it killed by SIGINT", res[1].Output, res[1])
	}
}

const goExampleTest = `package main

import "fmt"

func ExampleIntMin() {
	fmt.Println(IntMin(2, -2))
	// Output: -2
}
`

func TestSessionGoTest(t *testing.T) {
	r := newRunner(t, Config{})
	intmin := "package main\n\nfunc IntMin(a, b int) int {\n\tif a < b {\n\t\treturn a\n\t}\n\treturn b\n}\n"
	verbose := titled(spec("go", goExampleTest), "intmin_test.go")
	verbose.Args = []string{"-test.v"}
	res := runSession(t, r,
		fileStep("intmin.go", intmin),
		titled(spec("go", goExampleTest), "intmin_test.go"),
		verbose)
	wantOutput(t, res, 1, "PASS\n", 0)
	if got := string(res[2].Output); !strings.HasPrefix(got, "=== RUN   ExampleIntMin\n--- PASS: ExampleIntMin (") {
		t.Errorf("-test.v: %q", got)
	}
	if !strings.HasSuffix(res[1].Exe, "/intmin.test") {
		t.Errorf("the test binary is %s, want intmin.test", res[1].Exe)
	}

	t.Run("a program's source is in the folder too", func(t *testing.T) {
		main := titled(spec("go", strings.Replace(intmin, "package main\n", "package main\n\nfunc main() { println(IntMin(1, 2)) }\n", 1)), "intmin.go")
		failing := titled(spec("go", strings.Replace(goExampleTest, "-2\n}", "2\n}", 1)), "intmin_test.go")
		res := runSession(t, r, main, failing)
		wantOutput(t, res, 0, "1\n", 0)
		if res[1].Exit != 1 || !strings.Contains(string(res[1].Output), "--- FAIL: ExampleIntMin") {
			t.Errorf("a failing example: %q exit %d", res[1].Output, res[1].Exit)
		}
	})
	t.Run("compile error", func(t *testing.T) {
		res := runSession(t, r, titled(spec("go", goExampleTest), "intmin_test.go"))
		if !res[0].BuildFailed || !strings.Contains(string(res[0].Output), "intmin_test.go:6:14: undefined: IntMin") {
			t.Errorf("got %q %+v", res[0].Output, res[0])
		}
	})
}

func TestSessionKeys(t *testing.T) {
	cacheDir := t.TempDir()
	first := spec("sh", "echo one > one.txt; echo wrote")
	second := spec("sh", "cat one.txt")
	run := func(steps ...Spec) []Result {
		t.Helper()
		return runSession(t, newRunner(t, Config{CacheDir: cacheDir}), steps...)
	}
	cached := func(res []Result) (c []bool) {
		for _, r := range res {
			c = append(c, r.Cached)
		}
		return c
	}
	check := func(what string, res []Result, want ...bool) {
		t.Helper()
		if got := cached(res); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: cached %v, want %v", what, got, want)
		}
	}
	check("first run", run(first, second), false, false)
	check("second run", run(first, second), true, true)

	edited := second
	edited.Source = []byte("cat one.txt; echo edited")
	res := run(first, edited)
	check("second step edited", res, true, false)
	// The first step ran again for what it leaves in the folder.
	wantOutput(t, res, 1, "one\nedited\n", 0)

	first.Source = []byte("echo ONE > one.txt; echo wrote")
	res = run(first, edited)
	check("first step edited", res, false, false)
	wantOutput(t, res, 1, "ONE\nedited\n", 0)

	// A file step is keyed by its name and contents, and moves the keys
	// after it.
	check("with a file step", run(fileStep("one.txt", "x"), first, edited), false, false, false)
	check("again", run(fileStep("one.txt", "x"), first, edited), false, true, true)
	check("file step edited", run(fileStep("one.txt", "y"), first, edited), false, false, false)
}

func TestPartPositions(t *testing.T) {
	out := "main.go:2:5: undefined: x\nmain.go:9:1: far\n/usr/lib/go/main.go:2:1\n"
	got := string(partPositions([]byte(out), "main.go", "page.md", []int{10, 20, 21}))
	want := "page.md:20:5: undefined: x\nmain.go:9:1: far\n/usr/lib/go/main.go:2:1\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestSessionRunsUpToItsLastMiss: a session whose middle step has no
// cached result (a timeout is never cached) runs its steps up to that
// one, the first again for its effects, and serves the last from the
// cache without running it.
func TestSessionRunsUpToItsLastMiss(t *testing.T) {
	cacheDir, log := t.TempDir(), filepath.Join(t.TempDir(), "log")
	step := func(name, extra string) Spec {
		return spec("sh", fmt.Sprintf("echo %s >> %s%s", name, log, extra))
	}
	slow := step("two", "; sleep 5")
	slow.Timeout = 200 * time.Millisecond
	steps := []Spec{step("one", ""), slow, step("three", "")}
	for range 2 {
		r := newRunner(t, Config{CacheDir: cacheDir})
		res, errs := r.RunSessions(context.Background(), []Session{{Steps: steps}}, 1, nil)
		for j, err := range errs[0] {
			if err != nil {
				t.Fatalf("step %d: %v", j, err)
			}
		}
		if !res[0][1].TimedOut {
			t.Fatalf("step two did not time out: %+v", res[0][1])
		}
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(data); got != "one\ntwo\nthree\none\ntwo\n" {
		t.Errorf("runs %q; want all three, then one and two only", got)
	}
}
