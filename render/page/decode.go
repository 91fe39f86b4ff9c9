package page

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/internal/jsonkey"
	"github.com/pipedocs/pipedocs/render/internal/tomlkey"
	"go.yaml.in/yaml/v3"
)

// An entry is one top-level front matter key, decoded and normalised, with
// where it was written. Both formats decode to entries, so the meaning of
// each key is checked once, in frontmatter.go.
type entry struct {
	key   string // as written
	in    string // for messages, the key it is inside of: "cascade." for a cascade's values
	value any    // normalised; nil for a YAML key with no value
	keyAt int    // offset of the key in the file
	valAt int    // offset of the value in the file
}

// A source is the file being decoded and the place of its front matter.
type source struct {
	path  string
	src   []byte
	lines *diag.LineIndex
	block block
}

func (s *source) text() []byte { return s.src[s.block.text:s.block.end] }

func (s *source) errorf(off int, format string, args ...any) diag.Diagnostic {
	return s.lines.At(s.path, off, format, args...)
}

// decode returns the entries of the front matter, in the order written.
// Text that is not UTF-8 is reported at its first bad byte: TOML requires
// UTF-8, YAML's own error names no column, and neither should reach a page.
func (s *source) decode() ([]entry, diag.List) {
	if i := invalidUTF8(s.text()); i >= 0 {
		off := s.block.text + i
		return nil, diag.List{s.errorf(off, "front matter is not valid UTF-8 (byte %#x)", s.src[off])}
	}
	switch s.block.format {
	case tomlFormat:
		return s.decodeTOML()
	case yamlFormat:
		return s.decodeYAML()
	case jsonFormat:
		return s.decodeJSON()
	}
	return nil, nil
}

// invalidUTF8 returns the offset of the first byte of b that is not part
// of a valid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

func (s *source) decodeTOML() ([]entry, diag.List) {
	text := string(s.text())
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, diag.List{s.errorf(s.block.text+perr.Position.Start, "invalid TOML: %s", perr.Message)}
		}
		return nil, diag.List{s.errorf(s.block.text, "invalid TOML: %v", err)}
	}
	entries := make([]entry, 0, len(m))
	for k, v := range m {
		// A key toml has decoded is in the text; a miss would be a
		// tomlkey bug, and the opening line is still a useful place.
		at, _ := tomlkey.Locate(text, []string{k})
		entries = append(entries, entry{key: k, value: normalize(v), keyAt: s.block.text + at.Key, valAt: s.block.text + at.Value})
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.keyAt - b.keyAt })
	return entries, nil
}

// decodeJSON decodes a JSON object. Unlike Hugo, which reports every JSON
// error at 1:1, the error is at the offending byte.
func (s *source) decodeJSON() ([]entry, diag.List) {
	doc, err := jsonkey.Decode(s.text())
	if err != nil {
		var serr *jsonkey.SyntaxError
		if errors.As(err, &serr) {
			return nil, diag.List{s.errorf(s.block.text+serr.Offset, "invalid JSON: %s", serr.Msg)}
		}
		return nil, diag.List{s.errorf(s.block.text, "invalid JSON: %v", err)}
	}
	entries := make([]entry, 0, len(doc.Members))
	for _, m := range doc.Members {
		entries = append(entries, entry{key: m.Key, value: normalize(m.Value), keyAt: s.block.text + m.Span.Key, valAt: s.block.text + m.Span.Value})
	}
	return entries, nil
}

func (s *source) decodeYAML() ([]entry, diag.List) {
	var doc yaml.Node
	if err := yaml.Unmarshal(s.text(), &doc); err != nil {
		return nil, s.yamlErrors(err)
	}
	if len(doc.Content) == 0 { // empty front matter
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, diag.List{s.errorf(s.yamlOffset(root.Line, root.Column), "YAML front matter must be a mapping of keys to values")}
	}
	// Values come from yaml's own decoder (it resolves anchors, aliases
	// and merge keys); the nodes only tell where each key was written.
	var m map[string]any
	if err := root.Decode(&m); err != nil {
		return nil, s.yamlErrors(err)
	}
	entries := make([]entry, 0, len(m))
	var merge *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Tag == "!!merge" {
			merge = k
			continue
		}
		val, ok := m[k.Value]
		if !ok {
			continue
		}
		delete(m, k.Value)
		entries = append(entries, entry{key: k.Value, value: normalize(val), keyAt: s.yamlOffset(k.Line, k.Column), valAt: s.yamlOffset(v.Line, v.Column)})
	}
	for k, v := range m { // keys that came in through a merge key ("<<: *defaults")
		at := s.yamlOffset(merge.Line, merge.Column)
		entries = append(entries, entry{key: k, value: normalize(v), keyAt: at, valAt: at})
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		if a.keyAt != b.keyAt {
			return a.keyAt - b.keyAt
		}
		return strings.Compare(a.key, b.key)
	})
	return entries, nil
}

// yamlErrors turns a yaml error into diagnostics. yaml.v3 reports positions
// only inside its message text ("yaml: line 3: did not find expected key",
// and one "line N: ..." per type error), so the line is read back from
// there; the column is unknown and left out.
func (s *source) yamlErrors(err error) diag.List {
	var msgs []string
	var terr *yaml.TypeError
	if errors.As(err, &terr) {
		msgs = terr.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var list diag.List
	for _, msg := range msgs {
		off, msg := s.yamlErrorOffset(msg)
		list = append(list, diag.Diagnostic{Path: s.path, Line: s.lines.Line(off), Msg: "invalid YAML: " + msg})
	}
	return list
}

// yamlErrorOffset finds the line a yaml error message is about and returns
// an offset on it, with the message stripped of its "line N: " prefix.
func (s *source) yamlErrorOffset(msg string) (int, string) {
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(n); err == nil {
				if isParserProblem(after) {
					line++
				}
				return s.yamlOffset(line, 1), after
			}
		}
	}
	// An alias to an anchor never defined comes without a line: the
	// alias's first use is where the author must look.
	if rest, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		name, _, _ := strings.Cut(rest, "'")
		if i := bytes.Index(s.text(), []byte("*"+name)); i >= 0 {
			return s.block.text + i, msg
		}
	}
	// yaml leaves out "line 0", the first line of the YAML text, where
	// every other error without a line is.
	return s.block.text, msg
}

// yamlOffset turns a 1-based line and column of the YAML text into an
// offset in the file. yaml counts columns in characters, not bytes.
func (s *source) yamlOffset(line, col int) int {
	text := s.text()
	off := 0
	for ; line > 1; line-- {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	for ; col > 1 && off < len(text) && text[off] != '\n'; col-- {
		_, size := utf8.DecodeRune(text[off:])
		off += size
	}
	return s.block.text + off
}

// isParserProblem reports whether msg comes from yaml's parser rather than
// its scanner. yaml.v3 adds one to the 0-based line of scanner errors only
// (see parser.fail in its decode.go), so a parser error names the line
// before the one it is about.
func isParserProblem(msg string) bool {
	for _, p := range []string{
		"did not find expected",
		"found duplicate %",
		"found incompatible YAML document",
		"found undefined tag handle",
	} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}
