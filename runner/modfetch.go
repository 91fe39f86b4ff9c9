package runner

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// Snippets build offline (GOPROXY=off in goEnv): a build must not fetch
// anything a snippet names, nor depend on the network to be repeatable.
// But on a machine that never built the module, its dependencies are not
// in the module cache yet, and the offline build fails for each snippet
// with "module lookup disabled by GOPROXY=off". Then, once per build, the
// dependencies are downloaded as `go build` would download them, with the
// user's own settings (GOPROXY, GOPRIVATE, GONOSUMDB, GOFLAGS, a .netrc
// in HOME, git's credentials...), and the build is tried again, offline.
// A machine that has them already pays nothing: the download runs only
// after a build said it was needed.
//
// The download is `go list -deps` of the snippets' packages in the build
// workspace: it loads exactly what the build loads, so it fetches the
// modules those packages import and the go.mod files the module graph
// needs, checks them against the module's go.sum, and writes nothing but
// the module cache (-mod=readonly on the command line wins over GOFLAGS).

// lookupDisabled is what the go command says of a module it needs but
// may not download.
var lookupDisabled = []byte("module lookup disabled by GOPROXY=off")

// needsDownload reports whether a failed offline build failed for want
// of a download.
func needsDownload(out []byte) bool { return bytes.Contains(out, lookupDisabled) }

// downloadOnce is called when an offline build of pkgs in b failed for
// want of a download. The first time, it downloads, and again says to
// build once more. After that, a build that still lacks a module fails:
// with what the download said, when it failed, since that (a refused
// download, say) is what the user must fix.
func (r *Runner) downloadOnce(ctx context.Context, b *goBuild, pkgs []string) (again bool, err error) {
	if b.downloaded {
		if b.download != nil {
			return false, fmt.Errorf("go build: downloading the module's dependencies: %s", b.download)
		}
		return false, nil
	}
	b.downloaded = true
	b.download, err = r.download(ctx, b, pkgs)
	return err == nil, err
}

// download fetches the modules that building pkgs in b needs, with the
// user's Go settings. It returns what the go command printed when it
// failed (a download refused, a checksum mismatch, or only a snippet's
// import that no module provides: the offline build tells which), and an
// error only when it could not run at all.
func (r *Runner) download(ctx context.Context, b *goBuild, pkgs []string) ([]byte, error) {
	argv := []string{"go", "list", "-deps", "-mod=readonly", "-f", "{{.ImportPath}}"}
	for _, pkg := range pkgs {
		argv = append(argv, "./"+pkg)
	}
	out, err := proc.Run(ctx, proc.Cmd{
		Path:        argv[0],
		Args:        argv,
		Dir:         b.dir,
		Env:         downloadEnv(b.gowork),
		Timeout:     buildTimeout,
		OutputLimit: 4 << 20,
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("go build: downloading the module's dependencies: %w", err)
	case out.TimedOut:
		return nil, fmt.Errorf("go build: downloading the module's dependencies: still running after %v", buildTimeout)
	case out.ExitCode != 0:
		return bytes.TrimSpace(out.Output), nil
	}
	return nil, nil
}

// downloadEnv is the environment of the download: pipedocs' own, since
// it is the user's go command fetching the user's dependencies (no
// snippet runs in it), with the workspace of the build and its
// toolchain. GOOS and GOARCH go, as in goEnv: the build is for here, and
// they decide which files, and so which imports, it loads.
func downloadEnv(gowork string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != "GOOS" && k != "GOARCH" {
			env = append(env, kv)
		}
	}
	return mergeEnv(env, []string{
		"GOWORK=" + gowork,
		"GOTOOLCHAIN=local",
		"LANG=C",
	})
}
