package runner

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// A Step is what one command of a transcript did (Spec.Commands).
type Step struct {
	Output []byte // stdout and stderr, merged in write order
	Exit   int    // the command's status, as $? saw it
}

// A transcript's commands run in one bash, in order, so that cd and
// variables carry from one to the next (SPEC §3.3). After each one the
// script prints a marker line with the command's status:
//
//	COMMAND
//	(S=$?; builtin printf '\n%s %d\n' MARKER "$S"; builtin exit "$S") && :
//
// and the output, one pipe for the whole shell, is split at the marker
// lines. The marker is printed by a subshell that exits with the
// command's status, so that the next command's $? is that status, as
// at a prompt, and S is no variable of the transcript's shell; `&& :`
// keeps a `set -e` of the transcript from ending the shell there, where
// a prompt would not. A shell that runs to the end exits 0. The marker
// is random per run, so no program prints it by
// accident; the newline before it ends a last line the command left
// without one, and is taken off again. (cram does the same with a salt
// of the time and an `echo SALT $?` after each command; trycmd runs
// each command as its own process instead, which loses cd and
// variables.) The script runs as `bash -c`, not from a file, so no file
// of ours is in the working folder and bash's own messages read
// "bash: line N: …" as in a terminal.

// newMarker returns a marker no program prints by accident.
func newMarker() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "pipedocs-step-" + hex.EncodeToString(b[:]), nil
}

// transcriptScript is the bash script that runs commands with marker.
func transcriptScript(commands []string, marker string) string {
	var b strings.Builder
	for _, c := range commands {
		b.WriteString(c)
		fmt.Fprintf(&b, "\n(S=$?; builtin printf '\\n%%s %%d\\n' %s \"$S\"; builtin exit \"$S\") && :\n", marker)
	}
	// The shell's own status says whether it ran to the end, not what
	// the last command returned (its step says that).
	b.WriteString("builtin exit 0\n")
	return b.String()
}

// splitSteps cuts a transcript's output at its marker lines. A command
// after which no marker came (the shell exited, was killed or went over
// a limit) takes the rest of the output and the shell's status exit;
// commands after it have no step.
func splitSteps(out []byte, marker string, n, exit int) []Step {
	sep := []byte("\n" + marker + " ")
	var steps []Step
	for len(steps) < n {
		i := bytes.Index(out, sep)
		if i < 0 {
			break
		}
		rest := out[i+len(sep):]
		end := bytes.IndexByte(rest, '\n')
		status, err := strconv.Atoi(string(rest[:max(end, 0)]))
		if end < 0 || err != nil {
			break
		}
		steps = append(steps, Step{Output: out[:i:i], Exit: status})
		out = rest[end+1:]
	}
	if len(steps) < n {
		steps = append(steps, Step{Output: out, Exit: exit})
	}
	return steps
}

// goCaches are the user's Go build and module caches, for a transcript
// that runs go (SPEC §4.1): its HOME is its own folder, where the go
// command would start a fresh cache and rebuild the standard library.
func goCaches() []string {
	var env []string
	if dir := os.Getenv("GOCACHE"); dir != "" {
		env = append(env, "GOCACHE="+dir)
	} else if dir, err := os.UserCacheDir(); err == nil {
		env = append(env, "GOCACHE="+filepath.Join(dir, "go-build"))
	}
	if dir := os.Getenv("GOMODCACHE"); dir != "" {
		env = append(env, "GOMODCACHE="+dir)
	} else if gopath := filepath.SplitList(os.Getenv("GOPATH")); len(gopath) > 0 && gopath[0] != "" {
		env = append(env, "GOMODCACHE="+filepath.Join(gopath[0], "pkg", "mod"))
	} else if home, err := os.UserHomeDir(); err == nil {
		env = append(env, "GOMODCACHE="+filepath.Join(home, "go", "pkg", "mod"))
	}
	return env
}

// A transcript that runs go in a page of a Go module (Spec.ModuleDir)
// runs it in that module, as a reader of the page whose folder is in
// the module would (SPEC §3.3): `go run hello.go` may import what the
// module requires and its own packages. Its folder stays the page's
// fresh one, so the module is made the folder's workspace: a go.work
// that uses it, in the session's own folder, above the working folder,
// where the go command looks for one and no `ls` of the page sees it.
// Once the folder has a go.mod of its own anywhere in it (a `go mod
// init`, or a go.mod file of an earlier block), that module is the
// page's, as it would be the reader's, and the next transcript has no
// workspace. (Within one
// block, the commands after a `go mod init` still see the workspace,
// which the go command then names; `export GOWORK=off` leaves it.)
//
// Since any package of the module may be what `go run` builds, the key
// of such a transcript covers the module's go.mod, go.sum and the
// sources of all its packages (see moduleDeps); a transcript that does
// not name go keeps the key of a shell session.

// goWord matches a command line that runs the go command: the word go
// at the start or after a space or a shell operator.
var goWord = regexp.MustCompile("(^|[\\s;&|(!`])go(\\s|$)")

// runsGo reports whether any of a transcript's commands names go.
func runsGo(commands []string) bool {
	for _, c := range commands {
		if goWord.MatchString(c) {
			return true
		}
	}
	return false
}

// transcriptModule is the module transcript s runs go in; nil when s is
// no transcript, runs no go or belongs to no module.
func (r *Runner) transcriptModule(s *Spec) (*module, error) {
	if s.Commands == nil || s.ModuleDir == "" || !runsGo(s.Commands) {
		return nil, nil
	}
	return r.module(s.ModuleDir)
}

// workspace makes m the workspace of pl's working folder for the go
// commands of a transcript, or none when m is nil or the folder has a
// go.mod of its own (see transcriptModule).
func (pl *place) workspace(m *module) error {
	name := filepath.Join(pl.root, "go.work")
	if m == nil || hasModule(pl.work) {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	work := "use " + strconv.Quote(m.dir) + "\n"
	if v := goDirective(m.gomod); v != "" {
		work = "go " + v + "\n\n" + work
	}
	return os.WriteFile(name, []byte(work), 0o644)
}

// hasModule reports whether there is a go.mod anywhere in dir: a module
// of the page's own, which its transcripts' go commands may be in.
func hasModule(dir string) bool {
	found := errors.New("found")
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "go.mod" {
			return found
		}
		return nil
	})
	return err == found
}

// goDirective is the version of gomod's go directive, "" when it has
// none: a go.work must say at least the version of every module it
// uses.
func goDirective(gomod []byte) string {
	for line := range bytes.Lines(gomod) {
		if f := strings.Fields(string(line)); len(f) == 2 && f[0] == "go" {
			return f[1]
		}
	}
	return ""
}

// joinSteps is what a terminal would have shown of steps: their output,
// without our markers.
func joinSteps(steps []Step) []byte {
	var b bytes.Buffer
	for _, s := range steps {
		b.Write(s.Output)
	}
	return b.Bytes()
}

// transcriptArgv is the command line that runs commands in bash, and
// the marker it prints after each.
func transcriptArgv(bash string, commands []string) ([]string, string, error) {
	marker, err := newMarker()
	if err != nil {
		return nil, "", err
	}
	return []string{bash, "-c", transcriptScript(commands, marker), "bash"}, marker, nil
}

// writeSource writes s's files (Spec.Files), then its source, executable,
// into work; a transcript (Spec.Commands) has no source. The files are
// not executable: a reader who saved them from the page would have to
// chmod them too.
func writeSource(work, file string, s *Spec) error {
	if err := writeFiles(work, s.Files); err != nil {
		return err
	}
	if s.Commands != nil {
		return nil
	}
	return os.WriteFile(filepath.Join(work, file), s.Source, 0o755)
}
