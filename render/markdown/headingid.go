package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// hugoIDs makes heading IDs as Hugo's default autoHeadingIDType
// "github" does: letters (any script, lowered), digits and `_` kept,
// spaces and `-` each become `-`, everything else dropped; an empty ID
// is "heading"; a repeated one gets -1, -2, … . goldmark's own generator
// differs (it turns `_` into `-` and drops non-ASCII letters).
type hugoIDs struct {
	used map[string]bool
}

func newHugoIDs() *hugoIDs { return &hugoIDs{used: map[string]bool{}} }

// Anchorize returns the id Hugo makes of a heading's text, before it is
// made unique: "" when nothing of text is kept.
func Anchorize(text string) string {
	var b strings.Builder
	for s := strings.TrimSpace(text); s != ""; {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == '-' || unicode.IsSpace(r):
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
		s = s[size:]
	}
	return b.String()
}

// parseContext is a goldmark parse context with Hugo's heading IDs.
func parseContext() parser.ParseOption {
	return parser.WithContext(parser.NewContext(parser.WithIDs(newHugoIDs())))
}

func (ids *hugoIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := Anchorize(string(value))
	if id == "" {
		id = "id"
		if kind == ast.KindHeading {
			id = "heading"
		}
	}
	if ids.used[id] {
		for i := 1; ; i++ {
			if next := id + "-" + strconv.Itoa(i); !ids.used[next] {
				id = next
				break
			}
		}
	}
	ids.used[id] = true
	return []byte(id)
}

func (ids *hugoIDs) Put(value []byte) { ids.used[string(value)] = true }
