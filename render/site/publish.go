package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Publish makes dest hold exactly the files that render writes into an
// empty temporary directory, swapping the whole tree in at once:
//
//  1. render into ".NAME.tmp-PID-RANDOM" beside dest (same parent, so the
//     same file system, so rename is atomic);
//  2. on Linux, exchange the two directories with one renameat2
//     RENAME_EXCHANGE; elsewhere, or on a file system without it, rename
//     dest to ".NAME.old-PID-RANDOM", then the new tree to dest;
//  3. remove what is left of the old tree.
//
// The new tree holds a Manifest listing its files, the marker by which
// CheckDest knows the next build may replace it.
//
// If render fails or ctx ends first, dest is untouched. A run killed at
// any moment leaves dest holding the old site or the new one, except, on
// the fallback path only, between the two renames; the next Publish then
// puts the old site back before it starts. It also removes the temporary
// trees of runs that were killed, recognised by the PID in their name
// belonging to no live process.
//
// Files are not fsynced: the guarantee is against a killed process, not a
// lost power supply, and syncing thousands of pages would cost more than
// the whole render.
func Publish(ctx context.Context, dest string, render func(tmp string) error) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if resolved, err := filepath.EvalSymlinks(dest); err == nil {
		dest = resolved // swap the directory a symlink points to, not the link
	}
	parent, name := filepath.Dir(dest), filepath.Base(dest)
	if err := recoverStale(parent, name); err != nil {
		return fmt.Errorf("publish: %w", err)
	}

	mode := fs.FileMode(0o755)
	if info, err := os.Stat(dest); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("publish: %s is not a directory", dest)
		}
		mode = info.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("publish: %w", err)
	}

	tmp, err := os.MkdirTemp(parent, tempPrefix(name, "tmp"))
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	// From here on tmp is removed whatever happens; after a successful
	// exchange it holds the old site.
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, mode); err != nil { // MkdirTemp makes it 0700
		return fmt.Errorf("publish: %w", err)
	}
	if err := render(tmp); err != nil {
		return err
	}
	if err := writeManifest(tmp); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return swap(tmp, dest, parent, name)
}

// swap puts the tree at tmp in place of dest.
func swap(tmp, dest, parent, name string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dest); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		return nil
	}
	switch err := exchangeDirs(tmp, dest); {
	case err == nil:
		return nil
	case !errors.Is(err, errNoExchange):
		return fmt.Errorf("publish: %w", err)
	}

	// os.Rename refuses to replace a directory, even an empty one, so the
	// parking name is reserved by MkdirTemp and freed just before use.
	old, err := os.MkdirTemp(parent, tempPrefix(name, "old"))
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.Remove(old); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.Rename(dest, old); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return fmt.Errorf("publish: %w (and restoring %s: %v)", err, dest, rerr)
		}
		return fmt.Errorf("publish: %w", err)
	}
	return os.RemoveAll(old)
}

// errNoExchange means the platform or file system cannot swap two paths
// atomically.
var errNoExchange = errors.New("atomic exchange not supported")

// exchangeDirs is exchange, replaceable by tests of the fallback.
var exchangeDirs = exchange

func tempPrefix(name, kind string) string {
	return "." + name + "." + kind + "-" + strconv.Itoa(os.Getpid()) + "-"
}

// recoverStale cleans up after runs of Publish that were killed: their
// new trees are removed, and an old tree is put back if the kill came
// between the two renames of the fallback swap, leaving no dest.
func recoverStale(parent, name string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return os.MkdirAll(parent, 0o755)
		}
		return err
	}
	dest := filepath.Join(parent, name)
	for _, e := range entries {
		kind, pid, ok := parseTemp(e.Name(), name)
		if !ok || processAlive(pid) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if kind == "old" {
			if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
				if err := os.Rename(p, dest); err != nil {
					return err
				}
				continue
			}
		}
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// parseTemp recognises a name made by tempPrefix for dest name.
func parseTemp(entry, name string) (kind string, pid int, ok bool) {
	rest, ok := strings.CutPrefix(entry, "."+name+".")
	if !ok {
		return "", 0, false
	}
	kind, rest, ok = strings.Cut(rest, "-")
	if !ok || (kind != "tmp" && kind != "old") {
		return "", 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	if !ok {
		return "", 0, false
	}
	pid, err := strconv.Atoi(digits)
	if err != nil || pid <= 0 {
		return "", 0, false
	}
	return kind, pid, true
}
