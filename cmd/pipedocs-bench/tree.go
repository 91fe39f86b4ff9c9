package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// marker names the file that says a folder was written by this program and
// may be replaced by it. Without it a non-empty folder is never touched, so
// a mistyped -o cannot wipe someone's work.
const marker = ".pipedocs-bench"

// A tree is the output folder of a generator.
type tree struct{ root string }

// newTree empties dir (when it holds an earlier corpus) or creates it, so
// that the corpus is exactly what one run writes, and marks it as ours.
func newTree(dir string) (*tree, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	case len(entries) == 0:
	default:
		if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
			return nil, fmt.Errorf("%s: not empty and not a generated corpus (no %s); refusing to overwrite it", dir, marker)
		}
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	t := &tree{root: dir}
	return t, t.write(marker, []byte("written by pipedocs-bench; replaced by its next run\n"))
}

// write writes one file, rel being a slash-separated path under the root.
func (t *tree) write(rel string, data []byte) error {
	name := filepath.Join(t.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// copyFS writes every file of fsys into the tree.
func (t *tree) copyFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		return t.write(path, data)
	})
}
