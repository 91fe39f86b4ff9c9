// Package page is the load stage of a build: it walks content/, splits
// every Markdown file into front matter and body, and decodes the front
// matter into a Page.
//
// Front matter is TOML between "+++" lines or YAML between "---" lines at
// the very top of a file (a UTF-8 byte order mark and CRLF line endings are
// tolerated), with Hugo's keys, so Hugo content moves over unchanged. Keys
// match case-insensitively; unknown keys are kept, lower-cased, in
// FrontMatter.Params. Both formats decode to the same Go types: integers are
// int64, tables map[string]any, lists []any, dates time.Time (a TOML local
// date or date-time is taken as UTC).
//
// Parse is pure. Load reads files only through the fs.FS it is given, and
// resolves the symlinks below content/ inside it (fs.Lstat, fs.ReadLink):
// a link that stays inside the site is followed, one that leaves it is a
// diagnostic. Only a link with an absolute target is resolved on disk,
// with filepath.EvalSymlinks against the site root Load is told of.
// Neither stops at the first problem: every error in the input is returned
// as a diag.Diagnostic with the file's path and a 1-based line and column
// (line 1 being the first line of the file, front matter included; a YAML
// syntax error has a line only, as yaml.v3 reports no column), and a Go
// error is returned only when the file system fails. Errors in drafts are
// reported even when drafts are left out, since their front matter has to
// be read to know they are drafts.
//
// The Markdown body is not parsed here: Page.Src and Page.BodyStart hand
// it, with its original offsets, to the stage that does.
package page
