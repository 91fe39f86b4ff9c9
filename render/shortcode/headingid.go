package shortcode

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// Heading ids. Hugo 0.111 makes a heading's id from the heading's
// source line after its shortcodes are replaced: a {{< >}} call by its
// placeholder, "HAHAHUGOSHORTCODEs" + its ordinal among the page's
// top-level calls + "HBHB" (so `## Intro {{< icon >}}` has the id
// "intro-hahahugoshortcodes0hbhb"), a {{% %}} call by its output, an
// escaped call by its text. The Markdown parse saw pipedocs'
// placeholders instead, lower-cased into the id; headingIDs swaps each
// for what Hugo saw, then makes the ids unique again as Hugo does.

// hugoPlaceholder is the text Hugo 0.111 puts in the place of the
// top-level {{< >}} call with that ordinal.
func hugoPlaceholder(ordinal int) string {
	return "HAHAHUGOSHORTCODEs" + strconv.Itoa(ordinal) + "HBHB"
}

// headingTag finds the id of each heading in rendered HTML.
var headingTag = regexp.MustCompile(`<h[1-6] id="([^"]*)"`)

// idRef finds the ids and fragment links that a renamed id changes.
var idRef = regexp.MustCompile(`(?:id="|href="#)([^"]*)"`)

// headingIDs returns h with the headings that hold a placeholder given
// Hugo's ids, their links to themselves too, and the renames made.
func (x *expander) headingIDs(h string) (string, map[string]string) {
	if !strings.Contains(h, `id="`) || !strings.Contains(h, "zq") {
		return h, nil
	}
	found := headingTag.FindAllStringSubmatch(h, -1)
	renames := map[string]string{}
	used := map[string]bool{}
	for _, m := range found {
		old := m[1]
		base := old
		if strings.Contains(old, "zq") {
			base = x.hugoID(old)
		}
		id := base
		for i := 1; used[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		used[id] = true
		if id != old {
			renames[old] = id
		}
	}
	if len(renames) == 0 {
		return h, nil
	}
	h = idRef.ReplaceAllStringFunc(h, func(s string) string {
		prefix := `id="`
		if strings.HasPrefix(s, `href="#`) {
			prefix = `href="#`
		}
		if v, ok := renames[s[len(prefix):len(s)-1]]; ok {
			return prefix + v + `"`
		}
		return s
	})
	return h, renames
}

// hugoID is the id Hugo gives the heading pipedocs gave id.
func (x *expander) hugoID(id string) string {
	anchor := x.lib.Anchorize
	for _, c := range x.d.Calls {
		open := strings.ToLower(placeholder(c.id, 'Q', c.End-c.Start))
		_, closePH := tagMask(x.body, c, 'R')
		switch {
		case x.lib.rawInner(c):
			open = strings.ToLower(placeholder(c.id, 'Q', c.CloseEnd-c.Start))
		case c.HasInner():
			_, ph := tagMask(x.body, c, 'Q')
			open = strings.ToLower(ph)
		}
		i := strings.Index(id, open)
		if i < 0 {
			continue
		}
		end := i + len(open)
		if c.HasInner() && !x.lib.rawInner(c) {
			if j := strings.Index(id[end:], strings.ToLower(closePH)); j >= 0 {
				end += j + len(closePH)
			}
		}
		var with string
		switch {
		case c.Markdown && c.HasInner():
			// Hugo's template saw the inner content as written.
			out, _ := x.lib.render(c, x.innerText(c, false), x.env)
			with = firstLine(out)
		case c.Markdown:
			with = firstLine(x.out[c.id])
		case c.hugo >= 0:
			with = hugoPlaceholder(c.hugo)
		}
		id = id[:i] + anchor(with) + id[end:]
	}
	for j, e := range x.d.Escapes {
		ph := strings.ToLower(placeholder(j, 'X', e.End-e.Start))
		id = strings.Replace(id, ph, anchor(e.Text), 1)
	}
	return id
}

// firstLine is what of a call's output stays in a heading's line.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// Ordinals: Hugo numbers the top-level calls of a page in order, those
// inside code included (it expands them there), and nested calls not.

// codeCalls records the offsets of the top-level calls Hugo would see
// in the code at src[start:end].
func (l *lexer) codeCalls(start, end int) {
	if !bytes.Contains(l.src[start:end], []byte("{{")) {
		return
	}
	sub := &lexer{src: l.src[:end], doc: &Doc{}}
	for i := start; i < end; {
		if i+3 <= end && l.src[i] == '{' && l.src[i+1] == '{' && (l.src[i+2] == '<' || l.src[i+2] == '%') {
			i = sub.tag(i)
			continue
		}
		i++
	}
	sub.pair()
	for _, c := range sub.doc.Top {
		l.codeTop = append(l.codeTop, c.Start)
	}
}

// ordinals gives each top-level call its Hugo ordinal, counting the
// calls in code at top level too; nested calls get -1.
func (l *lexer) ordinals() {
	for _, c := range l.doc.Calls {
		c.hugo = -1
	}
	top, code := l.doc.Top, l.codeTop
	n := 0
	for i, j := 0, 0; i < len(top) || j < len(code); {
		if j < len(code) && (i == len(top) || code[j] < top[i].Start) {
			if i == 0 || code[j] >= top[i-1].end() {
				n++
			}
			j++
			continue
		}
		top[i].hugo = n
		n++
		i++
	}
}
