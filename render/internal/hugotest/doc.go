// Package hugotest compares pipedocs' HTML with Hugo's, for tests.
//
// Run renders pages with the hugo on PATH (Debian's 0.111 in CI) on a
// small fixture site whose layout is {{ .Content }}; Shape reduces an
// HTML fragment to its structure (element names, the classes and
// attributes that matter, text), so that two renderings compare without
// the whitespace and token classes that differ for no reader. Golden
// keeps Hugo's shapes in testdata, refreshed with -update where hugo is
// installed, so that the comparison runs where it is not too.
package hugotest
