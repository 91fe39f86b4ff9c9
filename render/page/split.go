package page

import "bytes"

// format is the language of a front matter block.
type format int

const (
	none format = iota // the file has no front matter
	tomlFormat
	yamlFormat
	jsonFormat
)

var delimiters = map[string]format{"+++": tomlFormat, "---": yamlFormat}

// A block locates the front matter of a file, as byte offsets into it.
type block struct {
	format format
	text   int // first byte of the front matter text, after the opening line
	end    int // start of the closing line, so the text is src[text:end]
	body   int // first byte after the closing line
}

var bom = []byte("\xEF\xBB\xBF")

// split finds the front matter at the very top of src. It reports false
// when an opening delimiter is never closed. With no front matter the body
// starts after the byte order mark, if any.
func split(src []byte) (block, bool) {
	start := 0
	if bytes.HasPrefix(src, bom) {
		start = len(bom)
	}
	if i := start + len(src[start:]) - len(bytes.TrimLeft(src[start:], " \t\r\n")); isJSON(src[i:]) {
		return splitJSON(src, i)
	}
	first, next := line(src, start)
	f, ok := delimiters[string(first)]
	if !ok {
		return block{format: none, body: start}, true
	}
	for off := next; off < len(src); {
		l, after := line(src, off)
		if delimiters[string(l)] == f {
			return block{format: f, text: next, end: off, body: after}, true
		}
		off = after
	}
	return block{format: f, text: next, end: len(src), body: len(src)}, false
}

// line returns the line starting at off, without its line ending or
// trailing blanks, and the offset of the next line.
func line(src []byte, off int) ([]byte, int) {
	end, next := len(src), len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		end, next = off+i, off+i+1
	}
	return bytes.TrimRight(src[off:end], " \t\r"), next
}

// isJSON reports whether text opens a JSON object. "{{" is no JSON but a
// shortcode (Hugo would fail on it as JSON; a page that starts with a
// shortcode is more likely).
func isJSON(text []byte) bool {
	return len(text) > 0 && text[0] == '{' && (len(text) == 1 || text[1] != '{')
}

// splitJSON finds the end of a JSON object opening at src[open], as Hugo
// does: at the brace that closes the first one, braces inside strings not
// counting. White space may come before it (Hugo skips it too), and the
// line ending right after it is not part of the body.
func splitJSON(src []byte, open int) (block, bool) {
	depth, inString := 0, false
	for i := open; i < len(src); i++ {
		switch c := src[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				body := i + 1
				if bytes.HasPrefix(src[body:], []byte("\r\n")) {
					body += 2
				} else if body < len(src) && src[body] == '\n' {
					body++
				}
				return block{format: jsonFormat, text: open, end: i + 1, body: body}, true
			}
		}
	}
	return block{format: jsonFormat, text: open, end: len(src), body: len(src)}, false
}

// unclosed is the message for front matter that is never closed.
func (b block) unclosed() string {
	switch b.format {
	case jsonFormat:
		return "JSON front matter opened with \"{\" is never closed"
	case yamlFormat:
		return "front matter opened with \"---\" is never closed"
	}
	return "front matter opened with \"+++\" is never closed"
}
