package main

import (
	"fmt"
	"strings"
)

// A block is one fenced code block of a generated article: the info
// string's language and title, the code, and the output block that
// follows it, if any.
type block struct {
	lang, title string
	code        string // ends in a newline
	output      string // "" when no output block follows
}

// fence writes the block as Markdown: the snippet, then its output block.
// The info string is `lang title=NAME`: pipedocs reads the attribute, and
// Hugo takes the first word as the language and ignores the rest.
func (b block) fence(w *strings.Builder) {
	fmt.Fprintf(w, "```%s title=%s\n%s```\n", b.lang, b.title, b.code)
	if b.output != "" {
		fmt.Fprintf(w, "\n```output\n%s```\n", b.output)
	}
}

// codeBlock makes a block of 15–40 lines: Go most often, then Python,
// then shell, as on the sites the Hugo figures were measured on. About
// half the blocks get an output block.
func (p *prose) codeBlock(n int) block {
	// Words in code are not prose: keep them out of the article's count.
	defer func(words int) { p.words = words }(p.words)
	lines := p.between(15, 40)
	name := strings.ToLower(title(p.pick(nouns))) + fmt.Sprint(n)
	var b block
	switch k := p.r.IntN(20); {
	case k < 12:
		b = block{lang: "go", title: name + ".go", code: p.goCode(lines)}
	case k < 17:
		b = block{lang: "python", title: name + ".py", code: p.pythonCode(lines)}
	default:
		b = block{lang: "sh", title: name + ".sh", code: p.shellCode(lines)}
	}
	if p.r.IntN(2) == 0 {
		var out strings.Builder
		for i := range p.between(2, 6) {
			fmt.Fprintf(&out, "%s %d: %s\n", p.pick(nouns), i, p.pick(adjectives))
		}
		b.output = out.String()
	}
	return b
}

// goCode is a package main program of exactly n lines. It is plausible Go
// (chroma's lexer sees what it sees on real pages) but never compiled: the
// docs corpus runs in opt-in mode.
func (p *prose) goCode(n int) string {
	var c code
	c.add("package main", "", "import (", "\t\"fmt\"", "\t\"os\"", "\t\"strings\"", ")", "")
	fn := strings.ToLower(p.pick(verbs)[:1]) + title(p.pick(verbs))[1:] + title(p.pick(nouns))
	if n >= 26 {
		c.add(
			fmt.Sprintf("// %s %s %s.", fn, p.pick(verbs), p.phrase()),
			fmt.Sprintf("func %s(items []string) []string {", fn),
			"\tout := make([]string, 0, len(items))",
			"\tfor i, s := range items {",
			"\t\tout = append(out, fmt.Sprintf(\"%d-%s\", i, strings.TrimSpace(s)))",
			"\t}",
			"\treturn out",
			"}",
			"",
		)
	}
	c.add("func main() {", fmt.Sprintf("\tdata := []string{%q, %q, %q}", p.pick(nouns), p.pick(nouns), p.pick(nouns)))
	for c.len() < n-1 {
		switch room := n - 1 - c.len(); {
		case room >= 4 && p.r.IntN(3) == 0:
			c.add(
				fmt.Sprintf("\tif err := os.WriteFile(%q, []byte(strings.Join(data, \"\\n\")), 0o644); err != nil {", p.pick(nouns)+".txt"),
				"\t\tfmt.Fprintln(os.Stderr, err)",
				"\t\tos.Exit(1)",
				"\t}",
			)
		case room >= 3 && p.r.IntN(2) == 0:
			c.add(
				"\tfor i, s := range data {",
				fmt.Sprintf("\t\tfmt.Printf(\"%%d %s: %%s\\n\", i, strings.ToUpper(s))", p.pick(nouns)),
				"\t}",
			)
		case p.r.IntN(3) == 0:
			c.add(fmt.Sprintf("\t// %s %s.", p.pick(verbs), p.phrase()))
		default:
			c.add(fmt.Sprintf("\tfmt.Println(%q, len(data), %d)", p.pick(nouns)+":", p.r.IntN(1000)))
		}
	}
	c.add("}")
	return c.String()
}

// pythonCode is a Python script of exactly n lines.
func (p *prose) pythonCode(n int) string {
	var c code
	fn := strings.ReplaceAll(p.pick(verbs), " ", "_") + "_" + strings.ReplaceAll(p.pick(nouns), " ", "_")
	c.add("import os", "import sys", "", "",
		fmt.Sprintf("def %s(items):", fn),
		fmt.Sprintf("    \"\"\"%s %s.\"\"\"", title(p.pick(verbs)), p.phrase()),
		"    result = []",
		"    for i, item in enumerate(items):",
		"        result.append(f\"{i}: {item.upper()}\")",
		"    return result",
		"", "",
		"if __name__ == \"__main__\":",
		fmt.Sprintf("    data = [%q, %q]", p.pick(nouns), p.pick(nouns)),
	)
	for c.len() < n {
		switch room := n - c.len(); {
		case room >= 3 && p.r.IntN(3) == 0:
			c.add(
				fmt.Sprintf("    with open(%q, \"w\") as f:", p.pick(nouns)+".txt"),
				"        for line in "+fn+"(data):",
				"            print(line, file=f)",
			)
		case room >= 2 && p.r.IntN(2) == 0:
			c.add(
				"    r, w = os.pipe()",
				fmt.Sprintf("    os.write(w, b%q)", p.pick(nouns)),
			)
		case p.r.IntN(3) == 0:
			c.add(fmt.Sprintf("    # %s %s", p.pick(verbs), p.phrase()))
		default:
			c.add(fmt.Sprintf("    print(%q, len(data), file=sys.stderr)", p.pick(nouns)))
		}
	}
	return c.String()
}

// shellCode is a POSIX shell script of exactly n lines.
func (p *prose) shellCode(n int) string {
	var c code
	c.add("#!/bin/sh", "set -eu", "", "dir=$(mktemp -d)", "trap 'rm -rf \"$dir\"' EXIT", "")
	for c.len() < n {
		switch room := n - c.len(); {
		case room >= 3 && p.r.IntN(4) == 0:
			c.add(
				fmt.Sprintf("for f in \"$dir\"/*.%s; do", p.pick([]string{"txt", "log", "out"})),
				"    [ -e \"$f\" ] && wc -l \"$f\"",
				"done",
			)
		case p.r.IntN(3) == 0:
			c.add(fmt.Sprintf("# %s %s", p.pick(verbs), p.phrase()))
		case p.r.IntN(3) == 0:
			c.add(fmt.Sprintf("if [ -s \"$dir/%s.txt\" ]; then cat \"$dir/%s.txt\"; fi", p.pick(tagWords), p.pick(tagWords)))
		case p.r.IntN(2) == 0:
			c.add(fmt.Sprintf("printf '%%s\\n' %s %s | sort | uniq -c > \"$dir/%s.txt\"", p.pick(tagWords), p.pick(tagWords), p.pick(tagWords)))
		default:
			c.add(fmt.Sprintf("echo \"%s: $(ls \"$dir\" | wc -l)\"", p.pick(tagWords)))
		}
	}
	return c.String()
}

// code collects the lines of a code block.
type code struct{ lines []string }

func (c *code) add(lines ...string) { c.lines = append(c.lines, lines...) }
func (c *code) len() int            { return len(c.lines) }
func (c *code) String() string      { return strings.Join(c.lines, "\n") + "\n" }
