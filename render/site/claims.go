package site

import (
	"path"
	"slices"
	"strings"
)

// claims maps every file a build writes to who writes it, so that no
// output overwrites another, and no file stands where another output
// needs a folder ("/style.css/index.html" for an alias "/style.css").
// Paths are site-relative and slash-separated.
type claims struct {
	files map[string]string // file → its writer, for messages: a source path or "the RSS feed"
	dirs  map[string]string // folder → the writer of the first file under it
}

func newClaims() *claims {
	c := &claims{files: map[string]string{}, dirs: map[string]string{}}
	// Render writes these whatever the content says.
	for _, f := range [...]struct{ file, who string }{
		{"index.html", "the home page"},
		{"404.html", "the 404 page"},
		{"index.xml", "the RSS feed"},
		{"sitemap.xml", "the sitemap"},
		{chromaCSS, "the highlighting styles"},
		{searchIndex, "the search index"},
	} {
		c.claim(f.file, f.who)
	}
	return c
}

// A clash is why a claim failed: file, which the claim needs to write or
// to be a folder, is written by who.
type clash struct {
	file, who string
	folder    bool // the claim needs file to be a folder
}

func (k clash) String() string {
	if k.folder {
		return "needs a folder " + k.file + "/, but " + k.file + " is written by " + k.who
	}
	if k.file == "" {
		return ""
	}
	return "is also written by " + k.who
}

// claim records that who writes file, unless file is taken, or is a
// folder of other outputs, or lies under a path that is an output file.
func (c *claims) claim(file, who string) (clash, bool) {
	if prev, ok := c.files[file]; ok {
		return clash{file: file, who: prev}, false
	}
	if prev, ok := c.dirs[file]; ok {
		return clash{file: file, who: prev}, false
	}
	for d := path.Dir(file); d != "."; d = path.Dir(d) {
		if prev, ok := c.files[d]; ok {
			return clash{file: d, who: prev, folder: true}, false
		}
	}
	c.files[file] = who
	for d := path.Dir(file); d != "."; d = path.Dir(d) {
		if _, ok := c.dirs[d]; ok {
			break
		}
		c.dirs[d] = who
	}
	return clash{}, true
}

// set returns the claimed files as a set.
func (c *claims) set() map[string]bool {
	files := make(map[string]bool, len(c.files))
	for f := range c.files {
		files[f] = true
	}
	return files
}

// validFile reports whether name is a clean site-relative path: it cannot
// name a file outside the output folder.
func validFile(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") || path.Clean(name) != name {
		return false
	}
	return !slices.Contains(strings.Split(name, "/"), "..")
}
