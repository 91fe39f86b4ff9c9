package runner

import (
	"os"
	"strings"
)

// runEnv is the whole environment of a snippet run: an allow-list, never
// a filtered copy of ours, so no secret of pipedocs' environment (tokens
// in CI, say) can reach a snippet. dir is the run's temporary folder;
// extra is the snippet's env= attribute, which wins over the fixed part.
func runEnv(path, dir string, extra []string) []string {
	env := []string{
		"PATH=" + path,
		"HOME=" + dir,
		"TMPDIR=" + dir,
		"LANG=C.UTF-8",
		"TZ=UTC",
	}
	return mergeEnv(env, extra)
}

// goEnv is the environment of the go command building snippets. The
// build is ours, not the snippet's, so it sees what makes it share the
// user's Go setup: HOME and the XDG folders the go command derives its
// build cache and config from, and every GO*/CGO_* setting. The
// overrides keep the build hermetic and offline: our own workspace file
// (or none), no module downloads, no toolchain switch.
//
// The go command is dumpable and runs as the user a snippet runs as, so
// a snippet running at the same time can read its environment through
// /proc (see runner/proc's documentation): nothing that can hold a
// credential is passed on. GOPROXY, which may hold one in its URLs, is
// replaced; GOAUTH, the commands that print credentials, is left out,
// since an offline build never authenticates.
func goEnv(gowork string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "GOOS" || k == "GOARCH" || k == "GOAUTH":
			// The binary must run here, whatever the user cross-compiles;
			// and see above.
		case k == "PATH" || k == "HOME" || k == "TMPDIR" || k == "CC" || k == "CXX",
			strings.HasPrefix(k, "XDG_"),
			strings.HasPrefix(k, "GO"),
			strings.HasPrefix(k, "CGO_"):
			env = append(env, kv)
		}
	}
	return mergeEnv(env, []string{
		"GOWORK=" + gowork,
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"LANG=C",
	})
}

// mergeEnv returns base with the entries of extra appended, an entry of
// extra replacing the one of base with the same name. Duplicates would
// otherwise leave it to the program which one it sees.
func mergeEnv(base, extra []string) []string {
	out := make([]string, 0, len(base)+len(extra))
	index := make(map[string]int, len(base)+len(extra))
	for _, kv := range append(base, extra...) {
		k, _, _ := strings.Cut(kv, "=")
		if i, ok := index[k]; ok {
			out[i] = kv
			continue
		}
		index[k] = len(out)
		out = append(out, kv)
	}
	return out
}
