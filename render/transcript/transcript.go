package transcript

import (
	"bytes"
	"strconv"
	"strings"
)

// Is reports whether a fence's language word makes it a transcript.
func Is(lang string) bool {
	switch lang {
	case "console", "shell-session", "sh-session":
		return true
	}
	return false
}

// A Command is one `$ ` line of a transcript, its `> ` continuations,
// and what the transcript claims it prints.
type Command struct {
	// Text is the command as bash runs it: prompts removed, continuation
	// lines joined by "\n".
	Text string
	Line int // 1-based line of the `$ ` line in the file
	// Start and End are the byte range of the command's own lines, line
	// endings included.
	Start, End int
	// Output is the expected output: the lines after the command up to
	// the next one, the `? N` line left out, without the block's
	// indentation, each ending in "\n".
	Output []byte
	// OutputStart and OutputEnd are the byte range of those lines, the
	// `? N` line included; OutputStart == End. OutputLine is the 1-based
	// line of OutputStart.
	OutputStart, OutputEnd int
	OutputLine             int
	Exit                   int  // the expected exit status; 0 without `? N`
	HasExit                bool // a `? N` line ends the output
	ExitLine               int  // 1-based line of the `? N` line, when HasExit

	lead []byte // the indentation of the `$ ` line, for lines update writes
	eol  []byte // its last line's ending: "\n", "\r\n"; "" or "\r" at the block's end
}

// Claims reports whether c says anything a run can contradict: output
// lines or a `? N` line (run mode "claimed", SPEC §5).
func (c *Command) Claims() bool { return c.HasExit || len(c.Output) > 0 }

// A Transcript is the commands of one block, in order.
type Transcript struct {
	Commands []Command
}

// Claims reports whether any command of t claims something.
func (t *Transcript) Claims() bool {
	for i := range t.Commands {
		if t.Commands[i].Claims() {
			return true
		}
	}
	return false
}

// Texts are the commands' texts, in order: what the runner runs.
func (t *Transcript) Texts() []string {
	texts := make([]string, len(t.Commands))
	for i := range t.Commands {
		texts[i] = t.Commands[i].Text
	}
	return texts
}

// A line is one line of the block's content.
type line struct {
	start, end int    // byte range in the file, line ending included
	lead       []byte // the indentation removed
	text       []byte // without indentation and line ending
	eol        []byte
	num        int // 1-based line in the file
}

// Parse reads the transcript in src[start:end], the content of a fenced
// block whose first content line is line firstLine of the file and whose
// fence sits at column indent (up to that many leading spaces of each
// line are its indentation, not content). Lines before the first `$ `
// line belong to no command and are left alone.
func Parse(src []byte, start, end, firstLine, indent int) Transcript {
	lines := splitLines(src, start, end, firstLine, indent)
	var t Transcript
	for i := 0; i < len(lines); {
		l := lines[i]
		cmd, ok := bytes.CutPrefix(l.text, []byte("$ "))
		if !ok && !bytes.Equal(l.text, []byte("$")) {
			i++
			continue
		}
		if !ok {
			cmd = nil // a bare "$"
		}
		c := Command{Line: l.num, Start: l.start, lead: l.lead, eol: l.eol}
		text := []string{string(cmd)}
		i++
		for i < len(lines) {
			more, ok := bytes.CutPrefix(lines[i].text, []byte("> "))
			if !ok && !bytes.Equal(lines[i].text, []byte(">")) {
				break
			}
			if !ok {
				more = nil // a bare ">"
			}
			text = append(text, string(more))
			i++
		}
		c.Text = strings.Join(text, "\n")
		c.eol = lines[i-1].eol // of the command's last line
		c.End = end
		if i < len(lines) {
			c.End = lines[i].start
		}
		c.OutputStart, c.OutputEnd = c.End, c.End
		c.OutputLine = l.num + len(text)
		var out []line
		for i < len(lines) && !isCommand(lines[i].text) {
			out = append(out, lines[i])
			i++
		}
		if len(out) > 0 {
			c.OutputEnd = out[len(out)-1].end
		}
		c.setOutput(out)
		t.Commands = append(t.Commands, c)
	}
	return t
}

// setOutput takes the expected output and exit status from out.
func (c *Command) setOutput(out []line) {
	last := len(out) - 1
	for last >= 0 && len(bytes.TrimRight(out[last].text, " \t")) == 0 {
		last--
	}
	if last >= 0 {
		if n, ok := exitLine(out[last].text); ok {
			c.Exit, c.HasExit, c.ExitLine = n, true, out[last].num
			out = out[:last]
		}
	}
	var b bytes.Buffer
	for _, l := range out {
		b.Write(l.text)
		b.WriteByte('\n')
	}
	if b.Len() > 0 {
		c.Output = b.Bytes()
	}
}

func isCommand(text []byte) bool {
	return bytes.HasPrefix(text, []byte("$ ")) || bytes.Equal(text, []byte("$"))
}

// exitLine reads a `? N` line.
func exitLine(text []byte) (int, bool) {
	digits, ok := bytes.CutPrefix(bytes.TrimRight(text, " \t"), []byte("? "))
	if !ok || len(digits) == 0 || len(digits) > 3 {
		return 0, false
	}
	for _, d := range digits {
		if d < '0' || d > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(string(digits))
	return n, err == nil && n <= 255
}

func splitLines(src []byte, start, end, num, indent int) []line {
	var lines []line
	for off := start; off < end; num++ {
		next := bytes.IndexByte(src[off:end], '\n')
		stop := end
		if next >= 0 {
			stop = off + next + 1
		}
		body, eol := src[off:stop], []byte(nil)
		switch {
		case bytes.HasSuffix(body, []byte("\r\n")):
			body, eol = body[:len(body)-2], []byte("\r\n")
		case bytes.HasSuffix(body, []byte("\n")):
			body, eol = body[:len(body)-1], []byte("\n")
		case bytes.HasSuffix(body, []byte("\r")):
			// The last line, whose CRLF lost its LF: a rewrite that
			// adds lines after it completes the pair.
			body, eol = body[:len(body)-1], []byte("\r")
		}
		n := 0
		for n < indent && n < len(body) && body[n] == ' ' {
			n++
		}
		lines = append(lines, line{start: off, end: stop, lead: body[:n], text: body[n:], eol: eol, num: num})
		off = stop
	}
	return lines
}
