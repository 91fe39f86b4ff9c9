// Package tomlkey finds where a key is written in a TOML document.
//
// BurntSushi/toml decodes values but does not say where a key was written
// (MetaData.Undecoded returns bare key paths, and type errors carry no
// position). Config and front matter decoders need a line and column for
// every diagnostic, so they decode with the toml package first and then ask
// Locate for the place of the key they are complaining about.
//
// Locate expects a document the toml package has already accepted: it is a
// small scanner that walks table headers, dotted keys, inline tables and
// arrays (skipping strings, including multi-line ones, so that text inside
// them is never taken for a key). On input that is not valid TOML it never
// panics, but its answer is unspecified.
package tomlkey
