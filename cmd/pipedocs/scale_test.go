package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestScale runs the scale-out scripts in testdata/scale: shards run as
// parallel processes on a generated site, and a real HTTP cache (nginx
// with WebDAV) between them.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and runs sites of hundreds of snippets")
	}
	goEnv := goEnvironment(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/scale",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Vars = append(e.Vars, goEnv...)
			e.Vars = append(e.Vars, "XDG_CACHE_HOME="+e.WorkDir+"/.cache", "NO_COLOR=1", "HOME="+e.WorkDir)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cmptree":    cmpTree,
			"gensite":    genSite,
			"countruns":  countRuns,
			"sumreports": sumReports,
			"mergecache": mergeCache,
			"nginx":      nginxCmd,
			"corrupt":    corruptBlob,
		},
	})
}

// genSite writes a site of cheap shell snippets, each of which appends a
// line to runs/<page>-<n> when it runs, so a script can count runs:
//
//	gensite DIR PAGES TAG [kill PIDFILE PAGE]
//
// Page i has 1 + 7i mod 5 snippets (3 on average). TAG goes into every
// snippet, so two sites with different tags share no cache entry. With
// kill, page PAGE gets a last snippet that stops the process in PIDFILE.
func genSite(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 && len(args) != 6 {
		ts.Fatalf("usage: gensite DIR PAGES TAG [kill PIDFILE PAGE]")
	}
	dir, tag := ts.MkAbs(args[0]), args[2]
	pages, err := strconv.Atoi(args[1])
	ts.Check(err)
	killAt := -1
	if len(args) == 6 {
		killAt, err = strconv.Atoi(args[5])
		ts.Check(err)
	}
	runs := ts.MkAbs("runs")
	ts.Check(os.MkdirAll(filepath.Join(dir, "content"), 0o777))
	ts.Check(os.MkdirAll(runs, 0o777))
	ts.Check(os.WriteFile(filepath.Join(dir, "pipedocs.toml"), []byte("title = \"Generated\"\nbaseURL = \"https://example.org/\"\n"), 0o666))
	for i := range pages {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Page %d\n---\n\n# Page %d\n", i, i)
		for n := range 1 + 7*i%5 {
			fmt.Fprintf(&b, "\n```sh\necho . >> %s/%s-p%03d-%d\necho %s page %d snippet %d\n```\n\n```output\n%s page %d snippet %d\n```\n",
				runs, tag, i, n, tag, i, n, tag, i, n)
		}
		if i == killAt {
			fmt.Fprintf(&b, "\n```sh\nif [ -e %[1]s ]; then kill $(cat %[1]s); while [ -e %[1]s ]; do sleep 0.05; done; fi\n```\n", ts.MkAbs(args[4]))
		}
		ts.Check(os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("p%03d.md", i)), []byte(b.String()), 0o666))
	}
}

// countRuns checks the run records of the snippets tagged TAG: FILES
// snippets ran, and RERUNS of them ran twice (default 0): a number, or
// MIN-MAX.
//
//	countruns TAG FILES [RERUNS]
func countRuns(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: countruns TAG FILES [RERUNS]")
	}
	files, err := strconv.Atoi(args[1])
	ts.Check(err)
	lo, hi := 0, 0
	if len(args) == 3 {
		from, to, isRange := strings.Cut(args[2], "-")
		lo, err = strconv.Atoi(from)
		ts.Check(err)
		hi = lo
		if isRange {
			hi, err = strconv.Atoi(to)
			ts.Check(err)
		}
	}
	names, err := filepath.Glob(filepath.Join(ts.MkAbs("runs"), args[0]+"-*"))
	ts.Check(err)
	twice, more := 0, []string{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		ts.Check(err)
		switch n := bytes.Count(data, []byte("\n")); n {
		case 1:
		case 2:
			twice++
		default:
			more = append(more, fmt.Sprintf("%s ran %d times", filepath.Base(name), n))
		}
	}
	if len(names) != files || twice < lo || twice > hi || len(more) > 0 {
		ts.Fatalf("%d snippets ran, %d of them twice %v; want %d, %s twice", len(names), twice, more, files, args[2:])
	}
}

// sumReports checks that the --format json reports of the shards hold
// together exactly the verdicts of the whole site's report.
//
//	sumreports ALL SHARD...
func sumReports(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: sumreports ALL SHARD...")
	}
	read := func(name string) []string {
		var lines []string
		sc := bufio.NewScanner(strings.NewReader(ts.ReadFile(name)))
		for sc.Scan() {
			var v jsonVerdict
			ts.Check(json.Unmarshal(sc.Bytes(), &v))
			lines = append(lines, fmt.Sprintf("%s:%d %s %s %q", v.Path, v.Line, v.Title, v.Status, v.Output))
		}
		return lines
	}
	all := read(args[0])
	var parts []string
	for _, name := range args[1:] {
		lines := read(name)
		if len(lines) == 0 {
			ts.Fatalf("%s: an empty shard", name)
		}
		parts = append(parts, lines...)
	}
	slices.Sort(all)
	slices.Sort(parts)
	if !slices.Equal(all, parts) {
		ts.Fatalf("the shards' %d verdicts are not the whole site's %d", len(parts), len(all))
	}
}

// mergeCache copies the results/ folders of cache dirs into one, as a
// final CI job restoring every shard's saved cache does:
//
//	mergecache DST SRC...
func mergeCache(ts *testscript.TestScript, neg bool, args []string) {
	dst := filepath.Join(ts.MkAbs(args[0]), "results")
	for _, src := range args[1:] {
		root := filepath.Join(ts.MkAbs(src), "results")
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o777)
			return os.WriteFile(filepath.Join(dst, rel), data, 0o666)
		})
		ts.Check(err)
	}
}

// corruptBlob flips a byte of one blob of the nginx cache:
//
//	corrupt
func corruptBlob(ts *testscript.TestScript, neg bool, args []string) {
	blobs, err := filepath.Glob(ts.MkAbs("nginx/data/cache/cas/*"))
	ts.Check(err)
	if len(blobs) == 0 {
		ts.Fatalf("no blob on the server")
	}
	slices.Sort(blobs)
	data, err := os.ReadFile(blobs[0])
	ts.Check(err)
	data[len(data)/2] ^= 0x20
	ts.Check(os.WriteFile(blobs[0], data, 0o666))
}

// nginxCmd starts or stops an nginx serving a WebDAV cache on a
// loopback port, configured from scratch in $WORK/nginx, and sets
// $REMOTE to its URL, $REMOTEADDR to its host:port and $NGINXPID to
// its pid file:
//
//	nginx start|stop
func nginxCmd(ts *testscript.TestScript, neg bool, args []string) {
	dir := ts.MkAbs("nginx")
	pidFile := filepath.Join(dir, "nginx.pid")
	if len(args) != 1 {
		ts.Fatalf("usage: nginx start|stop")
	}
	switch args[0] {
	case "start":
		startNginx(ts, dir, pidFile)
	case "stop":
		data, err := os.ReadFile(pidFile)
		ts.Check(err)
		pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
		ts.Check(err)
		syscall.Kill(pid, syscall.SIGTERM)
		waitExited(ts, pid)
	default:
		ts.Fatalf("usage: nginx start|stop")
	}
}

func startNginx(ts *testscript.TestScript, dir, pidFile string) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		ts.Fatalf("nginx not installed: guard the script with [!exec:nginx] skip")
	}
	for _, d := range []string{"data/cache", "tmp"} {
		ts.Check(os.MkdirAll(filepath.Join(dir, d), 0o777))
	}
	port := freePort(ts)
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 512; }
http {
	access_log off;
	client_body_temp_path %[1]s/tmp;
	proxy_temp_path %[1]s/tmp;
	fastcgi_temp_path %[1]s/tmp;
	uwsgi_temp_path %[1]s/tmp;
	scgi_temp_path %[1]s/tmp;
	client_max_body_size 64m;
	server {
		listen 127.0.0.1:%[2]d;
		location /cache/ {
			root %[1]s/data;
			dav_methods PUT;
			create_full_put_path on;
		}
	}
}
`, dir, port)
	ts.Check(os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o666))
	cmd := exec.Command(bin, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-e", filepath.Join(dir, "error.log"))
	ts.Check(cmd.Start())
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }() // reaps it whoever stops it: 'nginx stop', a snippet, the test's end
	ts.Defer(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		<-done
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Since(start) > 10*time.Second {
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			ts.Fatalf("nginx did not listen on %s:\n%s", addr, log)
		}
	}
	ts.Setenv("REMOTE", "http://"+addr+"/cache")
	ts.Setenv("REMOTEADDR", addr)
	ts.Setenv("NGINXPID", pidFile)
}

func freePort(ts *testscript.TestScript) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitExited waits until process pid has exited.
func waitExited(ts *testscript.TestScript, pid int) {
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
		if err := syscall.Kill(pid, 0); err != nil {
			return
		}
	}
	ts.Fatalf("process %d still running", pid)
}
