package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/pipedocs/pipedocs/runner/internal/gomerge"
	"github.com/pipedocs/pipedocs/runner/proc"
)

// Merged builds. A cold build of N snippets is mostly N links, so the
// snippets that gomerge.Check accepts are not programs of their own:
// each becomes an importable package (gomerge.Rewrite), and one
// dispatcher program imports them all and is linked once:
//
//	m3/simple_pipe.go   snippet 3 as package snip, func Main
//	m8/main.go          snippet 8 likewise
//	merged/main.go      the dispatcher (gomerge.Dispatcher)
//	s5/fd.go            snippet 5, which has an init: built alone
//	bin/merged, bin/s5
//
// The same go build builds the dispatcher and the snippets built alone.
// A run of a merged snippet gets a copy of bin/merged with the
// snippet's tag appended (gomerge.Tag), which makes it that snippet's
// program and only that one's: its own os.Args[0], status and flags, and
// no other snippet's code runs in it (gomerge's documentation says
// what Check makes sure of). In the build area (buildarea.go) the
// packages are named by content and the dispatcher keeps its name, so
// an unchanged set of snippets is not linked again.
//
// What fails is built alone: a merged snippet that the go command names
// as failed is taken out of the set and built as its own program, so
// that its messages are the ones the go command gives for it alone, and
// the rest is built again; a failure that names none of ours hands every
// snippet to buildSet, whose halving isolates it. A merged snippet whose
// run ends in a stack trace through its package (a runtime panic that
// Check cannot see) is built alone and run again, in a fresh folder, so
// that the trace is the one its own binary prints (see rerunAlone).

// mergedDir is the dispatcher's package directory, and so its binary's
// name, in every build; no snippet's package is named so.
const mergedDir = "merged"

// canMerge reports whether spec i may share the dispatcher's binary.
func canMerge(s *Spec) bool {
	return !s.shared && len(s.goFiles()) == 0 &&
		gomerge.LineDirective(s.fileName(".go")) != nil && gomerge.Check(s.Source) == ""
}

// layout writes spec i's package into the build module, merged when it
// can be unless alone is set, and returns its directory. pkgName names
// the packages ("m", "s": merged or alone).
func (b *goBuild) layout(i int, alone bool, pkgName func(kind string, i int) string) (string, error) {
	s := &b.specs[i]
	name := s.fileName(".go")
	var pkg string
	var src []byte
	if !alone && canMerge(s) {
		pkg = pkgName("m", i)
		var err error
		if src, err = gomerge.Rewrite(name, s.Source); err != nil {
			return "", err
		}
		b.merged[pkg] = true
	} else {
		pkg = pkgName("s", i)
		src = append(gomerge.LineDirective(name), s.Source...)
	}
	dir := filepath.Join(b.dir, pkg)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", err
	}
	if err := writeIfChanged(filepath.Join(dir, name), src); err != nil {
		return "", err
	}
	if err := writeFilesIfChanged(dir, s.goFiles()); err != nil {
		return "", err
	}
	b.pkg[i], b.file[pkg] = pkg, name
	return pkg, nil
}

// buildMerged builds the packages alone as programs of their own and
// the packages merged into the dispatcher, in one go build; see the
// comment at the top of this file.
func (r *Runner) buildMerged(ctx context.Context, b *goBuild, alone, merged []string, env []string) error {
	if len(merged) < 2 {
		// A dispatcher for one snippet saves no link.
		demoted, err := b.demote(merged)
		if err != nil {
			return err
		}
		return r.buildSet(ctx, b, append(alone, demoted...), env)
	}
	slices.Sort(merged) // the dispatcher's source, and so its link, depends on the set only
	if err := b.writeDispatcher(merged); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	out, err := r.goBuildCmd(ctx, b, append(slices.Clip(alone), mergedDir), env)
	if err != nil {
		return err
	}
	if out.exit == 0 {
		for n, pkg := range merged {
			b.tags[pkg] = n
		}
		return r.collect(ctx, b, append(slices.Clip(alone), mergedDir), env)
	}
	if needsDownload(out.text[""]) {
		if again, err := r.downloadOnce(ctx, b, append(slices.Clip(alone), mergedDir)); again || err != nil {
			if err != nil {
				return err
			}
			return r.buildMerged(ctx, b, alone, merged, env)
		}
	}
	named := func(pkg string) bool {
		path := snippetModule + "/" + pkg
		return out.failed[path] && len(out.text[path]) > 0
	}
	var keepAlone, keepMerged, failedMerged []string
	progress := false
	for _, pkg := range alone {
		if named(pkg) {
			b.fail(pkg, out.text[snippetModule+"/"+pkg])
			progress = true
		} else {
			keepAlone = append(keepAlone, pkg)
		}
	}
	for _, pkg := range merged {
		if named(pkg) {
			failedMerged = append(failedMerged, pkg)
			progress = true
		} else {
			keepMerged = append(keepMerged, pkg)
		}
	}
	if !progress {
		failedMerged, keepMerged = merged, nil
	}
	demoted, err := b.demote(failedMerged)
	if err != nil {
		return err
	}
	if !progress {
		return r.buildSet(ctx, b, append(keepAlone, demoted...), env)
	}
	return r.buildMerged(ctx, b, append(keepAlone, demoted...), keepMerged, env)
}

// demote lays out the merged packages pkgs again as programs of their
// own, for every spec that had them, and returns the new packages.
func (b *goBuild) demote(pkgs []string) ([]string, error) {
	var out []string
	for _, i := range b.idx {
		if !slices.Contains(pkgs, b.pkg[i]) {
			continue
		}
		pkg, err := b.layout(i, true, b.pkgName)
		if err != nil {
			return nil, fmt.Errorf("go build: %w", err)
		}
		out = append(out, pkg)
	}
	return unique(out), nil
}

// writeDispatcher writes the dispatcher of the packages merged.
func (b *goBuild) writeDispatcher(merged []string) error {
	paths := make([]string, len(merged))
	for n, pkg := range merged {
		paths[n] = snippetModule + "/" + pkg
	}
	dir := filepath.Join(b.dir, mergedDir)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	return writeIfChanged(filepath.Join(dir, "main.go"), gomerge.Dispatcher(paths))
}

// tempPkgName names packages in a temporary build: by kind and index.
func tempPkgName(kind string, i int) string { return kind + strconv.Itoa(i) }

// installMerged puts a copy of the dispatcher, tagged as pkg, at exe.
func (b *goBuild) installMerged(pkg, exe string) error {
	bin, ok := b.bins[mergedDir]
	if !ok {
		return fmt.Errorf("go build: no binary for the merged snippets")
	}
	return copyExecutable(bin, exe, gomerge.Tag(b.tags[pkg]))
}

// rerunAlone reports whether the run of spec i, which printed out, must
// run again from a binary of its own: it ran merged and its output has
// a stack trace through its package. It builds that binary first.
func (r *Runner) rerunAlone(ctx context.Context, b *goBuild, i int, out []byte) (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	pkg := b.pkg[i]
	if !b.merged[pkg] || !gomerge.PanicTrace(out, snippetModule+"/"+pkg) {
		return false, nil
	}
	return true, r.buildAlone(ctx, b, i)
}

// rerunMerged runs spec i again, from a binary of its own and in a
// fresh folder, when its merged run printed res with a stack trace
// through its package (rerunAlone), and returns that second run's
// Result; else res. Only the one step of a session of one is merged
// (Spec.shared), so no other step sees either run's folder.
func (r *Runner) rerunMerged(ctx context.Context, s *Spec, p *plan, b *goBuild, i int, res Result) (Result, error) {
	if b == nil || !r.isGo(s.Lang) || s.Commands != nil || res.BuildFailed {
		return res, nil
	}
	again, err := r.rerunAlone(ctx, b, i, res.Output)
	if err != nil || !again {
		return res, err
	}
	pl, err := newPlace()
	if err != nil {
		return res, err
	}
	defer pl.remove()
	g, err := proc.NewGroup(ctx)
	if err != nil {
		return res, fmt.Errorf("runner: %w", err)
	}
	defer g.Kill()
	st, failed, err := r.launch(ctx, g, pl, s, p, b, i)
	if err != nil || st == nil {
		return failed, err
	}
	return st.wait(s.Lang)
}
