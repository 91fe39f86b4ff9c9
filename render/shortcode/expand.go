package shortcode

import (
	"bytes"
	"errors"
	"html"
	"slices"
	"strings"
)

// A Result is a body's HTML with its calls expanded, and what is needed
// to fix the text made from the masked body elsewhere (the table of
// contents, the summary).
type Result struct {
	HTML string
	ids  map[string]string // heading id as rendered → the id Hugo gives
	text *strings.Replacer // placeholder → plain text
}

// ID returns the id that the heading rendered with id has in HTML.
func (r *Result) ID(id string) string {
	if v, ok := r.ids[id]; ok {
		return v
	}
	return id
}

// Text returns s, plain text made of the masked body (a heading's, a
// summary), with each placeholder replaced by its call's output as
// plain text.
func (r *Result) Text(s string) string {
	if r.text == nil || !strings.Contains(s, "ZQ") {
		return s
	}
	return strings.Join(strings.Fields(r.text.Replace(s)), " ")
}

// Expand replaces the placeholders in h, the HTML rendered from
// d.Mask(body, lib, true), by the escapes' text and the calls' output,
// innermost call first, then gives each heading holding a call the id
// Hugo gives it (headingIDs). An error is an Error at the call's offset.
func (d *Doc) Expand(h string, body []byte, lib *Library, env *Env) (*Result, error) {
	for j, e := range d.Escapes {
		h = strings.Replace(h, placeholder(j, 'X', e.End-e.Start), html.EscapeString(e.Text), 1)
	}
	x := &expander{d: d, body: body, lib: lib, env: env, h: h, out: make([]string, len(d.Calls))}
	for _, c := range d.Top {
		if err := x.call(c, false); err != nil {
			return nil, err
		}
	}
	res := &Result{HTML: x.h, text: x.plain()}
	if lib != nil && lib.Anchorize != nil {
		res.HTML, res.ids = x.headingIDs(res.HTML)
	}
	return res, nil
}

type expander struct {
	d    *Doc
	body []byte
	lib  *Library
	env  *Env
	h    string
	out  []string // each call's output, by id
}

// call expands c's children, then c. In a raw call, nothing is in the
// HTML: the outputs go into the parent's inner text.
func (x *expander) call(c *Call, inRaw bool) error {
	raw := x.lib.rawInner(c)
	for _, k := range c.Children {
		if err := x.call(k, inRaw || raw); err != nil {
			return err
		}
	}
	openPH := placeholder(c.id, 'Q', c.End-c.Start)
	var inner string
	switch {
	case c.HasInner() && !raw && !inRaw:
		_, openPH = tagMask(x.body, c, 'Q')
		return x.markdownCall(c, openPH)
	case raw:
		inner = x.innerText(c, false)
		openPH = placeholder(c.id, 'Q', c.CloseEnd-c.Start)
	case c.HasInner():
		// Markdown inside a raw call: its source was never rendered.
		h, err := x.lib.inline(x.innerText(c, true))
		if err != nil {
			return callError(c, err)
		}
		inner = x.fill(h, c)
	}
	out, err := x.lib.render(c, inner, x.env)
	if err != nil {
		return callError(c, err)
	}
	x.out[c.id] = out
	if !inRaw {
		x.h = replace(x.h, openPH, out)
	}
	return nil
}

// callError is err at c's offset, unless it has one already.
func callError(c *Call, err error) error {
	var e Error
	if errors.As(err, &e) {
		return err
	}
	return Error{Offset: c.Start, Msg: err.Error()}
}

// replace puts out in the place of placeholder ph in h, and of the
// paragraph that holds nothing else.
func replace(h, ph, out string) string {
	if p := "<p>" + ph + "</p>"; strings.Contains(h, p) {
		return strings.Replace(h, p, out, 1)
	}
	return strings.Replace(h, ph, out, 1)
}

// fill replaces the placeholders of c's children in h, rendered from
// innerText(c, true), by their output.
func (x *expander) fill(h string, c *Call) string {
	for _, k := range c.Children {
		h = replace(h, placeholder(k.id, 'Q', k.end()-k.Start), x.out[k.id])
	}
	return h
}

// end is where c's call ends: after its closing tag, if it has one.
func (c *Call) end() int {
	if c.HasInner() {
		return c.CloseEnd
	}
	return c.End
}

// markdownCall expands c, whose inner content was rendered as Markdown
// between its two placeholders.
func (x *expander) markdownCall(c *Call, openPH string) error {
	_, closePH := tagMask(x.body, c, 'R')
	i := strings.Index(x.h, openPH)
	j := strings.Index(x.h, closePH)
	if i < 0 || j < i {
		// Raw HTML the Markdown renderer left out held it: nothing to place.
		_, err := x.lib.render(c, "", x.env)
		if err != nil {
			return callError(c, err)
		}
		return nil
	}
	start, innerStart := i, i+len(openPH)
	innerEnd, end := j, j+len(closePH)
	var pre, post string
	if alone(x.body, c.Start, c.End) && strings.HasSuffix(x.h[:i], "<p>") {
		start -= 3
		if strings.HasPrefix(x.h[innerStart:], "</p>") {
			innerStart += 4
		} else {
			pre = "<p>"
		}
	}
	if alone(x.body, c.CloseStart, c.CloseEnd) {
		if strings.HasSuffix(x.h[:innerEnd], "<p>") && strings.HasPrefix(x.h[end:], "</p>") {
			innerEnd -= 3
			end += 4
		} else if innerEnd >= innerStart {
			// A lazy continuation line of the inner content's last
			// paragraph, in a list item or a quote: the call's end closes
			// them.
			post = closers(pre+x.h[innerStart:innerEnd], x.h[end:])
			end += len(post)
		}
	}
	if innerEnd < innerStart {
		innerEnd = innerStart
	}
	inner := pre + strings.TrimLeft(x.h[innerStart:innerEnd], "\n") + post
	out, err := x.lib.render(c, inner, x.env)
	if err != nil {
		return callError(c, err)
	}
	x.out[c.id] = out
	x.h = x.h[:start] + out + x.h[end:]
	return nil
}

// closers returns the closing tags at the start of rest, with the
// newlines between them, that close elements opened in inner.
func closers(inner, rest string) string {
	n := 0
	for {
		i := n
		for i < len(rest) && rest[i] == '\n' {
			i++
		}
		if !strings.HasPrefix(rest[i:], "</") {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		name := rest[i+2 : i+j]
		opened := strings.Count(inner, "<"+name+">") + strings.Count(inner, "<"+name+" ")
		if opened <= strings.Count(inner, "</"+name+">") {
			break
		}
		inner += rest[i : i+j+1]
		n = i + j + 1
	}
	return rest[:n]
}

// alone reports whether only spaces share the lines of body[start:end].
func alone(body []byte, start, end int) bool {
	ls := bytes.LastIndexByte(body[:start], '\n') + 1
	le := bytes.IndexByte(body[end:], '\n')
	if le < 0 {
		le = len(body) - end
	}
	return len(bytes.TrimSpace(body[ls:start])) == 0 && len(bytes.TrimSpace(body[end:end+le])) == 0
}

// innerText is c's inner source with its escapes replaced by their text
// and its children's calls by their output, or, with placeholders, by
// the placeholders fill replaces.
func (x *expander) innerText(c *Call, placeholders bool) string {
	type piece struct {
		start, end int
		text       string
	}
	var pieces []piece
	for _, k := range c.Children {
		text := x.out[k.id]
		if placeholders {
			text = placeholder(k.id, 'Q', k.end()-k.Start)
		}
		pieces = append(pieces, piece{k.Start, k.end(), text})
	}
	for _, e := range x.d.Escapes {
		if c.End <= e.Start && e.End <= c.CloseStart && !x.inChild(c, e.Start) {
			pieces = append(pieces, piece{e.Start, e.End, e.Text})
		}
	}
	slices.SortFunc(pieces, func(a, b piece) int { return a.start - b.start })
	var b strings.Builder
	at := c.End
	for _, p := range pieces {
		b.Write(x.body[at:p.start])
		b.WriteString(p.text)
		at = p.end
	}
	b.Write(x.body[at:c.CloseStart])
	return b.String()
}

func (x *expander) inChild(c *Call, off int) bool {
	for _, k := range c.Children {
		if k.Start <= off && off < k.end() {
			return true
		}
	}
	return false
}

// plain returns the replacer of Result.Text: a call by its output's
// text, the tags of a call with Markdown inner content by nothing (the
// inner text is there already), an escape by its text.
func (x *expander) plain() *strings.Replacer {
	var pairs []string
	for _, c := range x.d.Calls {
		switch {
		case x.lib.rawInner(c):
			pairs = append(pairs, placeholder(c.id, 'Q', c.CloseEnd-c.Start), plainText(x.out[c.id]))
		case c.HasInner():
			_, open := tagMask(x.body, c, 'Q')
			_, closing := tagMask(x.body, c, 'R')
			pairs = append(pairs, open, "", closing, "")
		default:
			pairs = append(pairs, placeholder(c.id, 'Q', c.End-c.Start), plainText(x.out[c.id]))
		}
	}
	for j, e := range x.d.Escapes {
		pairs = append(pairs, placeholder(j, 'X', e.End-e.Start), e.Text)
	}
	if len(pairs) == 0 {
		return nil
	}
	return strings.NewReplacer(pairs...)
}

// plainText is HTML as text: tags gone, entities decoded, spaces joined.
func plainText(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(h, " "))), " ")
}
