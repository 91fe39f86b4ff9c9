// Package ansi turns what a program wrote to a terminal into HTML text for
// an output panel. Programs in tutorials colour their output (test
// runners, loggers, `ls --color`), and a page must show those colours,
// never the raw escape bytes, and must never let the bytes inject markup.
//
// Input: bytes as a program printed them (any bytes, not only UTF-8).
// Output: HTML text, written by WriteHTML, and the stylesheet for the
// classes it uses, written by WriteSchemeCSS and WriteStaticCSS.
//
// Only SGR sequences (ESC [ … m: colours and text attributes) are kept, as
// classes; every other escape sequence (cursor moves, erases, OSC titles
// and hyperlinks, DCS, charset selection) is dropped, because a static page
// has no cursor to move. Colours become classes from a fixed set, never
// inline styles: nothing a program prints reaches an attribute, and the
// stylesheet decides what "red" looks like in the light and the dark
// scheme. 24-bit colours are mapped to the nearest colour of the xterm
// 256-colour palette, which WriteStaticCSS defines; on a docs page that
// loss is invisible.
//
// Invariants: the HTML is valid UTF-8 (invalid bytes become U+FFFD), holds
// no control character but newline and tab, no markup but balanced
// <span class="ansi-…"> elements, and the same input always gives the same
// bytes (FuzzWriteHTML).
package ansi
