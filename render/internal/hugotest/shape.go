package hugotest

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
)

// ShapeOptions say what of a fragment's markup Shape keeps.
type ShapeOptions struct {
	// Unwrap are the elements left out, their content kept: markup one
	// side adds on purpose.
	Unwrap []string
	// Skip reports an element left out with its content (a heading's
	// self-link).
	Skip func(name string, attr func(string) string) bool
	// SpanClasses are the classes of a <span> kept: markup, not a
	// token's colour (which depends on the chroma version). A span
	// with none of them and no id is unwrapped.
	SpanClasses []string
	// Attrs are the attributes shown, besides class and id.
	Attrs []string
}

// Shape is an HTML fragment as one line per element and text run:
// "<name .class #id attr=value>", "text", "</name>". Whitespace runs are
// one space, and text is trimmed.
func Shape(fragment string, o ShapeOptions) (string, error) {
	d := xml.NewDecoder(strings.NewReader("<root>" + fragment + "</root>"))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var b, text strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(text.String()), " "); s != "" {
			b.WriteString(s + "\n")
		}
		text.Reset()
	}
	var open []bool // per open element: written
	skip := 0       // depth inside a left-out element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%v in\n%s", err, fragment)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			get := func(name string) string { return attr(tok, name) }
			if skip > 0 || o.Skip != nil && o.Skip(tok.Name.Local, get) {
				skip++
				continue
			}
			tag, keep := o.element(tok)
			open = append(open, keep)
			if keep {
				flush()
				b.WriteString(tag + "\n")
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			keep := open[len(open)-1]
			open = open[:len(open)-1]
			if keep {
				flush()
				b.WriteString("</" + tok.Name.Local + ">\n")
			}
		case xml.CharData:
			if skip == 0 {
				text.Write(tok)
			}
		}
	}
	flush()
	return b.String(), nil
}

// element is the line of Shape for a start tag, and whether it is kept.
func (o ShapeOptions) element(tok xml.StartElement) (string, bool) {
	name := tok.Name.Local
	if name == "root" || slices.Contains(o.Unwrap, name) {
		return "", false
	}
	var b strings.Builder
	b.WriteString("<" + name)
	kept := 0
	for _, c := range strings.Fields(attr(tok, "class")) {
		if name != "span" || slices.Contains(o.SpanClasses, c) {
			b.WriteString(" ." + c)
			kept++
		}
	}
	if name == "span" && kept == 0 && attr(tok, "id") == "" {
		return "", false
	}
	if id := attr(tok, "id"); id != "" {
		b.WriteString(" #" + id)
	}
	for _, a := range o.Attrs {
		if v := attr(tok, a); v != "" {
			b.WriteString(" " + a + "=" + v)
		}
	}
	b.WriteString(">")
	return b.String(), true
}

func attr(tok xml.StartElement, name string) string {
	for _, a := range tok.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
