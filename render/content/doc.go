// Package content is the content tree of a site as Hugo builds it: which
// files are pages, sections and bundles, where each is published, and which
// other files are copied beside them (SPEC §1.1).
//
// It sits between render/page, which reads and decodes each file, and
// render/site, which indexes and renders the pages: New takes what
// page.LoadContent found and computes, once, every page's output file and
// every resource's, as site-relative paths. Nothing here reads a file.
//
// The rules are Hugo's (0.111, the reference the tests build beside):
//   - content/_index.md is the home page; a folder holding an _index.md is
//     a section (a branch bundle) at any depth; a top-level folder is a
//     section even without one, when it holds any page; a deeper folder
//     without _index.md is not a section: its pages belong to the nearest
//     section above it, their URLs still follow their path.
//   - a folder holding an index.md is a leaf bundle: one page, published
//     at the folder's URL, every other file below it (Markdown included)
//     being its resources, copied beside it; Markdown resources are not
//     published.
//   - a page's URL is its path below content/ without ".md", each part
//     made URL-safe as Hugo's MakePath does (spaces to '-', punctuation
//     dropped) and lower-cased unless DisablePathToLower; slug replaces
//     the last part, url the whole path (kept as written), and a
//     permalink pattern of its top-level section the whole path too.
//   - a file that is not Markdown is published beside the page of the
//     bundle that holds it, under the page's URL: any file below a leaf
//     bundle's folder, at its path below it; a file right in a branch
//     bundle's folder (one with an _index.md), by its name. Any other
//     file is copied to its path below content/, as written.
//   - name.LANG.md is a translation: only the default language is built
//     (its files with or without the suffix), and the others are counted
//     in one warning.
//
// Clashes between outputs are render/site's to find (it knows the files
// it writes itself); New reports what one page or file gets wrong alone: a
// url, slug or permalink that would leave the site.
package content
