package highlight

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Light and dark chroma styles of the code blocks, chosen to sit well on a
// plain white and a near-black page.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// WriteCSS writes the rules of chroma style name for the token classes
// HTML writes, each line after indent (for rules inside an @media block).
// chroma's ".bg" rule is left out: it targets a class HTML never writes,
// and so generic a name would style the theme's own elements.
func WriteCSS(w io.Writer, name, indent string) error {
	var css bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))
	if err := f.WriteCSS(&css, styles.Get(name)); err != nil {
		return fmt.Errorf("highlight: style %s: %w", name, err)
	}
	var b bytes.Buffer
	for line := range strings.Lines(css.String()) {
		if strings.HasPrefix(line, ".bg ") {
			continue
		}
		b.WriteString(indent)
		b.WriteString(line)
	}
	_, err := w.Write(b.Bytes())
	return err
}
