package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the testscript files' expected output with what pipedocs printed")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pipedocs": func() {
			os.Exit(cliMain())
		},
	})
}

// TestScripts runs the end-to-end tests in testdata/script: each a site
// in a txtar archive and the pipedocs commands run on it.
func TestScripts(t *testing.T) {
	goEnv := goEnvironment(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			// Go snippets build with the machine's toolchain and caches, so
			// a test run shares the developer's warm build cache.
			e.Vars = append(e.Vars, goEnv...)
			e.Vars = append(e.Vars,
				"XDG_CACHE_HOME="+e.WorkDir+"/.cache",
				"NO_COLOR=1",
			)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cmptree":   cmpTree,
			"unix2dos":  unix2dos,
			"sleep":     sleep,
			"noprocess": noProcess,
		},
	})
}

// cmpTree compares two directory trees byte for byte: cmptree dir1 dir2.
func cmpTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmptree dir1 dir2")
	}
	a, b := readTree(ts, ts.MkAbs(args[0])), readTree(ts, ts.MkAbs(args[1]))
	var diffs []string
	for name, data := range a {
		other, ok := b[name]
		switch {
		case !ok:
			diffs = append(diffs, "only in "+args[0]+": "+name)
		case !bytes.Equal(data, other):
			diffs = append(diffs, "differs: "+name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			diffs = append(diffs, "only in "+args[1]+": "+name)
		}
	}
	sort.Strings(diffs)
	if neg && len(diffs) == 0 {
		ts.Fatalf("%s and %s are identical", args[0], args[1])
	}
	if !neg && len(diffs) > 0 {
		ts.Fatalf("%s and %s differ:\n%s", args[0], args[1], strings.Join(diffs, "\n"))
	}
}

func readTree(ts *testscript.TestScript, root string) map[string][]byte {
	files := make(map[string][]byte)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	ts.Check(err)
	return files
}

// noProcess checks in /proc that no process runs whose command line
// contains name: noprocess name.
func noProcess(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: noprocess name")
	}
	entries, err := os.ReadDir("/proc")
	ts.Check(err)
	for _, e := range entries {
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(cmdline, []byte(args[0])) {
			ts.Fatalf("process %s still runs: %q", e.Name(), bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '}))
		}
	}
}

// sleep waits: sleep duration (a Go duration, e.g. 500ms).
func sleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep duration")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

// unix2dos rewrites files with CRLF line endings: unix2dos file...
func unix2dos(ts *testscript.TestScript, neg bool, args []string) {
	for _, name := range args {
		data, err := os.ReadFile(ts.MkAbs(name))
		ts.Check(err)
		data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		ts.Check(os.WriteFile(ts.MkAbs(name), data, 0o644))
	}
}

// goEnvironment is the Go configuration the runner's builds need inside
// testscript's scrubbed environment.
func goEnvironment(t *testing.T) []string {
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	names := []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT"}
	vars := make([]string, len(names))
	for i, name := range names {
		vars[i] = name + "=" + lines[i]
	}
	return vars
}
