package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// repoRoots remembers the repository root of each folder repoPath asked
// git about: a report names many files of few folders.
var repoRoots sync.Map // folder → root ("" outside a repository)

// repoPath is name as GitHub's annotations want it: relative to the root
// of the git repository that holds it, whether the site was named by an
// absolute or a relative path; outside a repository (or without git),
// relative to the working directory.
func repoPath(name string) string {
	abs, err := filepath.Abs(name)
	if err != nil {
		return filepath.ToSlash(name)
	}
	dir := filepath.Dir(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real // git names the root by its real path
	}
	abs = filepath.Join(dir, filepath.Base(abs))
	root, ok := repoRoots.Load(dir)
	if !ok {
		root = gitRoot(dir)
		repoRoots.Store(dir, root)
	}
	base := root.(string)
	if base == "" {
		if base, err = os.Getwd(); err != nil {
			return filepath.ToSlash(name)
		}
		if real, err := filepath.EvalSymlinks(base); err == nil {
			base = real
		}
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil {
		return filepath.ToSlash(name)
	}
	return filepath.ToSlash(rel)
}

// gitRoot is the top folder of the git work tree holding dir, or "".
func gitRoot(dir string) string {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
