// Package config reads a site's pipedocs.toml (SPEC §5) into a typed
// Config.
//
// Every key has a default, so a missing file is a valid, default site.
// Decoding is strict: an unknown key, a value of the wrong type and a value
// out of range are each reported as a diag.Diagnostic with the file's path,
// line and column (of the value when there is one, else of the key), all
// of them at once, sorted. Hugo's spellings are accepted where Hugo has
// the same setting: keys match case-insensitively (baseurl, baseURL), and
// raw HTML is allowed by `unsafe = true` or by Hugo's
// [markup.goldmark.renderer] unsafe = true. The one exception is
// [redactions]: its names are placeholders written in expected output
// ("[VERSION]"), so they match as written and must be capitals.
//
// Later stages receive the fields they use, never the file: nothing outside
// this package looks a setting up by name.
package config
