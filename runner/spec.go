package runner

import (
	"fmt"
	"path/filepath"
	"slices"
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
	// SourceLines, when not nil, are the 1-based lines in SourcePath of
	// each line of Source, for a program shown in parts with prose
	// between them; SourceLine is then unused.
	SourceLines []int
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

	// Kind is what the spec does in its session (see Session): a
	// program run to its end, a file written, or a program left running.
	Kind Kind
	// Ready, for Background: the session goes on once the program's
	// output contains this text ("" = as soon as it has started). The
	// wait is bounded by Timeout; the program then runs until its
	// session ends.
	Ready string
	// Interrupt, when positive, sends SIGINT to the program's process
	// group that long after it started, as a reader's Ctrl-C would; the
	// exit status and output are then judged as usual.
	Interrupt time.Duration
	// FolderOnly, for WriteFile: the file is only in the folder, and the
	// Go programs after it do not build with it (a block a page shows,
	// saved as a reader would save it, not one it declares a file of a
	// program).
	FolderOnly bool
	// Files are written into the working folder before the run, in
	// order; a Go program also builds with them beside Source (another
	// source file, a file its //go:embed patterns name). Names are
	// relative paths inside the folder.
	Files []File

	// pkgFiles are the files a Go program of a Session builds with
	// besides Files: what the session's WriteFile steps before it wrote
	// (see Session.steps). They are in the folder already.
	pkgFiles []File
	// shared is set on the steps of a Session of more than one: a Go
	// program among them never shares the merged binary, whose panics
	// are run again alone (see gomerged.go), for the session's folder
	// would see that second run.
	shared bool
}

// goFiles are the files a Go program builds with besides its source.
func (s *Spec) goFiles() []File {
	return append(slices.Clip(s.Files), s.pkgFiles...)
}

// Kind is what a Spec does in its session.
type Kind int

const (
	// Foreground runs the program to its end: the default.
	Foreground Kind = iota
	// WriteFile writes Source to File, a path relative to the session's
	// folder, and runs nothing: data a later step reads, a second source
	// file. It has no Result of its own and needs no runner for Lang.
	WriteFile
	// Background starts the program and goes on with the session once
	// its output contains Ready; it is killed, with everything it
	// started, when the session ends, and its Result says what it
	// printed until then.
	Background
)

// A File is one file of Spec.Files.
type File struct {
	Name string // relative to the folder, e.g. "helper.go", "folder/a.hash"
	Data []byte
	// Line is the line of the Spec's SourcePath where the file's first
	// line is, when it is a block of that page (0: it is not): compiler
	// messages about it point there. It is no part of any key.
	Line int
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

	// Stopped says that a Background program was still running when its
	// session ended, and was killed then, as it should be: Exit is 0 and
	// Signal "" then, whatever the kill did. A background program that
	// ended on its own has its own exit status instead.
	Stopped bool
	// NotReady says that a Background program's output never contained
	// its Ready text: it ended first, or its Timeout passed (TimedOut).
	NotReady bool
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
	if s.Kind == WriteFile {
		return checkFileName(s.File)
	}
	switch {
	case s.Timeout <= 0:
		return fmt.Errorf("timeout %v: must be positive", s.Timeout)
	case s.OutputLimit <= 0:
		return fmt.Errorf("output limit %d: must be positive", s.OutputLimit)
	case s.Kind != Foreground && s.Kind != Background:
		return fmt.Errorf("kind %d: unknown", s.Kind)
	case s.Ready != "" && s.Kind != Background:
		return fmt.Errorf("a ready text needs a background program")
	case s.Interrupt < 0:
		return fmt.Errorf("interrupt %v: must not be negative", s.Interrupt)
	case s.File != "" && !plainName(s.File):
		return fmt.Errorf("file name %q: must be a plain base name", s.File)
	case s.Commands != nil && (s.Lang != "bash" || len(s.Source) > 0):
		return fmt.Errorf("a transcript runs in bash, with no source of its own")
	case strings.HasPrefix(s.File, "-"):
		// It goes on command lines, where it would read as an option.
		return fmt.Errorf("file name %q: must not start with '-'", s.File)
	}
	for _, f := range s.goFiles() {
		if err := checkFileName(f.Name); err != nil {
			return err
		}
	}
	for _, kv := range s.Env {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
			return fmt.Errorf("environment entry %q: want K=V", kv)
		}
	}
	return nil
}

// checkFileName reports what makes name unfit for a file of a session's
// folder: it must stay inside it.
func checkFileName(name string) error {
	if !filepath.IsLocal(name) || filepath.Clean(name) != name || strings.ContainsRune(name, 0) {
		return fmt.Errorf("file name %q: must be a clean path inside the folder", name)
	}
	return nil
}

// plainName reports whether name is a plain base name: no separator, not
// "." or "..", not empty.
func plainName(name string) bool {
	return name != "" && !strings.ContainsAny(name, "/\x00") && name != "." && name != ".."
}
