package markdown

import (
	"bytes"
	"fmt"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Light and dark chroma styles of the code blocks, chosen to sit well on a
// plain white and a near-black page.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// StyleCSS returns the stylesheet for the classes this package writes:
// chroma's token classes in a light style outside dark mode and, inside
// @media (prefers-color-scheme: dark), a dark one; then the ANSI classes of
// output panels, likewise in both schemes. It is the same bytes on every call.
func StyleCSS() []byte {
	var b bytes.Buffer
	// The two styles colour different sets of token classes, so each lives
	// in its own scheme: a class only the light style colours must not keep
	// its light colour on a dark page. "not all and (dark)" also holds in
	// browsers that know nothing of colour schemes.
	b.WriteString("@media not all and (prefers-color-scheme: dark) {\n")
	b.WriteString("  /* Code: chroma " + lightStyle + ". */\n")
	writeChromaCSS(&b, lightStyle, "  ")
	b.WriteString("}\n")
	writeANSIPalette(&b, &lightANSI, "")
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	b.WriteString("  /* Code: chroma " + darkStyle + ". */\n")
	writeChromaCSS(&b, darkStyle, "  ")
	writeANSIPalette(&b, &darkANSI, "  ")
	b.WriteString("}\n")
	writeANSIStatic(&b)
	return b.Bytes()
}

func writeChromaCSS(b *bytes.Buffer, name, indent string) {
	var css bytes.Buffer
	// Writing to a bytes.Buffer cannot fail.
	_ = chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false)).WriteCSS(&css, styles.Get(name))
	for line := range strings.Lines(css.String()) {
		// chroma's ".bg" rule targets a class we never write, and so
		// generic a name would style the theme's own elements.
		if strings.HasPrefix(line, ".bg ") {
			continue
		}
		b.WriteString(indent)
		b.WriteString(line)
	}
}

// An ansiPalette is what a scheme decides about terminal colours: the
// sixteen named colours (VS Code's terminal palettes, legible on a white
// and on a dark page) and the default text and background colours that
// inverse video swaps.
type ansiPalette struct {
	named  [16]string
	fg, bg string
}

var lightANSI = ansiPalette{
	named: [16]string{
		"#000000", "#cd3131", "#00bc00", "#949800", "#0451a5", "#bc05bc", "#0598bc", "#555555",
		"#666666", "#cd3131", "#14ce14", "#b5ba00", "#0451a5", "#bc05bc", "#0598bc", "#a5a5a5",
	},
	fg: "#1f2328", bg: "#ffffff",
}

var darkANSI = ansiPalette{
	named: [16]string{
		"#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
		"#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#e5e5e5",
	},
	fg: "#e6edf3", bg: "#0d1117",
}

// writeANSIPalette writes the scheme-dependent ANSI rules. ansi-inverse
// comes first so that an explicit colour class on the same span, equally
// specific but later, wins over it.
func writeANSIPalette(b *bytes.Buffer, p *ansiPalette, indent string) {
	fmt.Fprintf(b, "%s/* Output: ANSI colours. */\n", indent)
	fmt.Fprintf(b, "%s.ansi-inverse { color: %s; background-color: %s }\n", indent, p.bg, p.fg)
	for i, c := range p.named {
		fmt.Fprintf(b, "%s.%s { color: %s }\n", indent, colorClass("ansi-", "ansi-fg-", paletteColor(i)), c)
		fmt.Fprintf(b, "%s.%s { background-color: %s }\n", indent, colorClass("ansi-bg-", "ansi-bg-", paletteColor(i)), c)
	}
}

// writeANSIStatic writes the rules that are the same in both schemes: the
// 240 fixed colours of the xterm palette and the text attributes.
func writeANSIStatic(b *bytes.Buffer) {
	b.WriteString("/* Output: xterm 256-colour palette and text attributes. */\n")
	for n := 16; n < 256; n++ {
		rgb := xtermRGB(n)
		fmt.Fprintf(b, ".ansi-fg-%d { color: %s }\n", n, rgb)
		fmt.Fprintf(b, ".ansi-bg-%d { background-color: %s }\n", n, rgb)
	}
	b.WriteString(`.ansi-bold { font-weight: bold }
.ansi-faint { opacity: 0.7 }
.ansi-italic { font-style: italic }
.ansi-underline { text-decoration: underline }
.ansi-strike { text-decoration: line-through }
.ansi-underline.ansi-strike { text-decoration: underline line-through }
`)
}

// xtermRGB is the colour of xterm palette entry n, 16 ≤ n < 256.
func xtermRGB(n int) string {
	if n >= 232 {
		v := 8 + 10*(n-232)
		return fmt.Sprintf("#%02x%02x%02x", v, v, v)
	}
	n -= 16
	return fmt.Sprintf("#%02x%02x%02x", cubeLevels[n/36], cubeLevels[n/6%6], cubeLevels[n%6])
}
