package markdown

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkify is goldmark's linkify parser (extension.NewLinkifyParser with
// its defaults) behind a check that turns away, cheaply, every place where
// it would find nothing. goldmark calls it at every space of the prose
// and at every '*', '_', '~' and '(', and there it tries three protocol
// prefixes, "www." and an e-mail address (util.FindEmailIndex scans the
// whole word): about a tenth of a full parse.
//
// What it can find is narrow. After the trigger character it skips, a
// link starts with "http:", "https:", "ftp:" or "www." (so with 'h', 'f'
// or 'w'), and an address needs an '@' further on the line. Anywhere
// else goldmark's parser returns nil without touching the reader or the
// tree, and so does this one; everywhere else it is goldmark's, so the
// tree is the same.
type linkify struct {
	parser.InlineParser
}

func newLinkify() linkify { return linkify{extension.NewLinkifyParser()} }

func (p linkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	rest := line
	if len(rest) > 0 {
		switch rest[0] {
		case ' ', '*', '_', '~', '(': // what goldmark's parser skips
			rest = rest[1:]
		}
	}
	if len(rest) == 0 {
		return nil
	}
	if c := rest[0]; c != 'h' && c != 'f' && c != 'w' && bytes.IndexByte(rest, '@') < 0 {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// parseLinkified parses body with plain, a parser without linkify, and
// returns its tree unless linkify might have found something in it
// (mayLinkify): then it parses body again with full, the same parser with
// linkify. Most pages hold no address in their prose, and goldmark calls
// linkify at every space: without it, a parse takes about a quarter less.
//
// Where linkify finds nothing, the two trees differ only in how the text
// of a line is cut into ast.Text nodes (goldmark cuts it at every place it
// calls linkify, and merges the pieces again only up to the last one): the
// same text, in the same nodes otherwise, rendered the same. But for one
// thing: goldmark trims the white space that ends a line from the last
// piece alone, so a line ending in two white space characters or more
// (not counting the two spaces of a hard line break) is parsed with
// linkify (trailingSpaces).
func parseLinkified(plain, full parser.Parser, body []byte) (ast.Node, []BodyError) {
	doc, errs := parseChecked(plain, body)
	if mayLinkify(doc, body) {
		return parseChecked(full, body)
	}
	return doc, errs
}

// mayLinkify reports whether linkify may find a link or an address in
// body, whose tree without linkify is doc. A link starts with one of
// linkPrefixes where goldmark calls linkify: a place its inline parsers
// leave to plain text, so the prefix starts inside an ast.Text of doc
// (not a code span's). An
// address needs an '@' in a block whose inline content is parsed
// (anywhere in it: linkify reads an address from before a code span on).
func mayLinkify(doc ast.Node, body []byte) bool {
	if trailingSpaces(body) {
		return true
	}
	starts := linkStarts(body)
	at := bytes.IndexByte(body, '@') >= 0
	if len(starts) == 0 && !at {
		return false
	}
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !entering:
		case n.Type() == ast.TypeBlock:
			if n.IsRaw() {
				return ast.WalkSkipChildren, nil
			}
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				found = found || at && bytes.IndexByte(seg.Value(body), '@') >= 0
			}
		case n.Kind() == ast.KindCodeSpan: // read by the code span's parser alone
			return ast.WalkSkipChildren, nil
		default:
			if t, ok := n.(*ast.Text); ok {
				i, _ := slices.BinarySearch(starts, t.Segment.Start)
				found = found || i < len(starts) && starts[i] < t.Segment.Stop
			}
		}
		if found {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// linkStarts returns the offsets in body where a link linkify finds may
// start, in order: "http:", "https:", "ftp:" (found by their colon, which
// prose has few of) and "www.".
func linkStarts(body []byte) []int {
	var starts []int
	for off := 0; ; {
		i := bytes.IndexByte(body[off:], ':')
		if i < 0 {
			break
		}
		c := off + i
		for _, p := range []string{"http", "https", "ftp"} {
			if c >= len(p) && string(body[c-len(p):c]) == p {
				starts = append(starts, c-len(p))
			}
		}
		off = c + 1
	}
	www := []byte("www.")
	for off := 0; ; {
		i := bytes.Index(body[off:], www)
		if i < 0 {
			break
		}
		starts = append(starts, off+i)
		off += i + 1
	}
	slices.Sort(starts)
	return starts
}

// trailingSpaces reports whether a line of body ends in two white space
// characters or more, not counting the two spaces before the newline of
// a hard line break.
func trailingSpaces(body []byte) bool {
	for len(body) > 0 {
		line, rest, nl := bytes.Cut(body, []byte("\n"))
		body = rest
		if nl {
			line = bytes.TrimSuffix(line, []byte("\r"))
			if n := len(line); n >= 2 && line[n-1] == ' ' && line[n-2] == ' ' {
				line = line[:n-2] // a hard line break
			}
		}
		if n := len(line); n >= 2 && isBlank(line[n-1]) && isBlank(line[n-2]) {
			return true
		}
	}
	return false
}

// isBlank reports whether c is white space that goldmark trims from the
// end of a line.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }
