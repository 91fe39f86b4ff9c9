package highlight

import "testing"

// shSamples are small cases for each of the Bash lexer's rules, many of
// them quirks of chroma's that shTokens must share.
var shSamples = []lexSample{
	{name: "empty", src: ""},
	{name: "bench", src: shProgram()},
	{name: "hashbang-no-newline", src: "#!/bin/sh"},
	{name: "hashbang-empty", src: "#!\necho"},
	{name: "keywords", src: "if true; then :; fi\nfor x in a b; do done\ndone.txt fi_x xif if\nwhile  \n  do"},
	{name: "builtins", src: "echo\necho x\n(cd /)\n`pwd`\nset-x\nexport=1\ntest"},
	{name: "assignments", src: "x=1\ny+=2\nz =3\n[ a = b ]\n[[ a == b ]]\n$x=1\n1a=2\nA_1=$(f)"},
	{name: "comments", src: "# c\necho a#b # c\n  #\n"},
	{name: "escapes", src: "echo \\$x \\\" \\\n  next \\é"},
	{name: "strings", src: `echo "a" "a $b c" "$(x "y")" 'a "b" $c' $'a\'b\n' $"tr" "\"" "a\\" "a\` + "\n" + `b"`},
	{name: "variables", src: "echo $a $_b $1 $12 $# $$ $? $! $* $@ $- $ $% ${a} ${#a} ${a:-b} ${a:=b} ${a//x/y} ${a:1:2} ${!a} ${a[@]}"},
	{name: "nested-expansions", src: `echo "${x:-$(echo "${y:-z}")}" $( (a) ) $(( (1+2) * 3 ))`},
	{name: "arithmetic", src: "echo $((1 + 2 * 3 / 4 % 5 ** 2 | 6 & 7 ^ 8)) $((2#101)) $((16#)) $((16# )) $((x<2)) $((a||b))"},
	{name: "numbers", src: "exit 1\nsleep 2 3\nx 4a 5\n2>&1 2 >out"},
	{name: "redirections", src: "cmd > out 2>> err < in <> rw >| clobber &> all <&3 >&-\ncat <<< word"},
	{name: "heredoc", src: "cat <<EOF\n$x\nEOF\ncat <<-  'X'\n\tX\ncat <<\\END\nEND"},
	{name: "heredoc-backtracking", src: "cat <<ABC\nAB only\n"},
	{name: "heredoc-quirk", src: "echo $((1<<2)) and 2 later"},
	{name: "heredoc-double-quoted", src: "cat <<\"EOF\"\nx\nEOF"},
	{name: "punctuation", src: "a; b & c | d || e && f ;; g |& h"},
	{name: "backticks", src: "x=`date` y=`echo \\`a\\``"},
	{name: "functions", src: "f() { local a=$1; return 0; }\nfunction g { :; }"},
	{name: "case", src: "case $x in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac"},
	{name: "unicode", src: "echo héllo wörld — ok\nnaïve=1\nécho=2\necho ${naïve}"},
	{name: "unicode-spaces", src: "echo\u00a0x\u2003y\u0085\nif\u3000true"},
	{name: "unicode-word-runes", src: "a\u200d=1\nfi\u0301 x\n${a\u203fb} $\u0661 $1\u0662"},
	{name: "unterminated-double", src: "echo \"abc\ndef"},

	// Chroma errs on these: shTokens leaves them to it.
	{name: "unterminated-single", src: "echo it's", fallback: true},
	{name: "trailing-backslash", src: "echo \\", fallback: true},
	{name: "trailing-backslash-in-string", src: "echo \"a\\", fallback: true},
	{name: "invalid-utf8", src: "echo \xff", fallback: true},
}

func TestShTokensMatchChroma(t *testing.T) {
	testFastLexer(t, "Bash", append(corpus(t, ".sh"), shSamples...))
}

func FuzzShTokens(f *testing.F) {
	fuzzFastLexer(f, "Bash", append(corpus(f, ".sh"), shSamples...))
}
