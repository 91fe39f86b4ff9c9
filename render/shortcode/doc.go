// Package shortcode reads Hugo's shortcodes in a Markdown body and
// expands them (SPEC §2.3).
//
// Parse lexes a body as Hugo does, before Markdown: `{{< name params >}}`
// and `{{% name params %}}`, positional or named parameters (bare,
// "quoted" or `raw` values), closing forms `{{< /name >}}`, self-closing
// `{{< name />}}`, nesting, and escaped calls `{{</* x */>}}`, which are
// shown as `{{< x >}}`. Unlike Hugo, a call inside a fenced code block or
// an inline code span is text: the code a reader sees is the code that
// ran. Every call and error carries byte offsets into the body.
//
// Expansion keeps every offset. Doc.Mask returns a body of the same
// length in which each tag (or, for a call whose inner content is raw
// text, the whole call) is replaced by a placeholder of letters of the
// same length, so the Markdown parse, the snippets found in it, their
// diagnostics and update's rewrites all point into the original file;
// the offset map is the identity. A tag of a call whose inner content is
// Markdown, alone on its line, is masked as an HTML comment of letters,
// `<!--ZQ1Rqq-->`, which render/markdown renders as a paragraph of them,
// so that Markdown sees a block boundary where the tag is (tagMask). The inner content of a `{{% %}}` call
// (and of the built-in details) stays in the Markdown flow, so a snippet
// in it is found and runs. After Markdown, Doc.Expand replaces each
// placeholder in the HTML by the call's output, innermost first, as Hugo
// replaces its own placeholders; a placeholder alone in a paragraph
// takes the paragraph's place. A heading holding a call then gets the id
// Hugo 0.111 gives it (headingid.go), and Result.Text turns the plain
// text made of the masked body (the table of contents, the summary) into
// what the reader sees. An error while expanding is an Error at the
// call's offset.
//
// Built-ins (Hugo 0.111's ref, relref, figure, highlight, param and the
// embeds youtube, vimeo, gist, tweet, twitter, instagram and their
// _simple forms; newer Hugo's details, qr and x) are rendered natively,
// the embeds as plain links. An inline shortcode, NAME.inline, renders as
// nothing with a warning, as in Hugo with enableInlineShortcodes off (its
// default). A site's layouts/shortcodes/NAME.html or .md
// runs as html/template with the part of Hugo's API in Library's
// documentation and hugofuncs.go, and replaces the built-in of its name;
// one whose template does not parse is a LoadError.
package shortcode
