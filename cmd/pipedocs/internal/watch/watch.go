package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// A Watcher reports changes under a fixed set of paths.
type Watcher struct {
	fsw   *fsnotify.Watcher
	quiet time.Duration
	paths []string // absolute and clean
}

// New starts watching each of paths and, for a directory, everything
// below it. The watches are in place when New returns, so a change made
// after that is reported by Run even if Run has not started yet. quiet
// is how long the files must stay unchanged before Run reports a batch.
func New(quiet time.Duration, paths ...string) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{fsw: fsw, quiet: quiet}
	parents := map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			fsw.Close()
			return nil, fmt.Errorf("watch: %w", err)
		}
		w.paths = append(w.paths, abs)
		parents[filepath.Dir(abs)] = true
	}
	// A parent is watched on its own (not its subtree) to see the watched
	// path itself appear, disappear or be replaced by a rename.
	for dir := range parents {
		if err := w.add(dir); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	for _, p := range w.paths {
		if err := w.addTree(p); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// add watches one directory; one that is gone already is no error.
func (w *Watcher) add(dir string) error {
	if err := w.fsw.Add(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	return nil
}

// addTree watches root and every directory below it. A file needs no
// watch of its own: its parent's watch reports it.
func (w *Watcher) addTree(root string) error {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // removed while we walked: its removal is an event of its own
		case err != nil:
			return err
		case !d.IsDir():
			return nil
		case p != root && litter(d.Name()):
			return filepath.SkipDir
		}
		return w.add(p)
	})
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	return nil
}

// watched reports whether name is one of the paths or below one.
func (w *Watcher) watched(name string) bool {
	for _, p := range w.paths {
		if name == p || strings.HasPrefix(name, p+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// litter reports whether a file name is an editor's by-product rather
// than a source: a dot file (vim's .x.swp, .#x of Emacs), a backup (x~),
// an Emacs auto-save (#x#) or vim's write probe (4913).
func litter(base string) bool {
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") ||
		strings.HasSuffix(base, "~") || base == "4913"
}

// Run reports changes until ctx ends, then stops watching and returns
// nil. Each call of changed gets the sorted set of paths that changed
// since the last call, once no event has come for the quiet period.
// changed runs on Run's goroutine: a slow one delays the next batch but
// loses no event.
//
// When the kernel's event queue overflowed, the batch holds every watched
// path, since any of them may have changed. Run returns an error only if
// a new directory cannot be watched (the system's limit of watches is
// reached, say).
func (w *Watcher) Run(ctx context.Context, changed func(paths []string)) error {
	defer w.fsw.Close()
	pending := map[string]bool{}
	timer := time.NewTimer(w.quiet)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			if !w.relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new directory may already hold files written before its
				// watch was added: the rebuild will read them anyway.
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					if err := w.addTree(ev.Name); err != nil {
						return err
					}
				}
			}
			pending[ev.Name] = true
			timer.Reset(w.quiet)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				return fmt.Errorf("watch: %w", err)
			}
			for _, p := range w.paths {
				pending[p] = true
			}
			timer.Reset(w.quiet)
		case <-timer.C:
			batch := make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			clear(pending)
			slices.Sort(batch)
			changed(batch)
		}
	}
}

// relevant keeps the events that can change a build.
func (w *Watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	return w.watched(ev.Name) && !litter(filepath.Base(ev.Name))
}

// Close stops watching; it is for a Watcher whose Run never started.
func (w *Watcher) Close() error { return w.fsw.Close() }
