package highlight

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// Go is most of the code on a pipedocs site, and chroma's Go lexer, a list
// of regular expressions tried in turn at every position, costs about 2 ms
// for a 30-line program: more than parsing and rendering the whole article
// around it. goTokens gets the same tokens from go/scanner, the standard
// library's own Go tokenizer, in a few microseconds, and feeds them to
// chroma's formatter as chroma's lexer would.
//
// It classifies tokens exactly as chroma's Go lexer (lexers/go.go) does,
// quirks included (`=` is punctuation, `//go:build` is a preprocessor
// comment, a builtin type followed by `(` is a builtin), so a page does not
// change with the path its code took; TestGoTokensMatchChroma holds the two
// together. The one deliberate difference: chroma highlights Go template
// syntax inside raw strings, goTokens shows raw strings as strings.

// goTokens splits src into chroma tokens. Their texts concatenate to src,
// whatever src holds: every byte belongs to some token, and bytes the
// scanner rejects become Error tokens.
func goTokens(src string) []chroma.Token {
	type lexeme struct {
		off int
		tok token.Token
	}
	var lexemes []lexeme
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile("", -1, len(src)), []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit != ";" {
			continue // inserted by the scanner, not in the source
		}
		lexemes = append(lexemes, lexeme{int(pos) - 1, tok})
	}

	tokens := make([]chroma.Token, 0, 2*len(lexemes)+1)
	emit := func(t chroma.TokenType, text string) {
		if text == "" {
			return
		}
		// Coalesce as chroma.Coalesce does: one span for "()" or "\n\t".
		if n := len(tokens); n > 0 && tokens[n-1].Type == t {
			tokens[n-1].Value += text
			return
		}
		tokens = append(tokens, chroma.Token{Type: t, Value: text})
	}
	start := len(src) // all blank, when there is no lexeme
	if len(lexemes) > 0 {
		start = lexemes[0].off
	}
	emit(chroma.TextWhitespace, src[:start])
	for i, l := range lexemes {
		end := len(src)
		if i+1 < len(lexemes) {
			end = lexemes[i+1].off
		}
		// A lexeme runs to the next one; the blanks between are
		// whitespace. No Go token ends in a blank, so trimming them is
		// exact, except for a line comment, which owns its trailing
		// blanks up to the line's end (as in chroma).
		text := src[l.off:end]
		if l.tok == token.COMMENT && strings.HasPrefix(text, "//") {
			if j := strings.IndexAny(text, "\r\n"); j >= 0 {
				text = text[:j]
			}
		} else {
			text = strings.TrimRight(text, " \t\r\n\f\v")
		}
		var next token.Token
		if i+1 < len(lexemes) {
			next = lexemes[i+1].tok
		}
		emit(goTokenType(l.tok, text, next), text)
		emit(chroma.TextWhitespace, src[l.off+len(text):end])
	}
	return tokens
}

// goTokenType classifies one lexeme as chroma's Go lexer would; next is the
// token after it, which decides between a call and a name.
func goTokenType(tok token.Token, text string, next token.Token) chroma.TokenType {
	switch {
	case tok == token.COMMENT:
		switch {
		case strings.HasPrefix(text, "/*"):
			return chroma.CommentMultiline
		case len(text) > 2 && !isSpace(text[2]):
			return chroma.CommentPreproc
		}
		return chroma.CommentSingle
	case tok == token.IMPORT || tok == token.PACKAGE:
		return chroma.KeywordNamespace
	case tok == token.VAR || tok == token.FUNC || tok == token.STRUCT || tok == token.MAP ||
		tok == token.CHAN || tok == token.TYPE || tok == token.INTERFACE || tok == token.CONST:
		return chroma.KeywordDeclaration
	case tok.IsKeyword():
		return chroma.Keyword
	case tok == token.IDENT:
		call := next == token.LPAREN
		switch {
		case goConstants[text]:
			return chroma.KeywordConstant
		case call && goBuiltinCalls[text]:
			return chroma.NameBuiltin
		case goTypes[text]:
			return chroma.KeywordType
		case call:
			return chroma.NameFunction
		}
		return chroma.NameOther
	case tok == token.INT:
		switch {
		case len(text) > 1 && (text[1] == 'x' || text[1] == 'X'):
			return chroma.LiteralNumberHex
		case len(text) > 1 && text[1] == 'b':
			return chroma.LiteralNumberBin
		case len(text) > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '7':
			return chroma.LiteralNumberOct
		}
		return chroma.LiteralNumberInteger
	case tok == token.FLOAT:
		return chroma.LiteralNumberFloat
	case tok == token.IMAG:
		return chroma.LiteralNumber
	case tok == token.CHAR:
		return chroma.LiteralStringChar
	case tok == token.STRING:
		return chroma.LiteralString
	case tok == token.ILLEGAL:
		return chroma.Error
	case goOperators[text]:
		return chroma.Operator
	}
	return chroma.Punctuation
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// The word lists of chroma's Go lexer.
var (
	goConstants    = set("true", "false", "iota", "nil")
	goBuiltinCalls = set("uint", "uint8", "uint16", "uint32", "uint64", "int", "int8", "int16", "int32",
		"int64", "float", "float32", "float64", "complex64", "complex128", "byte", "rune", "string", "bool",
		"error", "uintptr", "print", "println", "panic", "recover", "close", "complex", "real", "imag",
		"len", "cap", "append", "copy", "delete", "new", "make", "clear", "min", "max")
	goTypes = set("uint", "uint8", "uint16", "uint32", "uint64", "int", "int8", "int16", "int32",
		"int64", "float", "float32", "float64", "complex64", "complex128", "byte", "rune", "string", "bool",
		"error", "uintptr", "any")
	goOperators = set("<<=", ">>=", "<<", ">>", "<=", ">=", "&^=", "&^", "+=", "-=", "*=", "/=", "%=",
		"&=", "|=", "&&", "||", "<-", "++", "--", "==", "!=", ":=", "...", "+", "-", "*", "/", "%", "&")
)
