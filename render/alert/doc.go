// Package alert is a goldmark extension for GitHub's alerts: a blockquote
// whose first line is [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or
// [!CAUTION] (any case) becomes a callout.
//
//	> [!WARNING]
//	> A reader that never closes its end keeps the writer blocked.
//
// renders, as Hugo's example blockquote render hook does (Hugo 0.132 and
// later), as
//
//	<blockquote class="alert alert-warning">
//	<p class="alert-heading"><strong>Warning</strong></p>
//	<p>A reader that never closes its end keeps the writer blocked.</p>
//	</blockquote>
//
// so a page read without its style sheet still shows an indented quote
// headed by its kind in bold. As in Hugo 0.134, text after the marker is
// the alert's title ("> [!TIP] Close early" is headed "Close early"), and
// a '+' or '-' right after the marker (Obsidian's foldable callouts) is
// accepted and ignored. Any other blockquote, an unknown kind included,
// stays a blockquote.
//
// The extension is the goldmark way: an ASTTransformer replaces each
// such Blockquote node by an Alert node holding the same children (so a
// fenced code block inside an alert is the very node the parse found,
// and whatever renders code blocks renders it), and a NodeRenderer
// writes Alert nodes. Only the marker line is removed from the tree.
package alert
