package runner

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tinyModule is a module that exists only in the proxies the tests lay
// out: nothing can have it in a module cache already.
const (
	tinyPath    = "example.com/tiny"
	tinyVersion = "v1.0.0"
	tinyGoMod   = "module example.com/tiny\n\ngo 1.22\n"
	tinySource  = "package tiny\n\n// Hello greets.\nfunc Hello() string { return \"hello from tiny\" }\n"
)

// fileProxy lays out a GOPROXY in a folder, as the go command reads one
// through a file:// URL, serving tinyModule, and returns the URL and the
// go.sum lines of the module.
func fileProxy(t *testing.T) (url, gosum string) {
	t.Helper()
	dir := t.TempDir()
	v := filepath.Join(dir, filepath.FromSlash(tinyPath), "@v")
	prefix := tinyPath + "@" + tinyVersion + "/"
	files := map[string][]byte{prefix + "go.mod": []byte(tinyGoMod), prefix + "tiny.go": []byte(tinySource)}
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeTree(t, v, map[string]string{
		"list":                tinyVersion + "\n",
		tinyVersion + ".info": `{"Version":"` + tinyVersion + `","Time":"2026-01-01T00:00:00Z"}`,
		tinyVersion + ".mod":  tinyGoMod,
		tinyVersion + ".zip":  zipped.String(),
	})
	gosum = fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n",
		tinyPath, tinyVersion, hash1(files),
		tinyPath, tinyVersion, hash1(map[string][]byte{"go.mod": []byte(tinyGoMod)}))
	return "file://" + filepath.ToSlash(dir), gosum
}

// hash1 is the go command's "h1:" hash of a file tree
// (golang.org/x/mod/sumdb/dirhash.Hash1).
func hash1(files map[string][]byte) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%x  %s\n", sha256.Sum256(files[name]), name)
	}
	return "h1:" + base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// freshGo points the go command at an empty module cache and at proxy,
// as on a machine that never built the site: pipedocs must download the
// module's dependencies with the user's settings before its offline
// build. The build cache stays the user's, so the standard library is
// not compiled again.
func freshGo(t *testing.T, proxy string) {
	t.Setenv("GOMODCACHE", t.TempDir())
	t.Setenv("GOPROXY", proxy)
	t.Setenv("GOSUMDB", "off")
	// The module cache is read-only; t.TempDir must be able to remove it.
	t.Setenv("GOFLAGS", "-modcacherw")
	t.Setenv("GOWORK", "")
}

func TestGoFreshModuleCache(t *testing.T) {
	proxy, gosum := fileProxy(t)
	site := t.TempDir()
	writeTree(t, site, map[string]string{
		"go.mod": "module example.com/site\n\ngo 1.22\n\nrequire " + tinyPath + " " + tinyVersion + "\n",
		"go.sum": gosum,
	})
	prog := inModule(spec("go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\""+tinyPath+"\"\n)\n\nfunc main() { fmt.Println(tiny.Hello()) }\n"), site)
	for _, layout := range layouts(t) {
		t.Run(layout.name, func(t *testing.T) {
			freshGo(t, proxy)
			run := func() {
				t.Helper()
				res, err := newRunner(t, Config{BuildDir: layout.buildDir}).Run(context.Background(), prog)
				if err != nil {
					t.Fatal(err)
				}
				if string(res.Output) != "hello from tiny\n" || res.BuildFailed {
					t.Fatalf("got %q (build failed: %v), want the module's greeting", res.Output, res.BuildFailed)
				}
			}
			run()
			// Downloaded once, the module is there: a user who is now
			// offline still builds.
			t.Setenv("GOPROXY", "off")
			run()
			if data, _ := os.ReadFile(filepath.Join(site, "go.sum")); string(data) != gosum {
				t.Errorf("the site's go.sum changed:\n%s", data)
			}
		})
	}
}

// A download that fails is reported as what the go command said, not as
// the offline build's "module lookup disabled".
func TestGoDownloadFails(t *testing.T) {
	_, gosum := fileProxy(t)
	freshGo(t, "file://"+filepath.ToSlash(t.TempDir())) // a proxy without the module
	site := t.TempDir()
	writeTree(t, site, map[string]string{
		"go.mod": "module example.com/site\n\ngo 1.22\n\nrequire " + tinyPath + " " + tinyVersion + "\n",
		"go.sum": gosum,
	})
	prog := inModule(spec("go", "package main\n\nimport _ \""+tinyPath+"\"\n\nfunc main() {}\n"), site)
	_, err := newRunner(t, Config{}).Run(context.Background(), prog)
	if err == nil || !strings.Contains(err.Error(), "downloading the module's dependencies") || !strings.Contains(err.Error(), tinyPath) || needsDownload([]byte(err.Error())) {
		t.Fatalf("Run = %v; want the download's own error", err)
	}
}
