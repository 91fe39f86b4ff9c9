package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// ensureHugo returns the path of the hugo command: the one given, the one
// on PATH, or, on a fresh machine, Debian's package installed with apt-get
// (without recommends: those pull in an old Go at /usr/bin/go that would
// shadow the toolchain on PATH).
func ensureHugo(ctx context.Context, given string, log io.Writer) (string, error) {
	if given != "" {
		return exec.LookPath(given)
	}
	if p, err := exec.LookPath("hugo"); err == nil {
		return p, nil
	}
	var sudo []string
	if os.Geteuid() != 0 {
		if _, err := exec.LookPath("sudo"); err != nil {
			return "", errors.New("hugo is not installed, and installing it needs root (or sudo)")
		}
		sudo = []string{"sudo"}
	}
	fmt.Fprintln(log, "hugo not found: installing Debian's hugo package")
	for _, args := range [][]string{
		{"apt-get", "update"},
		{"apt-get", "install", "-y", "--no-install-recommends", "hugo"},
	} {
		argv := append(sudo, args...)
		cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
		cmd.Stdout, cmd.Stderr = log, log
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("installing hugo: %v: %w", argv, err)
		}
	}
	return exec.LookPath("hugo")
}

// buildPipedocs builds ./cmd/pipedocs of the repository at repo into bin,
// so the figures are of the code as it is now, not of an old install.
func buildPipedocs(ctx context.Context, repo, bin string) (string, error) {
	out := filepath.Join(bin, "pipedocs")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/pipedocs")
	cmd.Dir = repo
	var stderr tail
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/pipedocs: %w\n%s", err, stderr.String())
	}
	return out, nil
}
