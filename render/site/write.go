package site

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// An outTree writes the files of one render into its folder, which starts
// empty (Render's contract). It remembers every folder it made, so each
// is made once, with one mkdir and no stat: on a site of thousands of
// pages, each in a folder of its own, these metadata calls are a large
// part of what a first build spends.
type outTree struct {
	root string
	dirs sync.Map // site-relative, slash-separated folder → struct{}: exists
}

func newOutTree(root string) *outTree { return &outTree{root: root} }

// writeFile writes b to name, site-relative and slash-separated, making
// its folders as needed. The file is new, or replaced whole (a site's
// static file over a theme's); the render folder is swapped in only
// once complete (Publish), so no reader sees a file half written.
func (t *outTree) writeFile(name string, b []byte) error {
	if err := t.mkdirAll(path.Dir(name)); err != nil {
		return err
	}
	return writeNewFile(filepath.Join(t.root, filepath.FromSlash(name)), b)
}

// mkdirAll makes the site-relative folder dir and its missing parents,
// asking the file system only about folders this tree has not made yet.
// Two workers making one folder at once both succeed (EEXIST). A file in
// the way is reported by the write that follows (ENOTDIR), as with
// os.MkdirAll.
func (t *outTree) mkdirAll(dir string) error {
	if dir == "." || dir == "/" {
		return nil
	}
	if _, ok := t.dirs.Load(dir); ok {
		return nil
	}
	if err := t.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	err := os.Mkdir(filepath.Join(t.root, filepath.FromSlash(dir)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	t.dirs.Store(dir, struct{}{})
	return nil
}
