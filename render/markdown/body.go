package markdown

import (
	"fmt"
	"unicode/utf8"
)

// A BodyError is a reason an article body cannot be rendered: lists nested
// deeper than MaxDepth, or bytes that are not UTF-8. Offset is a byte
// offset into the body, where the parse stage points its diagnostic.
type BodyError struct {
	Offset int
	Msg    string
}

func (e BodyError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// checkUTF8 reports the first byte of body that is not part of a UTF-8
// encoded character.
//
// Invalid UTF-8 is an error, not replaced by U+FFFD as a terminal's output
// is (render/ansi): goldmark and Hugo pass such bytes to the HTML as they
// are, and replacing them would show code other than the code that ran.
// In a Markdown file they are nearly always an editor's wrong encoding,
// which the author fixes once the line is named.
func checkUTF8(body []byte) *BodyError {
	if utf8.Valid(body) {
		return nil
	}
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			return &BodyError{Offset: i, Msg: fmt.Sprintf("invalid UTF-8 (byte %#02x): Markdown is read as UTF-8; save the file in that encoding", body[i])}
		}
		i += size
	}
	return nil // not reached: utf8.Valid said there is a bad byte
}
