package transcript

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pipedocs/pipedocs/render/expect"
)

// A Step is what one command did when it ran.
type Step struct {
	Output []byte // stdout and stderr, merged in write order
	Exit   int
	// Expected, when not nil, is the expected output Rewrite writes for
	// a command this step contradicts, as it is, in place of the lines
	// it would merge from Output: update's lines that match two runs
	// which differ (expect.Stabilize). It must match Output.
	Expected []byte
}

// Matches reports whether s is what c claims: its output matches c's
// expected output and its exit status is c's.
func (c *Command) Matches(s Step, o expect.Options) bool {
	return s.Exit == c.Exit && expect.Match(c.Output, s.Output, o)
}

// Rewrite returns src with each command of t whose step differs from
// what it claims given its new output in place: steps[i] is for
// t.Commands[i], and commands past len(steps) (the shell ended before
// them) are left as they are. Expected lines with wildcards that still
// match are kept (expect.Merge); a `? N` line is written when a step's
// status is not 0 and removed when it is. Every other byte of src stays
// as it was, so a rewrite with the steps it already claims changes
// nothing, and a second rewrite with the same steps changes nothing
// more.
func Rewrite(src []byte, t Transcript, steps []Step, o expect.Options) []byte {
	var b bytes.Buffer
	last := 0
	for i, c := range t.Commands {
		if i >= len(steps) || c.Matches(steps[i], o) {
			continue
		}
		b.Write(src[last:c.OutputStart])
		b.Write(c.render(src, steps[i], o))
		last = c.OutputEnd
	}
	if last == 0 {
		return src
	}
	b.Write(src[last:])
	return b.Bytes()
}

// Show returns src with the output of each command of t replaced by
// what its step printed, and its `? N` line by the step's status: the
// transcript as the page shows it once it ran. steps[i] is for
// t.Commands[i]; commands past len(steps) keep what they claim.
func Show(src []byte, t Transcript, steps []Step) []byte {
	var b bytes.Buffer
	last := 0
	for i, c := range t.Commands {
		if i >= len(steps) {
			break
		}
		b.Write(src[last:c.OutputStart])
		b.Write(c.write(src, textLines(bytes.ReplaceAll(steps[i].Output, []byte("\r\n"), []byte("\n"))), steps[i].Exit))
		last = c.OutputEnd
	}
	b.Write(src[last:])
	return b.Bytes()
}

// render is the text of c's new output lines for s, in place of
// src[c.OutputStart:c.OutputEnd].
func (c *Command) render(src []byte, s Step, o expect.Options) []byte {
	return c.write(src, outputLines(c.Output, s, o), s.Exit)
}

// write is lines, and a `? N` line when exit is not 0, as the output of
// c in src.
func (c *Command) write(src []byte, lines []string, exit int) []byte {
	if exit != 0 {
		lines = append(lines, fmt.Sprintf("? %d", exit))
	}
	// A line ends as the command's does; the command's own line may be
	// the block's last, with no line ending or a CR that lost its LF,
	// and then its output starts on a line of its own.
	eol, partial := c.eol, false
	switch string(c.eol) {
	case "":
		eol, partial = []byte("\n"), true
	case "\r":
		eol, partial = []byte("\r\n"), true
	}
	// The last line ends as the old region did: with a line ending,
	// unless it ran to the end of an unclosed block without one.
	final := !partial
	if c.OutputEnd > c.OutputStart {
		final = src[c.OutputEnd-1] == '\n'
	}
	var b bytes.Buffer
	if partial && len(lines) > 0 {
		b.WriteByte('\n')
	}
	for i, l := range lines {
		if l != "" {
			b.Write(c.lead)
		}
		b.WriteString(l)
		if i < len(lines)-1 || final {
			b.Write(eol)
		}
	}
	return b.Bytes()
}

// outputLines are the expected output lines for s: expect.Merge's,
// unless a kept line would read as part of the transcript itself (a
// `> ` continuation first, a `? N` line last), in which case every line
// is written anew from s.
func outputLines(expected []byte, s Step, o expect.Options) []string {
	merged := textLines(expect.Merge(expected, s.Output, o))
	if s.Expected != nil {
		merged = textLines(s.Expected)
	}
	if safe(merged, s.Exit) {
		return merged
	}
	actual := textLines(expect.Merge(nil, s.Output, o))
	for i, l := range actual {
		if l := strings.TrimLeft(l, " "); isCommand([]byte(l)) || (i == 0 && isContinuation(l)) || (i == len(actual)-1 && s.Exit == 0 && isExit(l)) {
			actual[i] = escape(l)
		}
	}
	return actual
}

func textLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// safe reports whether lines read back as one command's output.
func safe(lines []string, exit int) bool {
	// Parse takes up to the block's indentation of spaces off a line.
	for i, l := range lines {
		if l := strings.TrimLeft(l, " "); isCommand([]byte(l)) || (i == 0 && isContinuation(l)) {
			return false
		}
	}
	if n := len(lines); n > 0 && exit == 0 && isExit(strings.TrimLeft(lines[n-1], " ")) {
		return false
	}
	return true
}

func isContinuation(l string) bool { return strings.HasPrefix(l, "> ") || l == ">" }

func isExit(l string) bool {
	_, ok := exitLine([]byte(l))
	return ok
}

// escape returns an expected line that matches l but does not start
// like a prompt or a `? N` line, whatever spaces Parse takes off: its
// first character as a regular expression's class, or where l is not
// UTF-8, a [..] in its place.
func escape(l string) string {
	if !utf8.ValidString(l) {
		return "[..]" + l[1:]
	}
	return "[" + l[:1] + "]" + regexp.QuoteMeta(l[1:]) + " (re)"
}
