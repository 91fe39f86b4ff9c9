package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/themes"
)

// sampleSite is a small site with every kind of page: a home intro, a
// section with an _index and one without, weights, dates, taxonomies with
// names that need urlizing, aliases, snippets with each kind of outcome,
// and front matter and output that try to inject markup.
var sampleSite = fstest.MapFS{
	"content/_index.md": {Data: []byte(`+++
title = "Go pipes, by example"
description = "Pipes between processes, with examples that run."
+++
Every example below was **run** when this site was built.
`)},
	"content/pipes/_index.md": {Data: []byte(`+++
title = "Pipes"
weight = 1
+++
How bytes travel between processes.
`)},
	"content/pipes/basics.md": {Data: []byte(`+++
title = "Pipe basics"
date = 2024-03-01
description = "os.Pipe from first principles."
authors = ["Ada", "Brian"]
categories = ["Go Basics"]
tags = ["os.Pipe", "Unix  IPC"]
aliases = ["/old/basics/", "legacy.html"]
+++
A pipe has two ends.

## Writing

` + "```go title=simple_pipe.go\npackage main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n```\n\n```output\nhello\n```\n" + `
## Reading

Then read it back.
`)},
	"content/pipes/first.md": {Data: []byte(`+++
title = "Start here"
date = 2023-01-01
weight = 1
tags = ["unix ipc"]
+++
Read this first.
`)},
	"content/pipes/xss.md": {Data: []byte(`+++
title = "<script>alert(1)</script>"
date = 2024-02-01
description = "\"><script>alert(2)</script>"
authors = ["<img src=x onerror=alert(3)>"]
tags = ["<b>bold</b>"]
+++
Output that tries to be markup:

` + "```sh\necho '<script>alert(4)</script>'\n```\n\n```output\nnot this\n```\n"),
	},
	"content/processes/fork.md": {Data: []byte(`+++
title = "Fork and exec"
date = 2024-02-15
lastmod = 2024-04-01
categories = ["go basics"]
+++
` + "```python title=fork.py\nimport os\nprint(os.getpid())\n```\n"),
	},
}

// sampleOutcomes are fake runs of the sample's snippets.
var sampleOutcomes = Outcomes{
	"content/pipes/basics.md": {{Status: snippet.Verified, Output: []byte("hello\n"), Toolchain: "go1.26.8"}},
	"content/pipes/xss.md": {{
		Status: snippet.Drifted, Output: []byte("<script>alert(4)</script>\n"), Toolchain: "sh",
		Diff: "--- expected\n+++ actual\n@@ -1 +1 @@\n-not this\n+<script>alert(4)</script>\n",
	}},
	"content/processes/fork.md": {{Status: snippet.Failed, Exit: 1, Problem: "exit status 1, want 0", Output: []byte("Traceback\n"), Toolchain: "Python 3.11.2"}},
}

func sampleConfig(baseURL string) config.Config {
	return config.Config{
		Title:   "Go <pipes>",
		BaseURL: baseURL,
		Menu:    []config.MenuEntry{{Name: "About", URL: "/pipes/basics/", Weight: 2}, {Name: "Go", URL: "https://go.dev/"}},
	}
}

// parseSite loads and parses fsys, failing the test on any diagnostic.
func parseSite(t *testing.T, fsys fs.FS, cfg config.Config) (*Site, *markdown.Renderer) {
	t.Helper()
	pages, diags, err := page.Load(context.Background(), fsys, "", page.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Fatalf("page.Load: %v", diags)
	}
	md := markdown.New(markdown.Options{Unsafe: cfg.Unsafe})
	s, diags, err := Parse(context.Background(), cfg, md, pages)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Fatalf("Parse: %v", diags)
	}
	return s, md
}

// renderSite renders fsys into a new temporary directory and returns it.
func renderSite(t *testing.T, fsys fs.FS, cfg config.Config, o RenderOptions) string {
	t.Helper()
	s, md := parseSite(t, fsys, cfg)
	if o.Theme == nil {
		o.Theme = themes.Default
	}
	dir := t.TempDir()
	if err := Render(context.Background(), s, sampleOutcomes, md, o, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTree returns every file under dir by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffTrees reports every file that is missing from, extra in, or
// different between two trees.
func diffTrees(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	for name, x := range a {
		y, ok := b[name]
		switch {
		case !ok:
			t.Errorf("%s: only in the first tree", name)
		case !bytes.Equal(x, y):
			t.Errorf("%s: differs", name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s: only in the second tree", name)
		}
	}
}
