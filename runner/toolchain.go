package runner

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// A toolchain is what runs one language's snippets, as it names itself.
// Its name goes into every result and every cache key, so that a new
// Python or Go reruns the snippets instead of serving stale output.
type toolchain struct {
	once    sync.Once
	name    string // "go1.26.8", "Python 3.11.7", "sh"
	program string // Command[0] resolved by Definition.Program; "" when not resolved
	err     error
}

// versionTimeout bounds asking a toolchain its version: a few
// milliseconds normally, but a broken wrapper script must not hang us.
const versionTimeout = 30 * time.Second

// toolchain returns lang's toolchain, asking it only once per Runner,
// however many snippets want it at the same time.
func (r *Runner) toolchain(ctx context.Context, lang string) (*toolchain, error) {
	r.mu.Lock()
	tc := r.toolchains[lang]
	if tc == nil {
		tc = new(toolchain)
		r.toolchains[lang] = tc
	}
	r.mu.Unlock()
	tc.once.Do(func() {
		if r.isGo(lang) {
			// GOTOOLCHAIN=local in goEnv: the version that answers is the
			// one that builds.
			tc.name, tc.err = r.ask(ctx, []string{"go", "env", "GOVERSION"}, goEnv("off"))
			return
		}
		d := r.defs[lang]
		if len(d.Program) > 0 {
			tc.program, tc.err = r.ask(ctx, d.Program, nil)
			if tc.err == nil && !filepath.IsAbs(tc.program) {
				tc.err = fmt.Errorf("%s: printed %q, not an absolute path", strings.Join(d.Program, " "), tc.program)
			}
			if tc.err != nil {
				return
			}
		}
		if len(d.Version) == 0 {
			// Nothing to ask: the command's name is the best we know,
			// or the runner's when the snippet is its own command.
			tc.name = filepath.Base(d.Command[0])
			if strings.Contains(tc.name, "{file}") {
				tc.name = lang
			}
			return
		}
		tc.name, tc.err = r.ask(ctx, tc.resolve(d.Command[0], d.Version), nil)
	})
	if tc.err != nil {
		return nil, fmt.Errorf("runner %s: toolchain: %w", lang, tc.err)
	}
	return tc, nil
}

// resolve returns argv with its program replaced by the resolved one
// when it names the runner's program, name.
func (tc *toolchain) resolve(name string, argv []string) []string {
	if tc.program == "" || len(argv) == 0 || argv[0] != name {
		return argv
	}
	return append([]string{tc.program}, argv[1:]...)
}

// ask runs argv in an empty temporary folder, with env or else the
// environment a snippet gets, and returns the first non-blank line it
// prints (`python3 --version` → "Python 3.11.7").
func (r *Runner) ask(ctx context.Context, argv []string, env []string) (string, error) {
	dir, err := proc.MkdirTemp("version-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	if env == nil {
		env = runEnv(r.path, dir, nil)
	}
	out, err := proc.Run(ctx, proc.Cmd{
		Path:        argv[0],
		Args:        argv,
		Dir:         dir,
		Env:         env,
		Timeout:     versionTimeout,
		OutputLimit: 64 << 10,
	})
	command := strings.Join(argv, " ")
	switch {
	case err != nil:
		return "", fmt.Errorf("%s: %w", command, err)
	case out.TimedOut:
		return "", fmt.Errorf("%s: no answer in %v", command, versionTimeout)
	case out.ExitCode != 0:
		return "", fmt.Errorf("%s: exit status %d: %s", command, out.ExitCode, bytes.TrimSpace(out.Output))
	}
	for line := range strings.Lines(string(out.Output)) {
		if line = strings.TrimSpace(line); line != "" {
			return line, nil
		}
	}
	return "", fmt.Errorf("%s: printed nothing", command)
}
