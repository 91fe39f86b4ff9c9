package markdown

import (
	"bytes"
	stdhtml "html"
	"strconv"
	"strings"

	"github.com/pipedocs/pipedocs/render/highlight"
	"github.com/pipedocs/pipedocs/render/snippet"
)

// hasHugoAttrs reports whether a fence's attributes change how its code
// is written: line options, {.class #id}, data attributes. Fences without
// them, nearly all, take writeCode's path.
func hasHugoAttrs(a *snippet.Attrs) bool {
	return !a.Lines.IsZero() || len(a.Classes) > 0 || a.ID != "" || len(a.Extra) > 0
}

// writeFence writes code in lang with a's Hugo attributes (SPEC §2.2).
// ordinal is the fence's 0-based place among the article's code blocks,
// Hugo's prefix for line anchors when lineanchors is not given.
func writeFence(w *bytes.Buffer, hl *highlight.Highlighter, lang string, a *snippet.Attrs, code []byte, ordinal int) error {
	html, err := hl.HTML(lang, code)
	if err != nil {
		return err
	}
	writeWrapper(w, a)
	if a.Lines.IsZero() {
		w.WriteString(`<pre class="chroma"><code>`)
		w.WriteString(html)
		w.WriteString("</code></pre></div>\n")
		return nil
	}
	l := lineWriter{Lines: &a.Lines, lines: splitLines(html), start: max(a.Lines.Start, 1), prefix: a.Lines.Prefix}
	if l.prefix == "" {
		l.prefix = "hl-" + strconv.Itoa(ordinal)
	}
	l.prefix += "-"
	l.digits = len(strconv.Itoa(l.start + len(l.lines) - 1))
	if a.Lines.Numbers == snippet.NumbersTable {
		w.WriteString("<div class=\"chroma\">\n<table class=\"lntable\"><tr><td class=\"lntd\">\n")
		w.WriteString(`<pre tabindex="0" class="chroma"><code>`)
		l.writeNumbers(w)
		w.WriteString("</code></pre></td>\n<td class=\"lntd\">\n")
		writeCodeOpen(w, lang)
		l.writeLines(w, false)
		w.WriteString("</code></pre></td></tr></table>\n</div>\n</div>\n")
		return nil
	}
	writeCodeOpen(w, lang)
	l.writeLines(w, a.Lines.Numbers == snippet.NumbersInline)
	w.WriteString("</code></pre></div>\n")
	return nil
}

// writeWrapper opens the <div class="highlight"> around a fence, with its
// classes, id and data attributes.
func writeWrapper(w *bytes.Buffer, a *snippet.Attrs) {
	w.WriteString(`<div class="highlight`)
	for _, c := range a.Classes {
		w.WriteByte(' ')
		w.WriteString(stdhtml.EscapeString(c))
	}
	w.WriteByte('"')
	if a.ID != "" {
		w.WriteString(` id="`)
		w.WriteString(stdhtml.EscapeString(a.ID))
		w.WriteByte('"')
	}
	for _, e := range a.Extra {
		// Keys are letters, digits, '_' and '-' (ParseInfo), safe as names.
		w.WriteString(" data-")
		w.WriteString(strings.ToLower(e.Key))
		w.WriteString(`="`)
		w.WriteString(stdhtml.EscapeString(e.Value))
		w.WriteByte('"')
	}
	w.WriteByte('>')
}

// writeCodeOpen opens the <pre><code> of lines, as Hugo writes it.
func writeCodeOpen(w *bytes.Buffer, lang string) {
	w.WriteString(`<pre tabindex="0" class="chroma"><code`)
	if lang != "" {
		w.WriteString(` class="language-`)
		w.WriteString(stdhtml.EscapeString(lang))
		w.WriteString(`" data-lang="`)
		w.WriteString(stdhtml.EscapeString(lang))
		w.WriteByte('"')
	}
	w.WriteByte('>')
}

// splitLines splits highlighted HTML into lines. The highlighter closes
// every span at a line's end (highlight.HTML), so a line ends after its
// newline and the "</span>" that may follow it, and each is balanced.
func splitLines(html string) []string {
	var lines []string
	for html != "" {
		i := strings.IndexByte(html, '\n')
		if i < 0 {
			lines = append(lines, html)
			break
		}
		i++
		if strings.HasPrefix(html[i:], "</span>") {
			i += len("</span>")
		}
		lines = append(lines, html[:i])
		html = html[i:]
	}
	return lines
}

// A lineWriter writes a fence's lines with chroma's markup for line
// numbers and highlighted lines, which Hugo's pages have.
type lineWriter struct {
	*snippet.Lines
	lines  []string
	start  int    // number of the first line
	digits int    // width of the widest number
	prefix string // of the anchors' ids
}

// highlighted reports whether line i (0-based) is in hl_lines.
func (l *lineWriter) highlighted(i int) bool {
	for _, r := range l.Highlight {
		if r.From <= i+1 && i+1 <= r.To {
			return true
		}
	}
	return false
}

// writeNumber writes line i's number inside a span of class, with its
// anchor when anchorlinenos; tail goes before the closing tag.
func (l *lineWriter) writeNumber(w *bytes.Buffer, class string, i int, tail string) {
	n := strconv.Itoa(l.start + i)
	title := strings.Repeat(" ", l.digits-len(n)) + n
	w.WriteString(`<span class="` + class + `"`)
	if l.Anchors {
		id := l.prefix + n
		w.WriteString(` id="`)
		w.WriteString(stdhtml.EscapeString(id))
		w.WriteString(`"><a class="lnlinks" href="#`)
		w.WriteString(stdhtml.EscapeString(id))
		w.WriteString(`">` + title + "</a>")
	} else {
		w.WriteString(">" + title)
	}
	w.WriteString(tail + "</span>")
}

// writeNumbers writes the table's column of line numbers.
func (l *lineWriter) writeNumbers(w *bytes.Buffer) {
	for i := range l.lines {
		hl := l.highlighted(i)
		if hl {
			w.WriteString(`<span class="hl">`)
		}
		l.writeNumber(w, "lnt", i, "\n")
		if hl {
			w.WriteString("</span>")
		}
	}
}

// writeLines writes the lines, each as <span class="line"> with its
// number first when numbers.
func (l *lineWriter) writeLines(w *bytes.Buffer, numbers bool) {
	for i, line := range l.lines {
		if l.highlighted(i) {
			w.WriteString(`<span class="line hl">`)
		} else {
			w.WriteString(`<span class="line">`)
		}
		if numbers {
			l.writeNumber(w, "ln", i, "")
		}
		w.WriteString(`<span class="cl">`)
		w.WriteString(line)
		w.WriteString("</span></span>")
	}
}
