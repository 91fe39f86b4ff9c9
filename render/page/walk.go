package page

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pipedocs/pipedocs/render/diag"
)

// A contentFile is one .md file found below content/.
type contentFile struct {
	path string // as the walk reached it, through any symlinks: "content/a/b.md"
	real string // the same file with every symlink resolved, for reading
}

// A walker lists the files below content/, .md files apart, following symlinks that
// stay inside the site and reporting those that leave it.
//
// Symlinks are resolved inside fsys, one path element at a time, with
// fs.Lstat and fs.ReadLink (io/fs's ReadLinkFS, which os.DirFS and
// fstest.MapFS implement), so Load never needs to know where fsys is on
// disk and tests can build any tree of links in memory. A relative target
// is taken from the link's folder, as the kernel does; a ".." above the
// root of fsys leaves the site. An absolute target cannot be resolved
// inside fsys: it is resolved on disk with filepath.EvalSymlinks and
// compared with the resolved site root, or counts as leaving the site when
// the root is not known.
type walker struct {
	fsys  fs.FS
	root  string // the site root on disk, for absolute targets; "" when fsys is not a folder on disk
	files []contentFile
	other []contentFile // every file that is not .md: resources and files to copy
	errs  diag.List

	realRoot string // root with its own symlinks resolved, once one is needed
}

var (
	errLeaves = errors.New("symlink leaves the site")
	errLoop   = errors.New("too many levels of symlinks")
)

// maxHops bounds the symlinks followed to resolve one path, as Linux's
// MAXSYMLINKS (40) does, so that a cycle of links ends.
const maxHops = 40

// walk lists the content files, sorted by path within each folder.
func (w *walker) walk() error {
	real, err := w.resolve("content")
	if err != nil {
		if w.report("content", err) {
			return nil
		}
		return err
	}
	if info, err := fs.Stat(w.fsys, real); err != nil {
		return err
	} else if !info.IsDir() {
		return &fs.PathError{Op: "read", Path: "content", Err: errors.New("not a directory")}
	}
	return w.dir("content", real, []string{real})
}

// dir walks the folder reached as name, which is real with every symlink
// resolved; open holds the real paths of the folders being walked, from
// content/ down to this one, so that a link back to one is reported.
func (w *walker) dir(name, real string, open []string) error {
	entries, err := fs.ReadDir(w.fsys, real)
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		p, r := name+"/"+n, real+"/"+n
		switch {
		case strings.HasPrefix(n, "."): // an editor's backups, .git
			continue
		case !utf8.ValidString(n):
			w.errs = append(w.errs, diag.Diagnostic{Path: escape(p), Msg: "file name is not valid UTF-8: rename it"})
			continue
		}
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if r, err = w.resolve(r); err != nil {
				if w.report(p, err) {
					continue
				}
				return err
			}
			info, err := fs.Stat(w.fsys, r)
			if err != nil {
				return err
			}
			isDir = info.IsDir()
		}
		switch {
		case isDir && slices.Contains(open, r):
			w.errs = append(w.errs, diag.Diagnostic{Path: p, Msg: fmt.Sprintf("symlink leads back to %s, which holds it", r)})
		case isDir:
			if err := w.dir(p, r, append(slices.Clip(open), r)); err != nil {
				return err
			}
		case strings.HasSuffix(n, ".md"):
			w.files = append(w.files, contentFile{path: p, real: r})
		default:
			w.other = append(w.other, contentFile{path: p, real: r})
		}
	}
	return nil
}

// report turns a resolve error about the input into a diagnostic at p,
// and reports false for an error of the file system.
func (w *walker) report(p string, err error) bool {
	var msg string
	switch {
	case errors.Is(err, errLeaves):
		msg = errLeaves.Error()
	case errors.Is(err, errLoop):
		msg = "symlink loop: " + errLoop.Error()
	case errors.Is(err, fs.ErrNotExist) && p != "content":
		msg = "symlink to a file that does not exist"
	default:
		return false
	}
	w.errs = append(w.errs, diag.Diagnostic{Path: p, Msg: msg})
	return true
}

// resolve returns name, a path in fsys, with every symlink in it resolved,
// or errLeaves when that path is outside fsys.
func (w *walker) resolve(name string) (string, error) {
	var done []string // the resolved elements so far: no symlink among them
	todo := strings.Split(name, "/")
	for hops := 0; len(todo) > 0; {
		elem := todo[0]
		todo = todo[1:]
		switch elem {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return "", errLeaves
			}
			done = done[:len(done)-1]
			continue
		}
		p := path.Join(append(slices.Clip(done), elem)...)
		info, err := fs.Lstat(w.fsys, p)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = append(done, elem)
			continue
		}
		if hops++; hops > maxHops {
			return "", errLoop
		}
		target, err := fs.ReadLink(w.fsys, p)
		if err != nil {
			return "", err
		}
		if filepath.IsAbs(target) {
			if target, err = w.inside(target); err != nil {
				return "", err
			}
			done = done[:0]
		}
		todo = append(strings.Split(target, "/"), todo...)
	}
	if len(done) == 0 {
		return ".", nil
	}
	return path.Join(done...), nil
}

// inside returns target, an absolute path on disk, as a path in fsys, or
// errLeaves when it is outside the site.
func (w *walker) inside(target string) (string, error) {
	if w.root == "" {
		return "", errLeaves
	}
	if w.realRoot == "" {
		abs, err := filepath.Abs(w.root)
		if err != nil {
			return "", err
		}
		if w.realRoot, err = filepath.EvalSymlinks(abs); err != nil {
			return "", err
		}
	}
	real, err := filepath.EvalSymlinks(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(w.realRoot, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", errLeaves
	}
	return filepath.ToSlash(rel), nil
}

// escape shows a path that is not valid UTF-8 with its bad bytes as \xNN,
// so a report never sends them raw to a terminal.
func escape(p string) string {
	q := strconv.Quote(p)
	return q[1 : len(q)-1]
}
