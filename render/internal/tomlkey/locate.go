package tomlkey

import (
	"slices"
	"strconv"
	"strings"
)

// A Span is where a key was found, as byte offsets into the document.
type Span struct {
	Key   int // first byte of the key; for a table header, of the table's name
	Value int // first byte of the value; equal to Key for a table header
}

// Locate returns where key is first defined in src: by a table header or a
// key/value pair (top level, dotted, or inside an inline table) whose full
// path is key or lies inside it. So ["runners"] is found at "[runners.go]",
// and ["runners", "go", "command"] at "command" below that header.
//
// Arrays of tables have no index in the path, as in toml.MetaData's keys:
// ["menu", "name"] is found in the first [[menu]] entry that sets name.
func Locate(src string, key []string) (Span, bool) {
	if len(key) == 0 {
		return Span{}, false
	}
	s := scanner{src: src, want: key}
	s.document()
	return s.span, s.found
}

type scanner struct {
	src   string
	i     int
	want  []string
	found bool
	span  Span
}

// document walks the top-level items of the document until the wanted key
// is found or the input ends.
func (s *scanner) document() {
	var table []string
	for !s.found {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		if s.src[s.i] == '[' {
			s.i++
			if s.at("[") { // [[array.of.tables]]
				s.i++
			}
			s.skipSpace(false)
			at := s.i
			path, ok := s.key()
			if !ok {
				return
			}
			table = path
			s.match(path, at, at)
			s.skipLine()
			continue
		}
		path, ok := s.pair(table)
		if !ok {
			return
		}
		if !s.found {
			s.value(path)
		}
		s.skipLine()
	}
}

// pair reads "key =" below prefix, records a match, and leaves the scanner
// at the value.
func (s *scanner) pair(prefix []string) ([]string, bool) {
	at := s.i
	k, ok := s.key()
	if !ok {
		return nil, false
	}
	s.skipSpace(false)
	if !s.at("=") {
		return nil, false
	}
	s.i++
	s.skipSpace(false)
	path := append(slices.Clip(prefix), k...)
	s.match(path, at, s.i)
	return path, true
}

// match records the first definition of something at or inside s.want.
func (s *scanner) match(path []string, key, value int) {
	if s.found || len(path) < len(s.want) || !slices.Equal(path[:len(s.want)], s.want) {
		return
	}
	if len(path) > len(s.want) {
		value = key // the wanted key is a table; its "value" starts at the name
	}
	s.found, s.span = true, Span{Key: key, Value: value}
}

// key reads a dotted key: bare, "basic" and 'literal' parts joined by dots.
func (s *scanner) key() ([]string, bool) {
	var path []string
	for {
		s.skipSpace(false)
		part, ok := s.keyPart()
		if !ok {
			return nil, false
		}
		path = append(path, part)
		s.skipSpace(false)
		if !s.at(".") {
			return path, true
		}
		s.i++
	}
}

func (s *scanner) keyPart() (string, bool) {
	if s.eof() {
		return "", false
	}
	start := s.i
	switch s.src[s.i] {
	case '"':
		s.basicString()
		raw := s.src[start:s.i]
		if v, err := strconv.Unquote(raw); err == nil {
			return v, true
		}
		// An escape TOML has and Go lacks (\e): compare the raw text.
		return strings.Trim(raw, `"`), true
	case '\'':
		s.literalString()
		return strings.Trim(s.src[start:s.i], "'"), true
	}
	for !s.eof() && isBare(s.src[s.i]) {
		s.i++
	}
	return s.src[start:s.i], s.i > start
}

// isBare reports whether c may appear in a bare key. Bytes of multi-byte
// UTF-8 characters are accepted, as TOML 1.1 allows Unicode letters.
func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c >= 0x80
}

// value skips one value, looking for the wanted key inside inline tables
// (and inline tables inside arrays), whose keys continue path.
func (s *scanner) value(path []string) {
	if s.eof() {
		return
	}
	switch {
	case s.at(`"""`):
		s.multiline(`"""`)
	case s.at(`'''`):
		s.multiline(`'''`)
	case s.at(`"`):
		s.basicString()
	case s.at(`'`):
		s.literalString()
	case s.at("["):
		s.i++
		for !s.found {
			s.skipSpace(true)
			if s.eof() {
				return
			}
			if s.at("]") {
				s.i++
				return
			}
			before := s.i
			s.value(path)
			s.skipSpace(true)
			if s.at(",") {
				s.i++
			}
			if s.i == before { // not TOML; never loop forever
				s.i++
			}
		}
	case s.at("{"):
		s.i++
		for !s.found {
			s.skipSpace(true)
			if s.eof() {
				return
			}
			if s.at("}") {
				s.i++
				return
			}
			inner, ok := s.pair(path)
			if !ok {
				s.i = len(s.src)
				return
			}
			if s.found {
				return
			}
			s.value(inner)
			s.skipSpace(true)
			if s.at(",") {
				s.i++
			}
		}
	default:
		// Numbers, booleans and dates; a date may hold a space
		// ("1979-05-27 07:32:00Z"), so only a delimiter ends it.
		for !s.eof() && !strings.ContainsRune(",]}#\r\n", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// basicString skips a "string", honouring backslash escapes.
func (s *scanner) basicString() {
	for s.i++; !s.eof(); s.i++ {
		switch s.src[s.i] {
		case '\\':
			s.i++
		case '"', '\n':
			s.i++
			return
		}
	}
	s.i = len(s.src) // a trailing backslash stepped past the end
}

// literalString skips a 'string', which has no escapes.
func (s *scanner) literalString() {
	for s.i++; !s.eof(); s.i++ {
		if c := s.src[s.i]; c == '\'' || c == '\n' {
			s.i++
			return
		}
	}
}

// multiline skips a multi-line string, basic or literal as delim says.
// Up to two quotes right before the closing delimiter belong to the
// string, so they are consumed with it.
func (s *scanner) multiline(delim string) {
	escapes := delim[0] == '"'
	for s.i += 3; !s.eof(); s.i++ {
		if escapes && s.src[s.i] == '\\' {
			s.i++
			continue
		}
		if s.at(delim) {
			s.i += 3
			for n := 0; n < 2 && s.at(delim[:1]); n++ {
				s.i++
			}
			return
		}
	}
	s.i = len(s.src)
}

// skipSpace skips blanks; with newlines, also line ends and comments.
func (s *scanner) skipSpace(newlines bool) {
	for !s.eof() {
		switch s.src[s.i] {
		case ' ', '\t':
		case '\r', '\n':
			if !newlines {
				return
			}
		case '#':
			if !newlines {
				return
			}
			s.skipLine()
			continue
		default:
			return
		}
		s.i++
	}
}

// skipLine moves past the end of the current line: after a value, valid
// TOML holds only blanks and a comment there.
func (s *scanner) skipLine() {
	if j := strings.IndexByte(s.src[s.i:], '\n'); j >= 0 {
		s.i += j + 1
	} else {
		s.i = len(s.src)
	}
}

func (s *scanner) at(prefix string) bool { return strings.HasPrefix(s.src[s.i:], prefix) }

func (s *scanner) eof() bool { return s.i >= len(s.src) }
