package markdown

import (
	"bytes"

	"github.com/pipedocs/pipedocs/render/ansi"
	"github.com/pipedocs/pipedocs/render/highlight"
)

// StyleCSS returns the stylesheet for the classes this package writes:
// chroma's token classes in a light style outside dark mode and, inside
// @media (prefers-color-scheme: dark), a dark one; then the ANSI classes of
// output panels, likewise in both schemes. It is the same bytes on every
// call; an error means chroma could not write a style.
func StyleCSS() ([]byte, error) {
	var b bytes.Buffer
	// The two styles colour different sets of token classes, so each lives
	// in its own scheme: a class only the light style colours must not keep
	// its light colour on a dark page. "not all and (dark)" also holds in
	// browsers that know nothing of colour schemes.
	b.WriteString("@media not all and (prefers-color-scheme: dark) {\n")
	b.WriteString("  /* Code: chroma " + highlight.LightStyle + ". */\n")
	if err := highlight.WriteCSS(&b, highlight.LightStyle, "  "); err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	// Writing to a bytes.Buffer cannot fail.
	_ = ansi.WriteSchemeCSS(&b, ansi.Light, "")
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	b.WriteString("  /* Code: chroma " + highlight.DarkStyle + ". */\n")
	if err := highlight.WriteCSS(&b, highlight.DarkStyle, "  "); err != nil {
		return nil, err
	}
	_ = ansi.WriteSchemeCSS(&b, ansi.Dark, "  ")
	b.WriteString("}\n")
	_ = ansi.WriteStaticCSS(&b)
	return b.Bytes(), nil
}
