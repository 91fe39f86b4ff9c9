// Package site assembles a whole site from parsed articles and publishes
// it: stages 2 (parse), 5 (render) and 6 (publish) of a build.
//
// Parse turns the pages that render/page loaded into Articles (one
// goldmark parse per page, in parallel: the snippets found in it, its
// links, images and ids) and indexes the site once: every page's URL, the sections,
// the taxonomies, the sorted listings. Conflicts that make a site
// unbuildable (two pages at one URL, an alias that leaves the site, a term
// with nothing URL-safe in it) are diagnostics, reported before any
// snippet runs.
//
// Render writes the site into an empty directory: article pages first, in
// parallel, each written to disk as soon as it is rendered (no rendered
// page is held in memory), then the listings, which show the summaries the
// article bodies produced, then the feeds. The output depends only on the
// input: listings are sorted once, maps are never ranged over unsorted,
// nothing records the time, so the tree is byte-identical whatever the
// number of workers.
//
// With a markdown.Store in RenderOptions, an article body whose inputs
// have not changed since it was stored is taken from the store, neither
// parsed nor highlighted, and is the same bytes a fresh render would give:
// an unchanged site rebuilds at the cost of its templates and file writes.
//
// URLs are computed once, by the index, as site URLs: paths from the
// site's own root ("/pipes/basics/"), whatever the baseURL. Render alone
// joins the base URL, so one parsed Site renders for any address (serve
// passes its own in RenderOptions.BaseURL). Every link in a written page
// is relative to that page ("../../style.css", "../basics/index.html"),
// so the site works from file://, from any sub-path and on any host
// (SPEC §7); the RSS feed, the sitemap, canonical links and 404.html,
// which a server shows at any address, are absolute. HTML goes through
// html/template and XML through encoding/xml, so no front matter value or
// snippet output can inject markup.
//
// CheckLinks checks every link and image of the content, and every
// #fragment, against the pages and files a build writes (SPEC §2.1), at
// the link's path:line:col; a link to a Markdown file is written as its
// page's site URL (linkcheck.go). A body without a link to rewrite is not
// read again: the template runs around a marker in its place.
//
// Render changes nothing it is given: the summaries the article bodies
// give reach the listings through copies of their entries.
//
// Publish swaps a freshly rendered tree in place of the old one, so a
// reader of the output directory sees either the old site or the new one,
// never a mixture, even when pipedocs is killed half way.
//
// # Themes
//
// A theme is an fs.FS with layouts/ and static/. Page layouts
// (home.html, section.html, article.html, terms.html, term.html, 404.html)
// define "main" (and may define "title") and are executed through
// layouts/baseof.html; layouts/partials/*.html are available to all of them
// as "partials/NAME.html"; alias.html is a whole page on its own. Dot is a
// *PageData. Besides html/template's built-ins, templates may call
// date (2 January 2006), isodate (for <time datetime>), mixedSections
// (whether a listing holds more than one section's articles) and rel,
// which turns a path from the site root into a site URL: {{rel
// "style.css"}}; dict, as Hugo's (a map of key and value pairs); and
// partialCached, as Hugo's: {{partialCached "header.html" . .Section}} is
// the HTML of partials/header.html for dot, made once per render for each
// set of the variants after dot (at most three, each comparable), which
// must be all it depends on. The built-in theme uses it for the header,
// footer, navigation, breadcrumbs, listing entries and the links to its
// style sheets and scripts; a theme with any
// layout of its own executes the partial every time, as {{template}}
// would, since its partials may read anything of dot. A theme writes site
// URLs as they are; Render makes them relative.
package site
