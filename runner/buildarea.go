package runner

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pipedocs/pipedocs/runner/cache"
)

// The build area (Config.BuildDir) keeps Go builds between runs of
// pipedocs, so that an unchanged snippet is neither compiled nor linked
// again. It is to linked binaries what the Go build cache is to compiled
// packages, and like it, it holds no results: with --no-cache every
// snippet still runs.
//
//	BuildDir/
//	  3f9c…/              a workspace: one per module and toolchain
//	    lock              held by the process building in it
//	    go.mod, go.work   as in a temporary build (see golang.go)
//	    9a1e…/main.go     a snippet's package, named by its file and source
//	    bin/9a1e…         its binary, which the go command keeps up to date
//	    pins-…/9a1e…      one build's own links to the binaries it runs
//
// Because a package is named by what it holds, the same snippet has the
// same directory, and so the same compile and link actions, in every
// build: `go build -o bin/ ./9a1e… …` finds its binary up to date and
// skips it, in about a hundredth of the time of a link. Whether a binary
// is up to date is the go command's to decide (it compares the build ID
// in the binary with the one it would produce), so a changed dependency,
// GOFLAGS or toolchain rebuilds exactly what it affects; the workspace's
// name only keeps apart what would otherwise overwrite each other.
//
// Several pipedocs processes may share the area. A workspace is changed
// only under its lock, by one go build at a time, files are written to a
// temporary name and renamed, and a run never executes a binary in bin/:
// the build links each one it needs into its own pins directory before
// unlocking (a later go build replaces a binary with a new file, never
// writes into the old one), and each run copies its pin into its own
// folder, so a program that writes to its own executable changes nothing
// shared.
//
// Entries unused for evictAfter are removed, once per Runner: a package
// and its binary, or a whole workspace (an older toolchain's, say).

// evictAfter is how long a package or workspace may go unused before it
// is removed. Each build touches what it uses.
const evictAfter = 30 * 24 * time.Hour

// pinsAfter is how long a build's pins may outlive it: they go with the
// build, so only a killed process leaves them behind.
const pinsAfter = 24 * time.Hour

// areaTag versions the layout of the build area's names.
const areaTag = "pipedocs-gobuild-v1"

// buildKept builds the snippets b.idx in their module's workspace in the
// build area; see the comment at the top of this file.
func (r *Runner) buildKept(ctx context.Context, b *goBuild, version, lang string) error {
	ws := filepath.Join(r.buildDir, workspaceName(version, b.mod))
	lock, err := lockWorkspace(ctx, ws)
	if err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	defer lock.Close()
	b.dir = ws
	b.pkgName = func(kind string, i int) string {
		name := b.specs[i].fileName(".go")
		if kind == "m" {
			name = "merged:" + name
		}
		pkg := packageName(name, b.specs[i].Source)
		if files := b.specs[i].goFiles(); len(files) > 0 {
			pkg = packageName(pkg, filesDigest(files))
		}
		return pkg
	}

	now := time.Now()
	mod, work := b.moduleFiles(lang)
	gowork := "off"
	if err := writeIfChanged(filepath.Join(ws, "go.mod"), mod); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	if work != nil {
		gowork = filepath.Join(ws, "go.work")
		if err := writeIfChanged(gowork, work); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	b.gowork = gowork
	alone, merged, err := b.layoutAll()
	if err != nil {
		return err
	}
	for _, pkg := range append(slices.Clip(alone), merged...) {
		os.Chtimes(filepath.Join(ws, pkg), now, now) // in use: not to be evicted
	}
	os.Chtimes(ws, now, now)
	r.evictOnce.Do(func() { r.evict(ws, now) })

	if err := r.buildMerged(ctx, b, alone, merged, goEnv(gowork)); err != nil {
		return err
	}
	return b.pin()
}

// pin links every binary of the build into a directory of its own, so
// that what later builds do to bin/ cannot touch the binaries this one
// runs. It runs under the workspace's lock, after the build and after
// each later build of a snippet alone (rerunAlone), pinning what is new.
func (b *goBuild) pin() error {
	if len(b.bins) == 0 {
		return nil
	}
	if b.pins == "" {
		pins, err := os.MkdirTemp(b.dir, "pins-")
		if err != nil {
			return fmt.Errorf("go build: %w", err)
		}
		b.pins = pins
	}
	for pkg, bin := range b.bins {
		if filepath.Dir(bin) == b.pins {
			continue
		}
		pin := filepath.Join(b.pins, pkg)
		if err := os.Link(bin, pin); err != nil {
			// A file system without hard links: a copy pins as well.
			if err := copyExecutable(bin, pin, nil); err != nil {
				return fmt.Errorf("go build: %w", err)
			}
		}
		b.bins[pkg] = pin
	}
	return nil
}

// workspaceName names the workspace of a module (or of none, for m
// nil) and the toolchain version. go.mod and go.sum are left out on
// purpose: the go command tells which binaries an edit of them makes
// stale, and relinks only those.
func workspaceName(version string, m *module) string {
	h := cache.NewHash(areaTag)
	h.Str(version)
	h.Bool(m != nil)
	if m != nil {
		h.Str(m.dir)
	}
	k := h.Sum()
	return hex.EncodeToString(k[:16])
}

// packageName names the package directory, and so the binary, of a
// snippet: the same file name and source, the same package.
func packageName(file string, src []byte) string {
	h := cache.NewHash(areaTag)
	h.Str(file)
	h.Bytes(src)
	k := h.Sum()
	return hex.EncodeToString(k[:16])
}

// lockWorkspace creates the workspace dir if needed and returns its lock
// file, locked; closing it unlocks. It waits for another process's lock
// as long as ctx allows.
func lockWorkspace(ctx context.Context, dir string) (*os.File, error) {
	for {
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, "lock")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o666)
		if err != nil {
			return nil, err
		}
		if err := flock(ctx, f); err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		// Eviction removes a workspace under its lock: if that happened
		// while we waited, we hold the lock of a file nobody else will
		// open again, and must start over.
		held, err1 := f.Stat()
		now, err2 := os.Stat(name)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return f, nil
		}
		f.Close()
	}
}

// flock takes an exclusive lock on f, polling rather than blocking in
// the kernel, where a cancelled ctx could not reach it.
func flock(ctx context.Context, f *os.File) error {
	wait := time.Millisecond
	for {
		err := tryFlock(f)
		if err == nil || !errors.Is(err, unix.EWOULDBLOCK) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 50*time.Millisecond)
	}
}

func tryFlock(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// writeIfChanged makes the file name hold data. It leaves an identical
// file alone (rewriting it would be harmless, but costs a write and a
// sync), and replaces any other, a torn one included, atomically.
func writeIfChanged(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return cache.WriteFile(name, data, 0o644)
}

// copyExecutable copies the binary src to the new file dst (in the
// kernel, with copy_file_range, where it can), and writes tail after it.
//
// A file open for writing cannot be executed (ETXTBSY), and a child
// forked by another goroutine holds every descriptor of ours until it
// execs, close-on-exec or not. So the descriptor lives under
// syscall.ForkLock, which every fork of this process takes for writing:
// no child can be forked while it is open.
func copyExecutable(src, dst string, tail []byte) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	_, cerr := io.Copy(out, in)
	if cerr == nil && len(tail) > 0 {
		_, cerr = out.Write(tail)
	}
	if err := errors.Join(cerr, out.Close()); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// evict removes what the build area holds that has not been used for
// evictAfter: packages of the workspace ws (which the caller holds
// locked) with their binaries, pins left by killed processes, and other
// workspaces nobody is building in. Failures are ignored: eviction only
// bounds the disk the area takes, and the next Runner tries again.
func (r *Runner) evict(ws string, now time.Time) {
	old := func(info os.FileInfo) bool { return now.Sub(info.ModTime()) > evictAfter }
	entries, _ := os.ReadDir(ws)
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !e.IsDir() || e.Name() == "bin" {
			continue
		}
		switch {
		case strings.HasPrefix(e.Name(), "pins-"):
			if now.Sub(info.ModTime()) > pinsAfter {
				os.RemoveAll(filepath.Join(ws, e.Name()))
			}
		case old(info):
			os.RemoveAll(filepath.Join(ws, e.Name()))
			os.Remove(filepath.Join(ws, "bin", e.Name()))
		}
	}
	entries, _ = os.ReadDir(r.buildDir)
	for _, e := range entries {
		dir := filepath.Join(r.buildDir, e.Name())
		info, err := e.Info()
		if err != nil || !e.IsDir() || dir == ws || !old(info) {
			continue
		}
		f, err := os.Open(filepath.Join(dir, "lock"))
		if err != nil {
			continue // not a workspace of ours, or one being created
		}
		if tryFlock(f) == nil {
			os.RemoveAll(dir)
		}
		f.Close()
	}
}
