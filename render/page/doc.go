// Package page is the load stage of a build: it walks content/, splits
// every Markdown file into front matter and body, and decodes the front
// matter into a Page.
//
// Front matter is TOML between "+++" lines or YAML between "---" lines at
// the very top of a file, or a JSON object (a file whose first character
// other than white space is "{", as Hugo reads it; "{{" opens a shortcode,
// not JSON); a UTF-8 byte order mark and CRLF line endings are tolerated.
// The keys are Hugo's, so Hugo content moves over unchanged; title is
// optional. Keys match case-insensitively, Hugo's other names of a key
// (pubdate, _build, menus, ...) included; unknown keys are kept,
// lower-cased, in FrontMatter.Params. All formats decode to the same Go
// types: integers are int64, tables map[string]any, lists []any, dates
// time.Time (a TOML local date or date-time, and a date string without a
// zone, is taken as UTC; strings are read in every layout Hugo reads).
//
// A section's cascade is decoded, and checked, where it is written;
// FrontMatter.ApplyCascade hands it down to a descendant. Visible decides,
// by Hugo's rules, whether a draft, future or expired page is built.
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
