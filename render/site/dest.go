package site

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/internal/tomlkey"
)

// Manifest is the file Publish leaves in the publish folder, listing
// every file it wrote there, one slash-separated path a line after a
// header. It is the marker by which CheckDest knows the folder is
// pipedocs' to replace.
const Manifest = ".pipedocs-manifest"

const manifestHeader = "# pipedocs manifest 1: the files pipedocs wrote here; each build replaces this folder"

// sources are the folders of a site root that hold the user's own files.
var sources = [...]string{"content", "static", "layouts", "themes"}

// CheckDest says whether s may be published into dest, before anything
// runs (SPEC §5). Publishing replaces the whole folder, so dest may never
// be or hold the site root, be or lie inside content/, static/, layouts/
// or themes/ (or hold one of them), nor be an existing folder holding a
// file that pipedocs did not write. What pipedocs wrote is what the
// Manifest of the last Publish lists; a folder without one (the public/ of
// a pipedocs older than the Manifest) is accepted only when every file in
// it is one that this build writes too.
//
// Paths are compared as the file system sees them: symbolic links are
// resolved, ".." is cleaned, and a folder is compared with os.SameFile,
// so on a case-insensitive file system "CONTENT" is content/.
//
// dest is --dest as given; "" means the config's publishDir, relative to
// root unless absolute, and then a problem is reported at the line of
// configPath (pipedocs.toml, as the user names it) that sets it. The
// error is a diag.Diagnostic: bad input.
func (s *Site) CheckDest(root, dest, configPath string, o RenderOptions) error {
	origin := diag.Diagnostic{Path: "--dest"}
	if dest == "" {
		dest = s.Config.PublishDir
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(root, filepath.FromSlash(dest))
		}
		origin = publishDirAt(root, configPath)
	}
	fail := func(format string, args ...any) error {
		d := origin
		d.Msg = fmt.Sprintf(format, args...)
		if origin.Path == "--dest" {
			d.Msg = fmt.Sprintf("%q: %s", dest, d.Msg)
		} else {
			d.Msg = "publishDir: " + d.Msg
		}
		return d
	}
	d, err := resolve(dest)
	if err != nil {
		return fail("%v", err)
	}
	r, err := resolve(root)
	if err != nil {
		return fail("%v", err)
	}
	if within(r, d) {
		return fail("is or holds the site root %s; publishing replaces the whole folder: name a folder inside the site, such as \"public\"", r)
	}
	for _, name := range sources {
		src := filepath.Join(r, name)
		if p, err := resolve(src); err == nil {
			src = p
		}
		if within(d, src) || within(src, d) {
			return fail("is or holds the site's %s/ folder, its own files; name another folder, such as \"public\"", name)
		}
	}
	return checkWritten(d, fail, func() map[string]bool {
		x, err := s.index()
		if err != nil {
			return nil
		}
		c, _ := x.outputs(o.Theme, o.Static)
		return c.set()
	})
}

// checkWritten refuses an existing dest that holds a file pipedocs did
// not write: one its Manifest does not list, or, without a Manifest, one
// the coming build does not write (writes, asked only then).
func checkWritten(dest string, fail func(string, ...any) error, writes func() map[string]bool) error {
	info, err := os.Stat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fail("%v", err)
	case !info.IsDir():
		return fail("%s is a file, not a folder", dest)
	}
	files, err := listFiles(dest)
	if err != nil {
		return fail("%v", err)
	}
	if len(files) == 0 {
		return nil
	}
	known, marked, err := readManifest(filepath.Join(dest, Manifest))
	if err != nil {
		return fail("%v", err)
	}
	what := "its " + Manifest + " does not list"
	if !marked {
		known = writes()
		what = "it has no " + Manifest + " and this build does not write"
	}
	var foreign []string
	for _, f := range files {
		if !known[f] && !(marked && f == Manifest) {
			foreign = append(foreign, f)
		}
	}
	if len(foreign) == 0 {
		return nil
	}
	more := ""
	if len(foreign) > 1 {
		more = fmt.Sprintf(" and %d more", len(foreign)-1)
	}
	return fail("%s holds %s%s, which %s: pipedocs replaces the whole folder, so it publishes only into a new or empty folder, or one it wrote; move those files, or name another folder",
		dest, foreign[0], more, what)
}

// listFiles returns every file below dir (anything not a folder,
// symbolic links included), slash-separated, sorted.
func listFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	return files, err
}

// readManifest reads the file list of a Manifest; marked is false when
// there is none. A file that does not start with the header is no
// Manifest: a user's file of that name must not unlock the folder.
func readManifest(name string) (files map[string]bool, marked bool, err error) {
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	first, rest, _ := bytes.Cut(b, []byte("\n"))
	if string(first) != manifestHeader {
		return nil, false, nil
	}
	files = map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			files[line] = true
		}
	}
	return files, true, sc.Err()
}

// writeManifest lists every file under dir in dir's Manifest.
func writeManifest(dir string) error {
	files, err := listFiles(dir)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(manifestHeader + "\n")
	for _, f := range files {
		if f != Manifest {
			b.WriteString(f + "\n")
		}
	}
	return os.WriteFile(filepath.Join(dir, Manifest), []byte(b.String()), 0o644)
}

// resolve makes p absolute, clean, with the symbolic links of its
// longest existing prefix resolved: what the OS would open, for a path
// that may not exist yet.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether p is dir or lies inside it. Each existing folder
// on p's way up is compared with dir by os.SameFile, which sees through
// a case-insensitive file system; a dir that does not exist is compared
// by name.
func within(p, dir string) bool {
	di, derr := os.Stat(dir)
	for a := p; ; a = filepath.Dir(a) {
		if derr != nil {
			if a == dir {
				return true
			}
		} else if ai, err := os.Stat(a); err == nil && os.SameFile(ai, di) {
			return true
		}
		if filepath.Dir(a) == a {
			return false
		}
	}
}

// publishDirAt is the position of the publishDir setting in the config,
// for messages; the whole file when it cannot be found.
func publishDirAt(root, configPath string) diag.Diagnostic {
	src, err := os.ReadFile(filepath.Join(root, config.FileName))
	if err != nil {
		return diag.Diagnostic{Path: configPath}
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return diag.Diagnostic{Path: configPath}
	}
	for k := range raw {
		if strings.EqualFold(k, "publishDir") {
			if span, ok := tomlkey.Locate(string(src), []string{k}); ok {
				return diag.NewLineIndex(src).At(configPath, span.Value, "")
			}
		}
	}
	return diag.Diagnostic{Path: configPath}
}
