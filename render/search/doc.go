// Package search builds a site's search index: a small script that the
// theme's search.js loads on demand and searches in the page, with no
// server and no WebAssembly. It is part of stage 6 (publish): the render
// stage gives each article's rendered body to NewDoc, which keeps only
// its terms, and Build writes the index of all of them.
//
// # What is indexed
//
// Each article is split into parts: its opening, then one part per h2 or
// h3 heading with an id (the entries of its table of contents), so that
// a result can lead to the heading it matched. A part's terms are scored
// by where they stand: title 10, heading 6, code 3 (code blocks and
// inline code: readers search for API names), prose 1 per occurrence,
// capped at 60. Snippet output panels and stdin are left out.
//
// # Terms
//
// A word is a run of letters, digits, '_' and '.', its outer dots
// trimmed. It is indexed in lower case, and so are its parts split at '.'
// and '_' and their camel-case humps: "unix.Pipe2" is found by unix.pipe2,
// unix and pipe2, "os.ReadFile" by readfile and file too. Terms shorter
// than 2 or longer than 40 bytes, and a few English stop words (listed in
// the index, so the script drops them from queries), are left out. The
// script splits a query into words the same way, lower-cases them, and
// matches each as a prefix of the index's terms.
//
// # Format
//
// The index is one line, "window.pipedocsSearch=JSON;", so that a page
// opened from file:// can load it with a script element (fetch cannot
// read file:// URLs). The JSON object has:
//
//	v      1, the format's version
//	stop   the stop words
//	pages  per page: [url, title, section, summary, [id, heading, …]];
//	       page p's parts are numbered on from the previous page's, its
//	       opening first, then its headings in order
//	words  every term, sorted
//	posts  per term: [Δpart, score, Δpart, score, …], parts ascending,
//	       each Δ from the previous part of the list (the first from 0)
//
// The bytes depend only on the pages given, in their order.
package search
