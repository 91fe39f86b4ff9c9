package jsonkey

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A Span is where a key was written, as byte offsets into the document.
type Span struct {
	Key   int // first byte of the key's opening quote
	Value int // first byte of its value
}

// A Member is one key of an object, in the order written.
type Member struct {
	Key   string
	Value any
	Span  Span
}

// A SyntaxError is JSON that does not decode, at the offset of the problem.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// A Document is a decoded JSON object with the places of its keys.
type Document struct {
	Members []Member        // the top-level keys, in the order written, duplicates included
	spans   map[string]Span // every key of every object, by path (see Locate)
}

// Decode decodes src, which must hold exactly one JSON object.
func Decode(src []byte) (*Document, error) {
	d := &decoder{src: src, dec: json.NewDecoder(bytes.NewReader(src)), spans: make(map[string]Span)}
	d.dec.UseNumber()
	tok, err := d.token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, &SyntaxError{Offset: d.start(0), Msg: "want a JSON object"}
	}
	members, err := d.object(nil)
	if err != nil {
		return nil, err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, &SyntaxError{Offset: d.start(int(d.dec.InputOffset())), Msg: "unexpected text after the JSON object"}
	}
	return &Document{Members: members, spans: d.spans}, nil
}

// Locate returns where the key at path was written. Arrays have no index
// in the path: ["menus", "main", "name"] is found in the first item of
// menus.main that sets name.
func (doc *Document) Locate(path []string) (Span, bool) {
	s, ok := doc.spans[strings.Join(path, "\x00")]
	return s, ok
}

// Map returns the top-level members as a map; a key written twice keeps
// its last value, as encoding/json does.
func (doc *Document) Map() map[string]any {
	m := make(map[string]any, len(doc.Members))
	for _, mem := range doc.Members {
		m[mem.Key] = mem.Value
	}
	return m
}

type decoder struct {
	src   []byte
	dec   *json.Decoder
	spans map[string]Span
}

// start skips the white space, commas and colons from off: where the next
// token begins.
func (d *decoder) start(off int) int {
	for off < len(d.src) && strings.IndexByte(" \t\r\n,:", d.src[off]) >= 0 {
		off++
	}
	return off
}

func (d *decoder) token() (json.Token, error) {
	at := d.start(int(d.dec.InputOffset()))
	tok, err := d.dec.Token()
	if err == nil {
		return tok, nil
	}
	var serr *json.SyntaxError
	switch {
	case errors.As(err, &serr):
		return nil, &SyntaxError{Offset: max(int(serr.Offset)-1, at), Msg: serr.Error()}
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return nil, &SyntaxError{Offset: len(d.src), Msg: "unexpected end of JSON"}
	}
	return nil, &SyntaxError{Offset: at, Msg: err.Error()}
}

// object reads the members of an object whose "{" was read.
func (d *decoder) object(path []string) ([]Member, error) {
	var members []Member
	for {
		keyAt := d.start(int(d.dec.InputOffset()))
		tok, err := d.token()
		if err != nil {
			return nil, err
		}
		if tok == json.Delim('}') {
			return members, nil
		}
		key, ok := tok.(string)
		if !ok {
			return nil, &SyntaxError{Offset: keyAt, Msg: "want a key in quotes"}
		}
		valAt := d.start(int(d.dec.InputOffset()))
		kpath := append(path[:len(path):len(path)], key)
		name := strings.Join(kpath, "\x00")
		if _, seen := d.spans[name]; !seen {
			d.spans[name] = Span{Key: keyAt, Value: valAt}
		}
		v, err := d.value(kpath)
		if err != nil {
			return nil, err
		}
		members = append(members, Member{Key: key, Value: v, Span: Span{Key: keyAt, Value: valAt}})
	}
}

func (d *decoder) value(path []string) (any, error) {
	at := d.start(int(d.dec.InputOffset()))
	tok, err := d.token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			members, err := d.object(path)
			if err != nil {
				return nil, err
			}
			m := make(map[string]any, len(members))
			for _, mem := range members {
				m[mem.Key] = mem.Value
			}
			return m, nil
		case '[':
			list := []any{}
			for d.dec.More() {
				v, err := d.value(path)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			if _, err := d.token(); err != nil { // "]"
				return nil, err
			}
			return list, nil
		}
		return nil, &SyntaxError{Offset: at, Msg: fmt.Sprintf("unexpected %q", rune(tok))}
	case json.Number:
		if n, err := strconv.ParseInt(tok.String(), 10, 64); err == nil {
			return n, nil
		}
		f, err := tok.Float64()
		if err != nil {
			return nil, &SyntaxError{Offset: at, Msg: fmt.Sprintf("number %s is out of range", tok)}
		}
		return f, nil
	}
	return tok, nil // string, bool or nil
}
