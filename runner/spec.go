package runner

import (
	"fmt"
	"strings"
	"time"
)

// A Spec is one snippet to run: everything that decides what it prints.
type Spec struct {
	Lang        string        // runner name: "go", "python", "sh", "bash", or one from Config
	File        string        // base file name on disk, e.g. "simple_pipe.go"; "" = "main"+extension
	Source      []byte        // the program text
	Stdin       []byte        // nil: /dev/null; non-nil (even empty): these bytes through a pipe
	Args        []string      // command-line arguments after the program
	Env         []string      // extra "K=V", added to (and overriding) the fixed environment
	Timeout     time.Duration // required > 0
	OutputLimit int64         // required > 0
	SourcePath  string        // where Source came from, e.g. "content/pipes/basics.md"
	SourceLine  int           // 1-based line in SourcePath of Source's first line
	// ModuleDir is the directory of the go.mod a Go snippet builds in:
	// the module that encloses its article (see FindModule), so that it
	// may import what that module requires and the module's own
	// packages. "" = none: the standard library only. Other languages
	// ignore it.
	ModuleDir string
	// Commands, when not nil, make the spec a console transcript: its
	// commands run in order in one bash (Lang "bash", Source empty), and
	// Result.Steps says what each printed and its status.
	Commands []string
	// Files are written into the working folder before the run, in
	// order: for a transcript, the files of the page's earlier titled
	// blocks, which a reader following along has saved (SPEC §4.3).
	// Each Name is a plain base name.
	Files []File
}

// A File is one file of Spec.Files.
type File struct {
	Name string
	Data []byte
}

// A Result is how a snippet's run ended.
type Result struct {
	// Output is stdout and stderr merged in write order. For BuildFailed
	// it is the compiler's messages instead, with positions mapped to
	// SourcePath:line:col.
	Output []byte
	Exit   int // exit status; -1 when killed by a signal; 0 when BuildFailed
	// Signal is the name of the signal that killed the program ("killed",
	// "segmentation fault"), or "". A run stopped by its timeout or output
	// limit was killed by us, and says so here too.
	Signal      string
	BuildFailed bool // the program did not compile; it never ran
	TimedOut    bool
	OverLimit   bool
	Duration    time.Duration // of the program's run, build excluded
	Toolchain   string        // "go1.26.8", "Python 3.11.7", "bash 5.2.15", "sh"
	Cached      bool          // served from the results cache, not run

	// Where the program ran, as absolute paths that may reach its output
	// (for the redactions [CWD], [HOME], [TMPDIR] and [EXE] of expected
	// output): its working folder, its HOME and TMPDIR (the working
	// folder, unless env= says otherwise), and for a Go snippet the
	// executable it ran as, os.Args[0]; "" for an interpreted one. The
	// folders are gone when the run is over; a cached Result has the
	// paths of the run that made it, which is what its Output names.
	Dir, Home, TmpDir, Exe string

	// Steps are a transcript's commands (Spec.Commands), in order; fewer
	// than the commands when the shell ended before the last one.
	Steps []Step
}

// fileName is the name s's source has on disk.
func (s *Spec) fileName(ext string) string {
	if s.File == "" {
		return "main" + ext
	}
	return s.File
}

// check reports what makes s impossible to run. The caller validated the
// attributes already; these are the conditions the runner itself relies
// on, so a caller's bug surfaces as an error instead of a confusing run.
func (s *Spec) check() error {
	switch {
	case s.Timeout <= 0:
		return fmt.Errorf("timeout %v: must be positive", s.Timeout)
	case s.OutputLimit <= 0:
		return fmt.Errorf("output limit %d: must be positive", s.OutputLimit)
	case s.File != "" && !plainName(s.File):
		return fmt.Errorf("file name %q: must be a plain base name", s.File)
	case s.Commands != nil && (s.Lang != "bash" || len(s.Source) > 0):
		return fmt.Errorf("a transcript runs in bash, with no source of its own")
	case strings.HasPrefix(s.File, "-"):
		// It goes on command lines, where it would read as an option.
		return fmt.Errorf("file name %q: must not start with '-'", s.File)
	}
	for _, f := range s.Files {
		if !plainName(f.Name) {
			return fmt.Errorf("file name %q: must be a plain base name", f.Name)
		}
	}
	for _, kv := range s.Env {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
			return fmt.Errorf("environment entry %q: want K=V", kv)
		}
	}
	return nil
}

// plainName reports whether name is a plain base name: no separator, not
// "." or "..", not empty.
func plainName(name string) bool {
	return name != "" && !strings.ContainsAny(name, "/\x00") && name != "." && name != ".."
}
