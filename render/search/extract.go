package search

import (
	"html"
	"strings"
)

// field is where a piece of a page's text stands, which sets its weight.
type field int

const (
	fieldText field = iota
	fieldCode
	fieldSummary
	fieldHeading
	fieldTitle
	numFields
)

// weights are a term's score per occurrence in each field: a word in the
// title says far more about a page than one in its prose.
var weights = [numFields]int{fieldText: 1, fieldCode: 3, fieldSummary: 4, fieldHeading: 6, fieldTitle: 10}

// A part is a page's stretch under one heading (the first part, with no
// heading, is the page's opening), with its text by field.
type part struct {
	id, heading string // the heading's id and text; empty for the opening
	text        [numFields]strings.Builder
}

// element is an open element of the body being scanned.
type element struct {
	name       string
	skip, code bool
	heading    bool
}

// extract splits the HTML of a rendered article body into parts, one per
// h2 and h3 with an id (the headings of the table of contents), and sorts
// their text into prose, code and heading text. It knows the markup that
// render/markdown writes: the output panels and stdin of snippets and the
// anchors of headings are left out (a snippet's output is what the code
// printed, not what the page is about); pre and code elements are code.
// It tolerates any other HTML, as raw HTML in unsafe mode may be.
func extract(body string) []*part {
	parts := []*part{{}}
	cur := parts[0]
	var stack []element
	top := func() element {
		if len(stack) == 0 {
			return element{}
		}
		return stack[len(stack)-1]
	}
	for len(body) > 0 {
		lt := strings.IndexByte(body, '<')
		if lt < 0 {
			lt = len(body)
		}
		if t := top(); lt > 0 && !t.skip {
			f := fieldText
			switch {
			case t.heading:
				f = fieldHeading
			case t.code:
				f = fieldCode
			}
			cur.text[f].WriteString(html.UnescapeString(body[:lt]))
		}
		body = body[lt:]
		if body == "" {
			break
		}
		tag, rest := cutTag(body)
		body = rest
		name, attrs, closing := parseTag(tag)
		switch {
		case name == "":
		case closing:
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == name {
					stack = stack[:i]
					break
				}
			}
			if name == "code" || name == "pre" {
				cur.text[fieldCode].WriteByte(' ')
			}
		case voidElements[name] || strings.HasSuffix(tag, "/>"):
		case name == "pre":
			// Highlighted code is a span per token: strip them all at
			// once rather than one tag at a time (most of a page's tags).
			end := strings.Index(body, "</pre>")
			if end < 0 {
				end = len(body)
			}
			if !top().skip {
				writeText(&cur.text[fieldCode], body[:end])
				cur.text[fieldCode].WriteByte(' ')
			}
			body = body[min(end+len("</pre>"), len(body)):]
		default:
			t := top()
			e := element{name: name, skip: t.skip, code: t.code, heading: t.heading}
			class := attr(attrs, `class="`)
			e.skip = e.skip || name == "script" || name == "style" ||
				hasClass(class, "anchor") || hasClass(class, "snippet-stdin") ||
				(name == "div" && hasClass(class, "output"))
			e.code = e.code || name == "pre" || name == "code"
			if id := attr(attrs, `id="`); (name == "h2" || name == "h3") && id != "" && !e.skip {
				cur = &part{id: id}
				parts = append(parts, cur)
				e.heading = true
			}
			stack = append(stack, e)
		}
		if blockElements[name] {
			cur.text[fieldText].WriteByte(' ')
		}
	}
	for _, p := range parts[1:] {
		p.heading = strings.Join(strings.Fields(p.text[fieldHeading].String()), " ")
	}
	return parts
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// blockElements end a word where they open or close: "</p><p>" must not
// join the last word of one paragraph to the first of the next.
var blockElements = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "pre": true, "td": true, "th": true, "tr": true, "br": true,
	"blockquote": true, "figure": true, "figcaption": true, "dt": true, "dd": true, "section": true,
	"table": true, "hr": true,
}

// cutTag returns the tag (or comment) that s starts with, and the rest.
func cutTag(s string) (tag, rest string) {
	if strings.HasPrefix(s, "<!--") {
		if end := strings.Index(s, "-->"); end >= 0 {
			return s[:end+3], s[end+3:]
		}
		return s, ""
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return s, ""
	}
	return s[:end+1], s[end+1:]
}

// parseTag returns a tag's lower-case name and its attribute text; the
// name is empty for a comment, a doctype or a lone '<'.
func parseTag(tag string) (name, attrs string, closing bool) {
	s := strings.TrimSuffix(strings.TrimPrefix(tag, "<"), ">")
	s, closing = strings.CutPrefix(s, "/")
	end := strings.IndexFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '/' })
	if end < 0 {
		end = len(s)
	}
	name = strings.ToLower(s[:end])
	for _, r := range name {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return "", "", false
		}
	}
	return name, s[end:], closing
}

// attr returns the value of the attribute whose name, '=' and opening
// quote are key (`id="`), as html/template and render/markdown write
// attributes: double-quoted.
func attr(attrs, key string) string {
	for {
		i := strings.Index(attrs, key)
		if i < 0 {
			return ""
		}
		if i > 0 && attrs[i-1] != ' ' && attrs[i-1] != '\t' && attrs[i-1] != '\n' {
			attrs = attrs[i+len(key):]
			continue
		}
		v := attrs[i+len(key):]
		if end := strings.IndexByte(v, '"'); end >= 0 {
			v = v[:end]
		}
		return html.UnescapeString(v)
	}
}

// writeText writes the text of s, an HTML fragment, without its tags.
func writeText(b *strings.Builder, s string) {
	for s != "" {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		b.WriteString(html.UnescapeString(s[:lt]))
		s = s[lt:]
		if gt := strings.IndexByte(s, '>'); gt >= 0 {
			s = s[gt+1:]
		} else {
			s = ""
		}
	}
}

func hasClass(class, name string) bool {
	for _, c := range strings.Fields(class) {
		if c == name {
			return true
		}
	}
	return false
}
