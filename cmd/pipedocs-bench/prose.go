package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The vocabulary of the generated prose. Technical words, so that the text
// reads like the documentation it stands in for and Markdown renderers see
// the same mix of short and long words they see on a real docs site.
var (
	nouns = []string{
		"pipe", "process", "buffer", "descriptor", "channel", "goroutine",
		"reader", "writer", "signal", "deadline", "context", "stream",
		"kernel", "scheduler", "handle", "socket", "file", "record",
		"parser", "token", "request", "response", "header", "cache",
		"worker", "queue", "lock", "mutex", "value", "slice", "map",
		"interface", "method", "package", "module", "build", "binary",
		"environment", "argument", "exit status", "timeout", "error",
		"test", "benchmark", "allocation", "pointer", "closure", "loop",
	}
	verbs = []string{
		"reads", "writes", "closes", "opens", "returns", "blocks", "waits for",
		"copies", "drains", "wraps", "starts", "stops", "checks", "parses",
		"formats", "sends", "receives", "buffers", "flushes", "handles",
		"creates", "allocates", "releases", "retries", "cancels", "limits",
	}
	adjectives = []string{
		"small", "large", "blocking", "non-blocking", "buffered", "unbuffered",
		"concurrent", "sequential", "shared", "private", "open", "closed",
		"empty", "full", "slow", "fast", "simple", "careful", "explicit",
		"implicit", "temporary", "permanent", "standard", "custom",
	}
	adverbs = []string{
		"quickly", "safely", "eventually", "always", "usually", "rarely",
		"explicitly", "silently", "immediately", "later", "first", "again",
	}
	connectives = []string{
		"When", "Because", "Although", "Once", "After", "Before", "While",
		"If", "Since", "Unless",
	}
	sections = []string{
		"pipes", "processes", "networking", "concurrency", "files",
		"testing", "encoding", "tooling",
	}
	tagWords = []string{
		"io", "os", "exec", "syscall", "bufio", "context", "sync", "time",
		"errors", "strings", "bytes", "json", "http", "net", "signals",
		"linux", "unix", "shell", "python", "go", "performance", "testing",
	}
	headings = []string{
		"Overview", "Basic usage", "Reading from the other end", "Closing early",
		"Handling errors", "Deadlines and timeouts", "Working with large inputs",
		"Concurrency", "Testing the behaviour", "Performance notes",
		"Common mistakes", "A complete example", "Under the hood",
		"Portability", "Cleaning up", "Summary", "Further reading",
		"Signals and exit status", "Buffering", "Putting it together",
	}
	domains = []string{
		"go.dev", "pkg.go.dev", "docs.python.org", "man7.org", "example.org",
		"gobyexample.com", "www.gnu.org",
	}
)

// prose writes generated text from one random source. It counts the words
// it writes, so that an article can stop at a target length.
type prose struct {
	r     *rand.Rand
	words int
}

func (p *prose) pick(list []string) string { return list[p.r.IntN(len(list))] }

// between returns an int in [lo, hi].
func (p *prose) between(lo, hi int) int { return lo + p.r.IntN(hi-lo+1) }

// phrase is a noun phrase of one to three words.
func (p *prose) phrase() string {
	switch p.r.IntN(3) {
	case 0:
		p.words += 2
		return "the " + p.pick(nouns)
	case 1:
		p.words += 3
		return article(p.pick(adjectives)) + " " + p.pick(nouns)
	default:
		p.words += 3
		return "each " + p.pick(nouns) + " " + p.pick(nouns)
	}
}

// sentence is one sentence, sometimes with inline code, emphasis or a link,
// so the inline parser has the same work as on real documentation.
func (p *prose) sentence() string {
	var b strings.Builder
	if p.r.IntN(4) == 0 {
		b.WriteString(p.pick(connectives))
		b.WriteByte(' ')
		b.WriteString(p.phrase())
		b.WriteByte(' ')
		b.WriteString(p.pick(verbs))
		b.WriteByte(' ')
		b.WriteString(p.phrase())
		b.WriteString(", ")
		p.words += 2
		s := p.phrase()
		b.WriteString(s)
	} else {
		s := p.phrase()
		b.WriteString(strings.ToUpper(s[:1]) + s[1:])
	}
	b.WriteByte(' ')
	if p.r.IntN(3) == 0 {
		b.WriteString(p.pick(adverbs))
		b.WriteByte(' ')
		p.words++
	}
	b.WriteString(p.pick(verbs))
	p.words++
	b.WriteByte(' ')
	switch p.r.IntN(8) {
	case 0:
		fmt.Fprintf(&b, "`%s.%s()`", p.pick(tagWords), title(p.pick(verbs)))
		p.words++
	case 1:
		fmt.Fprintf(&b, "*%s*", p.phrase())
	case 2:
		fmt.Fprintf(&b, "[%s](https://%s/%s)", p.phrase(), p.pick(domains), p.pick(tagWords))
	case 3:
		fmt.Fprintf(&b, "**%s**", p.phrase())
	default:
		b.WriteString(p.phrase())
	}
	if p.r.IntN(2) == 0 {
		b.WriteString(" with ")
		b.WriteString(p.phrase())
		p.words++
	}
	b.WriteByte('.')
	return b.String()
}

// paragraph is 3–6 sentences wrapped at about 78 columns, as authors wrap.
func (p *prose) paragraph() string {
	n := p.between(3, 6)
	var line, out strings.Builder
	for i := 0; i < n; i++ {
		for _, w := range strings.Fields(p.sentence()) {
			if line.Len() > 0 && line.Len()+1+len(w) > 78 {
				out.WriteString(line.String())
				out.WriteByte('\n')
				line.Reset()
			}
			if line.Len() > 0 {
				line.WriteByte(' ')
			}
			line.WriteString(w)
		}
	}
	out.WriteString(line.String())
	out.WriteByte('\n')
	return out.String()
}

// list is a bulleted or numbered list of 3–6 items.
func (p *prose) list() string {
	var b strings.Builder
	ordered := p.r.IntN(2) == 0
	for i := range p.between(3, 6) {
		if ordered {
			fmt.Fprintf(&b, "%d. ", i+1)
		} else {
			b.WriteString("- ")
		}
		b.WriteString(p.sentence())
		b.WriteByte('\n')
	}
	return b.String()
}

// table is a GitHub table of 3 columns and 4–7 rows.
func (p *prose) table() string {
	var b strings.Builder
	b.WriteString("| name | kind | notes |\n| --- | --- | --- |\n")
	for range p.between(4, 7) {
		fmt.Fprintf(&b, "| `%s` | %s | %s %s %s |\n",
			p.pick(tagWords)+"."+title(p.pick(nouns)), p.pick(adjectives),
			p.pick(verbs), p.phrase(), p.pick(adverbs))
		p.words += 4
	}
	return b.String()
}

// article puts "a" or "an" before a word.
func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// title upper-cases the first letter of s and drops spaces, making an
// identifier of a word list entry ("exit status" → "ExitStatus").
func title(s string) string {
	var b strings.Builder
	for _, f := range strings.Fields(s) {
		b.WriteString(strings.ToUpper(f[:1]) + f[1:])
	}
	return b.String()
}
