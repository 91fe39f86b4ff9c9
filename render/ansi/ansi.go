package ansi

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// A color is a palette colour: 0 is the terminal's default, n+1 is entry n
// of the xterm 256-colour palette (0–7 normal, 8–15 bright, 16–231 the
// 6×6×6 cube, 232–255 the grey ramp).
type color uint16

func paletteColor(n int) color { return color(n + 1) }

// sgrState is the set of text attributes in effect. Its zero value is the
// terminal's default look, and it is comparable, so a span is opened only
// when the look really changes.
type sgrState struct {
	fg, bg                                          color
	bold, faint, italic, underline, strike, inverse bool
}

var ansiNames = [8]string{"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"}

// classes returns the space-separated classes for s, in a fixed order so
// that the same output always gives the same bytes.
func (s sgrState) classes() string {
	var b []byte
	add := func(c string) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, c...)
	}
	fg, bg := s.fg, s.bg
	if s.inverse {
		// ansi-inverse swaps the default colours; an explicit colour on
		// either side, swapped over here, overrides it in the stylesheet.
		add("ansi-inverse")
		fg, bg = bg, fg
	}
	if fg != 0 {
		add(colorClass("ansi-", "ansi-fg-", fg))
	}
	if bg != 0 {
		add(colorClass("ansi-bg-", "ansi-bg-", bg))
	}
	if s.bold {
		add("ansi-bold")
	}
	if s.faint {
		add("ansi-faint")
	}
	if s.italic {
		add("ansi-italic")
	}
	if s.underline {
		add("ansi-underline")
	}
	if s.strike {
		add("ansi-strike")
	}
	return string(b)
}

// colorClass names c: "ansi-red", "ansi-bright-red", "ansi-fg-196" for the
// foreground prefixes, "ansi-bg-red", … for the background ones.
func colorClass(named, numbered string, c color) string {
	n := int(c) - 1
	switch {
	case n < 8:
		return named + ansiNames[n]
	case n < 16:
		return named + "bright-" + ansiNames[n-8]
	default:
		return numbered + strconv.Itoa(n)
	}
}

// WriteHTML writes src, terminal output, to w as HTML text: escaped, with
// SGR attributes as <span class="ansi-…"> and other control sequences
// removed. It leaves no span open, so the caller may cut its output
// anywhere between two calls.
func WriteHTML(w *bytes.Buffer, src []byte) {
	a := ansiWriter{w: w}
	for i := 0; i < len(src); {
		if src[i] == 0x1b {
			i += a.escape(src[i:])
			continue
		}
		// Text runs up to the next escape go through in one piece.
		j := bytes.IndexByte(src[i:], 0x1b)
		if j < 0 {
			j = len(src)
		} else {
			j += i
		}
		a.text(src[i:j])
		i = j
	}
	a.closeSpan()
}

type ansiWriter struct {
	w     *bytes.Buffer
	state sgrState // what the escapes so far asked for
	shown sgrState // what the open span shows
	open  bool
}

func (a *ansiWriter) closeSpan() {
	if a.open {
		a.w.WriteString("</span>")
		a.open = false
	}
}

// text writes visible text in the current state. Spans are opened lazily,
// here, so that a run of escapes with no text between them (a reset right
// after a colour) leaves no empty span behind.
func (a *ansiWriter) text(b []byte) {
	if len(b) == 0 {
		return
	}
	if a.open && a.shown != a.state || !a.open && a.state != (sgrState{}) {
		a.closeSpan()
		if a.state != (sgrState{}) {
			a.w.WriteString(`<span class="`)
			a.w.WriteString(a.state.classes())
			a.w.WriteString(`">`)
			a.open, a.shown = true, a.state
		}
	}
	WriteText(a.w, b)
}

// escape consumes the escape sequence at the start of b (b[0] is ESC) and
// returns its length. Unknown or malformed sequences are dropped up to the
// byte where they stop making sense, so a stray ESC never hides the text
// after it.
func (a *ansiWriter) escape(b []byte) int {
	if len(b) < 2 {
		return len(b)
	}
	switch c := b[1]; {
	case c == '[':
		return a.csi(b)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		// OSC, DCS, SOS, PM, APC: a string ended by BEL (OSC only, but
		// widely used) or ST (ESC \). Unterminated, only the introducer
		// goes: the rest is shown rather than silently swallowed.
		for i := 2; i < len(b); i++ {
			switch {
			case b[i] == 0x07:
				return i + 1
			case b[i] == 0x1b && i+1 < len(b) && b[i+1] == '\\':
				return i + 2
			}
		}
		return 2
	case c >= 0x20 && c <= 0x2f:
		// nF escapes such as ESC ( B: intermediates, then one final byte.
		i := 2
		for i < len(b) && b[i] >= 0x20 && b[i] <= 0x2f {
			i++
		}
		if i < len(b) && b[i] >= 0x30 && b[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e:
		return 2 // two-byte escapes: ESC 7, ESC c, ESC M, …
	default:
		return 1 // ESC followed by something that is not an escape
	}
}

// csi consumes a control sequence ESC [ params intermediates final, applies
// it when it is SGR, and returns its length.
func (a *ansiWriter) csi(b []byte) int {
	i := 2
	for i < len(b) && b[i] >= 0x30 && b[i] <= 0x3f {
		i++
	}
	params := b[2:i]
	inter := i
	for i < len(b) && b[i] >= 0x20 && b[i] <= 0x2f {
		i++
	}
	if i == len(b) || b[i] < 0x40 || b[i] > 0x7e {
		return i // malformed: drop what was read, keep the rest as text
	}
	// A private marker (<, =, >, ?) or an intermediate byte makes it some
	// other sequence that merely ends in 'm'.
	if b[i] == 'm' && inter == i && (len(params) == 0 || params[0] < 0x3c) {
		a.sgr(params)
	}
	return i + 1
}

// sgr applies the parameters of ESC [ … m. Parameters are separated by ';';
// a parameter may carry ':'-separated sub-parameters (ISO 8613-6 colours,
// 38:2::r:g:b, and underline styles, 4:3).
func (a *ansiWriter) sgr(params []byte) {
	var ps [][]int
	for _, p := range bytes.Split(params, []byte{';'}) {
		var sub []int
		for _, s := range bytes.Split(p, []byte{':'}) {
			sub = append(sub, atoi(s))
		}
		ps = append(ps, sub)
	}
	s := &a.state
	for k := 0; k < len(ps); k++ {
		p := ps[k]
		switch code := p[0]; {
		case code == 0:
			*s = sgrState{}
		case code == 1:
			s.bold = true
		case code == 2:
			s.faint = true
		case code == 3:
			s.italic = true
		case code == 4:
			s.underline = len(p) < 2 || p[1] != 0 // 4:0 is "not underlined"
		case code == 7:
			s.inverse = true
		case code == 9:
			s.strike = true
		case code == 21:
			s.underline = true // double underline, shown as underline
		case code == 22:
			s.bold, s.faint = false, false
		case code == 23:
			s.italic = false
		case code == 24:
			s.underline = false
		case code == 27:
			s.inverse = false
		case code == 29:
			s.strike = false
		case code >= 30 && code <= 37:
			s.fg = paletteColor(code - 30)
		case code == 38, code == 48:
			c, used, ok := extendedColor(p, ps[k+1:])
			k += used
			if ok && code == 38 {
				s.fg = c
			} else if ok {
				s.bg = c
			}
		case code == 39:
			s.fg = 0
		case code >= 40 && code <= 47:
			s.bg = paletteColor(code - 40)
		case code == 49:
			s.bg = 0
		case code >= 90 && code <= 97:
			s.fg = paletteColor(code - 90 + 8)
		case code >= 100 && code <= 107:
			s.bg = paletteColor(code - 100 + 8)
		}
		// Anything else (blink, conceal, fonts, frames) has no place on a
		// page and is ignored, as many terminals do.
	}
}

// extendedColor decodes the colour of a 38 or 48 parameter p, either from
// its own sub-parameters (38:5:n, 38:2::r:g:b, 38:2:r:g:b) or from the
// parameters after it (38;5;n, 38;2;r;g;b). It returns how many of rest it
// consumed, and ok false for a malformed or out-of-range colour.
func extendedColor(p []int, rest [][]int) (c color, used int, ok bool) {
	args := p[1:]
	if len(args) == 0 {
		// Semicolon form: the arguments are the following parameters.
		if len(rest) == 0 {
			return 0, 0, false
		}
		var n int
		switch rest[0][0] {
		case 5:
			n = 2 // 5;n
		case 2:
			n = 4 // 2;r;g;b
		default:
			return 0, 0, false
		}
		n = min(n, len(rest))
		for _, r := range rest[:n] {
			args = append(args, r[0])
		}
		used = n
	}
	switch {
	case len(args) == 2 && args[0] == 5:
		if args[1] > 255 {
			return 0, used, false
		}
		return paletteColor(args[1]), used, true
	case len(args) >= 4 && args[0] == 2:
		rgb := args[1:4]
		if len(args) > 4 {
			rgb = args[2:5] // 38:2:id:r:g:b names a colour space first
		}
		if rgb[0] > 255 || rgb[1] > 255 || rgb[2] > 255 {
			return 0, used, false
		}
		return paletteColor(nearest256(rgb[0], rgb[1], rgb[2])), used, true
	}
	return 0, used, false
}

// cubeLevels are the channel values of the xterm 6×6×6 colour cube.
var cubeLevels = [6]int{0, 95, 135, 175, 215, 255}

// nearest256 maps a 24-bit colour to the closest entry of the xterm palette
// from 16 up (the cube or the grey ramp; 0–15 differ between themes).
func nearest256(r, g, b int) int {
	level := func(v int) int {
		switch {
		case v < 48:
			return 0
		case v < 115:
			return 1
		default:
			return (v - 35) / 40
		}
	}
	dist := func(r2, g2, b2 int) int {
		return (r-r2)*(r-r2) + (g-g2)*(g-g2) + (b-b2)*(b-b2)
	}
	ri, gi, bi := level(r), level(g), level(b)
	cube := 16 + 36*ri + 6*gi + bi
	cubeDist := dist(cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])

	grey := min(max(((r+g+b)/3-8+5)/10, 0), 23) // nearest of 8, 18, …, 238
	gv := 8 + 10*grey
	if dist(gv, gv, gv) < cubeDist {
		return 232 + grey
	}
	return cube
}

// atoi reads a decimal parameter; empty means 0, as in every terminal, and
// huge values saturate instead of overflowing.
func atoi(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0
		}
		n = min(n*10+int(c-'0'), 1<<16)
	}
	return n
}

// WriteText writes b as HTML text that shows what a terminal would: markup
// characters escaped, invalid UTF-8 as U+FFFD, CR LF as LF and a lone CR as a
// line break (a page cannot overwrite a line, and an HTML parser would turn
// it into one anyway), tab kept, and every other control character (C0, DEL,
// C1) dropped.
func WriteText(w *bytes.Buffer, b []byte) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '<':
				w.WriteString("&lt;")
			case c == '>':
				w.WriteString("&gt;")
			case c == '&':
				w.WriteString("&amp;")
			case c == '"':
				w.WriteString("&#34;")
			case c == '\'':
				w.WriteString("&#39;")
			case c == '\n' || c == '\t':
				w.WriteByte(c)
			case c == '\r':
				if i+1 == len(b) || b[i+1] != '\n' {
					w.WriteByte('\n')
				}
			case c < 0x20 || c == 0x7f:
				// dropped
			default:
				w.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			w.WriteRune(utf8.RuneError)
		case r >= 0x80 && r <= 0x9f:
			// C1 controls, including the 8-bit CSI, are dropped.
		default:
			w.Write(b[i : i+size])
		}
		i += size
	}
}
