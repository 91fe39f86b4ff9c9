package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// markdownFiles lists the files paths name, as the user sees them
// (relative to the working directory, slash separated), sorted and each
// once. A file is taken as named, whatever its name. A folder is walked
// for *.md files (symlinks to files included; symlinked folders are not
// entered), skipping hidden files and folders, node_modules and vendor,
// and what git ignores (see gitIgnored).
func markdownFiles(paths []string) ([]string, error) {
	seen := make(map[string]bool)
	var out []string
	add := func(name string) {
		if d := displayPath(name); !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, arg := range paths {
		info, err := os.Stat(arg)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, UsageError{fmt.Sprintf("%s: no such file or folder", arg)}
		}
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(arg)
			continue
		}
		found, err := walkMarkdown(arg)
		if err != nil {
			return nil, err
		}
		for _, f := range found {
			add(f)
		}
	}
	slices.Sort(out)
	return out, nil
}

// skipDirs are the folders a walk never enters, besides hidden ones:
// other people's Markdown.
var skipDirs = map[string]bool{"node_modules": true, "vendor": true}

// walkMarkdown lists the *.md files below dir (see markdownFiles).
func walkMarkdown(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := strings.HasPrefix(d.Name(), ".") && name != dir
		if d.IsDir() {
			if name != dir && (hidden || skipDirs[d.Name()]) {
				return filepath.SkipDir
			}
			return nil
		}
		if hidden || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(name); err != nil || !info.Mode().IsRegular() {
				return nil // a dangling link, or one to a folder
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		found = append(found, name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ignored, err := gitIgnored(dir, found)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(found, func(name string) bool { return ignored[name] }), nil
}

// gitIgnored is the set of files (found below dir) that the .gitignore
// files, .git/info/exclude and the user's excludes file ignore, as `git
// check-ignore --stdin` in dir answers; files git tracks are never
// ignored. Outside a git work tree, or when git is not installed, nothing
// is ignored: .gitignore files are not read without git.
func gitIgnored(dir string, files []string) (map[string]bool, error) {
	if len(files) == 0 {
		return nil, nil
	}
	var in bytes.Buffer
	rel := make(map[string]string, len(files)) // as git is asked → as found
	for _, f := range files {
		r, err := filepath.Rel(dir, f)
		if err != nil {
			return nil, err
		}
		rel[r] = f
		in.WriteString(r)
		in.WriteByte(0)
	}
	cmd := exec.Command("git", "check-ignore", "-z", "--stdin")
	cmd.Dir = dir
	cmd.Stdin = &in
	out, err := cmd.Output()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return nil, nil // none is ignored
	case err != nil:
		return nil, nil // no git, or not a work tree (status 128): nothing to ignore by
	}
	ignored := make(map[string]bool)
	for _, r := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		if f, ok := rel[r]; ok {
			ignored[f] = true
		}
	}
	return ignored, nil
}
