package ansi

import (
	"bytes"
	"fmt"
	"io"
)

// A Scheme is a colour scheme of the page: the stylesheet gives terminal
// colours one palette on a light page and another on a dark one.
type Scheme int

const (
	Light Scheme = iota
	Dark
)

// A palette is what a scheme decides about terminal colours: the sixteen
// named colours (VS Code's terminal palettes, legible on a white and on a
// dark page) and the default text and background colours that inverse
// video swaps.
type palette struct {
	named  [16]string
	fg, bg string
}

var palettes = [...]palette{
	Light: {
		named: [16]string{
			"#000000", "#cd3131", "#00bc00", "#949800", "#0451a5", "#bc05bc", "#0598bc", "#555555",
			"#666666", "#cd3131", "#14ce14", "#b5ba00", "#0451a5", "#bc05bc", "#0598bc", "#a5a5a5",
		},
		fg: "#1f2328", bg: "#ffffff",
	},
	Dark: {
		named: [16]string{
			"#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
			"#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#e5e5e5",
		},
		fg: "#e6edf3", bg: "#0d1117",
	},
}

// WriteSchemeCSS writes the rules of scheme s, each line after indent (for
// rules inside an @media block): inverse video and the sixteen named
// colours. ansi-inverse comes first so that an explicit colour class on
// the same span, equally specific but later, wins over it.
func WriteSchemeCSS(w io.Writer, s Scheme, indent string) error {
	p := &palettes[s]
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s/* Output: ANSI colours. */\n", indent)
	fmt.Fprintf(&b, "%s.ansi-inverse { color: %s; background-color: %s }\n", indent, p.bg, p.fg)
	for i, c := range p.named {
		fmt.Fprintf(&b, "%s.%s { color: %s }\n", indent, colorClass("ansi-", "ansi-fg-", paletteColor(i)), c)
		fmt.Fprintf(&b, "%s.%s { background-color: %s }\n", indent, colorClass("ansi-bg-", "ansi-bg-", paletteColor(i)), c)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteStaticCSS writes the rules that are the same in both schemes: the
// 240 fixed colours of the xterm palette and the text attributes.
func WriteStaticCSS(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString("/* Output: xterm 256-colour palette and text attributes. */\n")
	for n := 16; n < 256; n++ {
		rgb := xtermRGB(n)
		fmt.Fprintf(&b, ".ansi-fg-%d { color: %s }\n", n, rgb)
		fmt.Fprintf(&b, ".ansi-bg-%d { background-color: %s }\n", n, rgb)
	}
	b.WriteString(`.ansi-bold { font-weight: bold }
.ansi-faint { opacity: 0.7 }
.ansi-italic { font-style: italic }
.ansi-underline { text-decoration: underline }
.ansi-strike { text-decoration: line-through }
.ansi-underline.ansi-strike { text-decoration: underline line-through }
`)
	_, err := w.Write(b.Bytes())
	return err
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
