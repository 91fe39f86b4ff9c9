package highlight

import "testing"

// pySamples are small cases for each of the Python lexer's rules, many of
// them quirks of chroma's that pyTokens must share.
var pySamples = []lexSample{
	{name: "empty", src: ""},
	{name: "bench", src: pyProgram(1)},
	{name: "hashbang", src: "#!/usr/bin/python\nx = 1"},
	{name: "hashbang-empty", src: "#!\n"},
	{name: "keywords-anywhere", src: "re.match(x)\nmatch = case = 1\nprint.x, x.print, x.__init__, x.__doc__"},
	{name: "yield-from", src: "yield from x\nyield fromage\nyield  from x\n(yield from y)"},
	{name: "async-for", src: "[x async for x in y]\nasync for x in y: pass\nf'{[x async for x in y]}'"},
	{name: "def-class-odd", src: "def\\\n f(): pass\nclass\tC: pass\ndef __init__(self): pass\ndef (x)\n1def f\ndefine = 2"},
	{name: "imports", src: "import a.b as c, d\nimport  e ,f\nfrom . import g\nfrom .. h import i\nfrom None\nfrom __future__ import annotations\nimport"},
	{name: "numbers", src: "1 1.5 .5 5. 1e5 1E-5j 1.5e+3 1_000 0x_ff 0o17 0O8 0b102 0xg 1__0 1.__class__ 1j 1if 2or 3"},
	{name: "operators", src: "a != b == c << d >> e := f -> g ** h // i @ j ~k ^ l | m & n % o"},
	{name: "decorators", src: "@foo\n@foo.bar ( 1)\n@ foo\n@foo . bar\n@foo.\n@foo  .  \n  baz\nx @ y"},
	{name: "strings-prefixes", src: "ur'x' Rb'y' bR\"z\" U'w' f'' F\"\" rF'' fR\"\" Fr'''x''' rB'''y'''"},
	{name: "string-escapes", src: `'\a\b\f\n\r\t\v\0\12\123\1234\x4g\u12345\U0001F600\N{DASH}\N{x\q'` + "\n" + `"\"\'\\"` + "\n" + `r'\'' r"\\" b'\x00'`},
	{name: "percent-formats", src: `'%s %-5d %05.2f %(x)s %(x %*.*f %.*f %hd %lld %Lf %% %z %5 %.f %(a)(b)s'`},
	{name: "brace-formats", src: `'{} {0} {x} {x.y} {x[0]} {x[]} {x.} {!r} {x!r} {x!z} {:} {:<} {:x<5} {:<<} {:}>} {: >+#010,.3f} {:é^9} {x:{y}} {{ }}'`},
	{name: "brace-multiline", src: "'''{a[\n]}'''"},
	{name: "fstrings", src: `f"{x!r} {x=} {x = !s} {x:>10} {x:{w}.{p}} {{esc}} {d['k']} {f(a, b=[1, {2: 3}])} {x==y} {x!=y} {a:=1}"`},
	{name: "fstring-triple", src: "f'''{x\n  + y}\n{z!a:^4}\n'''\nrf\"\"\"\\d{x}\"\"\""},
	{name: "fstring-nested", src: `f"{f'{x}'} {"a" + 'b'} {'%s' % x} {b'\x00'}"`},
	{name: "docstring-quirk", src: "r{,2}\"\"\"doc\"\"\"\n  b{,2}'''doc'''\n\"\"\"plain\"\"\""},
	{name: "line-continuation", src: "x = 1 + \\\n    2\ny = \\"},
	{name: "builtins", src: "print(len(x), self, cls, Exception, ValueError, __import__('os'), x.len, object)"},
	{name: "unicode-names", src: "café = 1\nπ = 3.14\nnaïve_λ = café + π\nx = '日本'  # 注释\nΣ = sum"},
	{name: "unicode-digits", src: "x = ٣\ny = 1٣\nz = 0x١"},
	{name: "unicode-spaces", src: "x\u00a0=\u2003'a'\u0085y\u3000"},
	{name: "blank-lines", src: "\n\n  \n\t\nx\n"},
	{name: "newline-in-fstring-expr", src: "x = f'{abc\n'"},

	// Chroma errs on these: pyTokens leaves them to it.
	{name: "unterminated", src: "x = 'abc\ny = 1", fallback: true},
	{name: "bang", src: "!ls", fallback: true},
	{name: "dollar", src: "$x", fallback: true},
	{name: "class-paren", src: "class (x): pass", fallback: true},
	{name: "comment-in-fstring", src: "f'{x # y}'", fallback: true},
	{name: "invalid-utf8", src: "x = '\xff'", fallback: true},
	{name: "unicode-word-runes", src: "if\u200d x: pass\nprint\u0301\nnot\u203fx", fallback: true}, // \w, not names
}

func TestPyTokensMatchChroma(t *testing.T) {
	testFastLexer(t, "Python", append(corpus(t, ".py"), pySamples...))
}

func FuzzPyTokens(f *testing.F) {
	fuzzFastLexer(f, "Python", append(corpus(f, ".py"), pySamples...))
}
