package markdown

import (
	"bytes"

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
