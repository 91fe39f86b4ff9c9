package proc

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// scratch is this process's folder for temporary files.
var scratch struct {
	mu  sync.Mutex
	dir string // made on first use; "" before and after Cleanup
}

// TempDir returns this process's scratch folder, made on first use:
// $TMPDIR/pipedocs-PID-tSTART (see ownerName), mode 0700. Everything
// temporary that pipedocs makes goes in it, so that what a pipedocs
// killed with SIGKILL leaves behind is one folder, which the next Sweep
// removes. Cleanup removes it at a normal exit.
func TempDir() (string, error) {
	scratch.mu.Lock()
	defer scratch.mu.Unlock()
	if scratch.dir != "" {
		return scratch.dir, nil
	}
	dir := filepath.Join(os.TempDir(), ownerName())
	err := os.Mkdir(dir, 0o700)
	if errors.Is(err, os.ErrExist) {
		// Ours from an earlier call, before a Cleanup: nobody else has
		// our name.
		err = nil
	}
	if err != nil {
		return "", fmt.Errorf("proc: scratch folder: %w", err)
	}
	scratch.dir = dir
	return dir, nil
}

// MkdirTemp makes a new folder in TempDir, as os.MkdirTemp(TempDir(),
// pattern) would, and returns its path. The caller removes it when done.
func MkdirTemp(pattern string) (string, error) {
	dir, err := TempDir()
	if err != nil {
		return "", err
	}
	return os.MkdirTemp(dir, pattern)
}

// Sweep removes what dead pipedocs processes left behind: their scratch
// folders in $TMPDIR, and their cgroups, after killing every process
// still in them (the background processes of a pipedocs killed with
// SIGKILL). A folder or cgroup whose owner lives is never touched; see
// ownerName. Call it once, at start. Its error, if any, is worth a
// warning, not a failure: what it could not remove is still there for
// the next Sweep.
//
// Sweep also readies our process for running children (see Secrets in
// the package documentation), so it is best called before anything else.
func Sweep() error {
	if err := reap.setup(); err != nil {
		return err
	}
	err := sweepFolders(os.TempDir())
	if dir, ok := cgroups.parent(); ok {
		removeStale(dir) // again, if parent's first call was earlier
	}
	return err
}

// sweepFolders removes the scratch folders of dead owners in tmp.
func sweepFolders(tmp string) error {
	ents, err := os.ReadDir(tmp)
	if err != nil {
		return fmt.Errorf("proc: sweep: %w", err)
	}
	var errs []error
	for _, e := range ents {
		if !e.IsDir() || !ownerDead(e.Name()) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(tmp, e.Name())); err != nil {
			errs = append(errs, fmt.Errorf("proc: sweep: %w", err))
		}
	}
	return errors.Join(errs...)
}

// Cleanup kills every Group still alive, then removes TempDir and our
// owner cgroup. Call it once before a normal exit, after every Run has
// returned; a later TempDir or Run makes them again.
func Cleanup() error {
	err := killAll()
	scratch.mu.Lock()
	if scratch.dir != "" {
		if rerr := os.RemoveAll(scratch.dir); rerr != nil {
			err = errors.Join(err, fmt.Errorf("proc: cleanup: %w", rerr))
		}
		scratch.dir = ""
	}
	scratch.mu.Unlock()
	return errors.Join(err, cgroups.removeOwner())
}
