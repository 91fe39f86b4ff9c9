// Package themes holds the theme built into pipedocs. A site's own
// themes/<name> directory is laid over it file by file (see render/site),
// so a site overrides one template or the style sheet without copying the
// rest.
//
// A theme is data, not code: layouts/*.html are html/template files,
// static/ is copied to the site root as it is.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default is the built-in theme, rooted at the theme directory: it holds
// layouts/ and static/.
var Default fs.FS = sub(files, "default")

func sub(fsys fs.FS, dir string) fs.FS {
	f, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // dir is a constant valid path: fs.Sub cannot fail on it
	}
	return f
}
