package page

import "bytes"

// format is the language of a front matter block.
type format int

const (
	none format = iota // the file has no front matter
	tomlFormat
	yamlFormat
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
