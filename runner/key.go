package runner

import (
	"encoding/json"
	"time"

	"github.com/pipedocs/pipedocs/runner/cache"
)

// keyTag versions the key's description. Change it whenever what a run
// depends on changes shape (a new Spec field, a new way to build Go), so
// that entries of an older pipedocs can never be taken for current ones.
const keyTag = "pipedocs-result-v3"

// goCommand stands in the key for the built-in Go runner's command: the
// way it builds is fixed by this code, so keyTag versions it.
var goCommand = []string{"go", "build"}

// key returns the results-cache key of running s with PATH path.
//
// Invariant: two runs whose keys are equal have the same inputs, so one's
// Result may stand for the other's (up to the program's own
// nondeterminism, which its output block must tolerate anyway). So the
// key covers everything the run reads that can differ between two runs:
// the runner's name, its command and toolchain version; the snippet's
// file name, source, arguments, extra environment, stdin (with nil,
// /dev/null, distinct from empty), timeout and output limit; the PATH it
// runs with (which programs a shell snippet finds); for Go, the go.mod
// and go.sum of the module it builds in, which fix every dependency's
// version, and the sources of every package of that module the snippet
// imports, directly or not (see localdeps.go); the name and binary
// digest of each [bin] program the snippet names (see bin.go); its kind,
// ready text, interrupt and the files it runs and builds with (Spec.Files); in
// a session, the keys of every step before it (see session.go). The
// fixed parts of the environment (LANG, TZ) and the temporary folder's
// name are the same for every run and need no place in it.
//
// Not covered, by design: where the snippet sits in its article (compiler
// positions are mapped after the cache; see linemap.go), the machine's
// state (files outside the temp folder, the network, the clock), the
// contents of local directories the go.mod replaces modules with, and
// files a snippet reads at run time. Runs that depend on those need
// --no-cache.
func key(s *Spec, file string, command []string, toolchain, path string, m *module, deps, progs []string) cache.Key {
	h := cache.NewHash(keyTag)
	h.Str(s.Lang)
	h.List(command)
	h.Str(toolchain)
	h.Str(file)
	h.Bytes(s.Source)
	h.List(s.Args)
	h.List(s.Env)
	h.Opt(s.Stdin)
	h.Num(uint64(s.Timeout))
	h.Num(uint64(s.OutputLimit))
	h.Str(path)
	if s.Commands != nil {
		// Only here, so that the keys of other specs stay as they were;
		// v2: $? carries from one command to the next (transcript.go).
		h.Str("transcript-v2")
		h.List(s.Commands)
	}
	if len(s.Files) > 0 {
		h.Str("files")
		for _, f := range s.Files {
			h.Str(f.Name)
			h.Bytes(f.Data)
		}
	}
	h.Bool(m != nil)
	if m != nil {
		h.Bytes(m.gomod)
		h.Bytes(m.gosum)
		h.List(deps)
	}
	// Only when there are any, so that keys without programs stay those
	// of before [bin] and committed results hold.
	if len(progs) > 0 {
		h.Str("bin")
		h.List(progs)
	}
	// Likewise only for specs that use them (see session.go).
	if s.Kind != Foreground || s.Ready != "" || s.Interrupt != 0 || len(s.goFiles()) > 0 {
		h.Str("session")
		h.Num(uint64(s.Kind))
		h.Str(s.Ready)
		h.Num(uint64(s.Interrupt))
		files := s.goFiles()
		h.Num(uint64(len(files)))
		for _, f := range files {
			h.Str(f.Name)
			h.Bytes(f.Data)
		}
	}
	return h.Sum()
}

// entry is a Result as the results cache keeps it. Build output is kept
// with positions in the snippet (see linemap.go); Cached is not stored
// but set when an entry is read.
type entry struct {
	Output      []byte
	Exit        int
	Signal      string
	BuildFailed bool
	OverLimit   bool
	Duration    time.Duration
	Toolchain   string

	Dir, Home, TmpDir, Exe string

	Steps []Step `json:",omitempty"`

	Stopped  bool `json:",omitempty"`
	NotReady bool `json:",omitempty"`
}

// cacheable reports whether res may stand for future runs. A timeout is
// not a property of the program alone (a loaded machine makes one), so
// it is run again next time.
func cacheable(res Result) bool { return !res.TimedOut }

func encodeEntry(res Result) ([]byte, error) {
	return json.Marshal(entry{
		Output:      res.Output,
		Exit:        res.Exit,
		Signal:      res.Signal,
		BuildFailed: res.BuildFailed,
		OverLimit:   res.OverLimit,
		Duration:    res.Duration,
		Toolchain:   res.Toolchain,
		Dir:         res.Dir,
		Home:        res.Home,
		TmpDir:      res.TmpDir,
		Exe:         res.Exe,
		Steps:       res.Steps,
		Stopped:     res.Stopped,
		NotReady:    res.NotReady,
	})
}

func decodeEntry(data []byte) (Result, bool) {
	var e entry
	if err := json.Unmarshal(data, &e); err != nil {
		return Result{}, false
	}
	return Result{
		Output:      e.Output,
		Exit:        e.Exit,
		Signal:      e.Signal,
		BuildFailed: e.BuildFailed,
		OverLimit:   e.OverLimit,
		Duration:    e.Duration,
		Toolchain:   e.Toolchain,
		Cached:      true,
		Dir:         e.Dir,
		Home:        e.Home,
		TmpDir:      e.TmpDir,
		Exe:         e.Exe,
		Steps:       e.Steps,
		Stopped:     e.Stopped,
		NotReady:    e.NotReady,
	}, true
}
