package runner

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// A Go program whose file ends in _test.go is a test (SPEC §4.2): it
// builds with `go test -c`, in a module laid out as for other Go
// programs (see golang.go) with one package, its file and the files it
// builds with (Spec.Files, and in a Session the Go files of its folder), and its test
// binary runs where a program would: what it prints (PASS, or with
// args="-test.v" each test's lines) is its output, its status the
// program's. Tests are rare and built one at a time, when their step
// comes, outside the shared build of the other Go programs.

// testPkg is the package directory of a test in its build module.
const testPkg = "t"

// testExe is the name of the test binary of the test file file, as `go
// test -c` names it: the package's folder and ".test"; here the file's
// name, since the page's folder has no name a reader would know.
func testExe(file string) string {
	return strings.TrimSuffix(filepath.Base(file), "_test.go") + ".test"
}

// buildTest builds the test s, planned as p, into the binary exe, or
// returns the compiler's output, with positions in s's file.
func (r *Runner) buildTest(ctx context.Context, s *Spec, p *plan, exe string) (out []byte, failed bool, err error) {
	lang, err := goLine(p.toolchain)
	if err != nil {
		return nil, false, err
	}
	dir, err := proc.MkdirTemp("test-*")
	if err != nil {
		return nil, false, fmt.Errorf("go test: %w", err)
	}
	defer os.RemoveAll(dir)
	gomod, work := (&goBuild{mod: p.mod}).moduleFiles(lang)
	gowork := "off"
	if work != nil {
		gowork = filepath.Join(dir, "go.work")
		err = os.WriteFile(gowork, work, 0o644)
	}
	pkg := filepath.Join(dir, testPkg)
	err = errors.Join(err,
		os.WriteFile(filepath.Join(dir, "go.mod"), gomod, 0o644),
		os.Mkdir(pkg, 0o777))
	if err == nil {
		err = errors.Join(writeFiles(pkg, s.goFiles()), os.WriteFile(filepath.Join(pkg, p.file), s.Source, 0o644))
	}
	if err != nil {
		return nil, false, fmt.Errorf("go test: %w", err)
	}
	argv := []string{"go", "test", "-c", "-o", exe, "-mod=readonly", "-buildvcs=false", "./" + testPkg}
	o, err := proc.Run(ctx, proc.Cmd{
		Path: argv[0], Args: argv, Dir: dir, Env: goEnv(gowork),
		Timeout: buildTimeout, OutputLimit: 4 << 20,
	})
	switch {
	case err != nil:
		return nil, false, fmt.Errorf("go test: %w", err)
	case o.TimedOut:
		return nil, false, fmt.Errorf("go test: still running after %v", buildTimeout)
	case o.ExitCode != 0:
		return filePositions(snippetPositions(o.Output, dir, testPkg, p.file), dir, testPkg, s.goFiles()), true, nil
	}
	if _, err := os.Stat(exe); errors.Is(err, fs.ErrNotExist) {
		// A package without tests: `go test -c` says so and writes nothing.
		return snippetPositions(o.Output, dir, testPkg, p.file), true, nil
	} else if err != nil {
		return nil, false, fmt.Errorf("go test: %w", err)
	}
	return nil, false, nil
}
