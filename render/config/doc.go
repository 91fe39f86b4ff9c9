// Package config reads a site's settings (SPEC §1.1, §5) into a typed
// Config: its Hugo config, if it has one, and pipedocs.toml over it.
//
// Every key has a default, so a missing file is a valid, default site.
// Decoding pipedocs.toml is strict: an unknown key, a value of the wrong
// type and a value out of range are each reported as a diag.Diagnostic with
// the file's path, line and column (of the value when there is one, else of
// the key), all of them at once, sorted. Hugo's spellings are accepted
// where Hugo has the same setting: keys match case-insensitively (baseurl,
// baseURL), and raw HTML is allowed by `unsafe = true` or by Hugo's
// [markup.goldmark.renderer] unsafe = true. The one exception is
// [redactions]: its names are placeholders written in expected output
// ("[VERSION]"), so they match as written and must be capitals.
//
// A Hugo config (LoadSite: hugo.toml|yaml|json or config.toml|yaml|json,
// the first found, then config/_default/ over it, as Hugo 0.111 merges
// them) is read with the same decoder, its errors reported the same way
// in whichever format it is written, but leniently: only the keys Hugo shares with pipedocs are taken (title,
// baseURL, params, taxonomies, permalinks, menus, disablePathToLower,
// markup.goldmark.renderer.unsafe, languageCode, defaultContentLanguage,
// publishDir), and every other key is listed in one warning. A key set in
// pipedocs.toml wins over the Hugo config's (params and menus key by key).
//
// Later stages receive the fields they use, never the file: nothing outside
// this package looks a setting up by name.
package config
