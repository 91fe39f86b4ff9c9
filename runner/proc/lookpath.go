package proc

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// lookPath resolves name the way the child's own shell would: a name with
// a slash is used as it is, any other is searched in the PATH of env, not
// in ours (exec.LookPath would use ours, which the child never sees).
func lookPath(name string, env []string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("proc: no program to run")
	}
	if strings.Contains(name, "/") {
		return name, nil
	}
	for _, dir := range filepath.SplitList(getenv(env, "PATH")) {
		if dir == "" {
			continue // an empty entry would mean the working directory: never trust it implicitly
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("proc: %s: %w in the child's PATH", name, exec.ErrNotFound)
}

// getenv returns the first value of key in env, the one the C library's
// getenv in the child would see.
func getenv(env []string, key string) string {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			return v
		}
	}
	return ""
}
