// Package search builds a site's search index: a small script that the
// theme's search.js loads on demand and searches in the page, with no
// server and no WebAssembly. It is part of stage 6 (publish): the render
// stage gives each article's text, which render/markdown gathers by
// heading while it renders (a Part per h2 and h3 with an id), to NewDoc,
// which keeps only its terms, and Build writes the index of all of them.
// No page's HTML is read again.
//
// # What is indexed
//
// Each article's terms are scored by where they stand: title 10, heading
// 6, summary (the description) 4, code 3 (code blocks and inline code:
// readers search for API names), prose 1 per occurrence, capped at 60.
// Snippet output panels and stdin are left out. The h2 and h3 headings with an id (the entries of the
// table of contents) are listed with each page, so that the script can
// lead a result to the heading that matches the query.
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
//	pages  per page: [url, title, section, summary, [id, heading, …]]
//	words  every term, sorted
//	posts  per term, a string of (Δpage, score) pairs, pages ascending,
//	       each Δ from the previous page of the string (the first from 0)
//
// Numbers in posts are written in the 64 digits 0-9A-Za-z-_: a score
// (at most 60) is one digit; a Δ is 5-bit groups, lowest first, where a
// digit of value 32–63 carries a group and more follow, and one of 0–31
// carries the last. A term on every page costs two bytes a page.
//
// The bytes depend only on the pages given, in their order.
package search
