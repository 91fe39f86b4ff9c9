package snippet

import (
	"bytes"
	"slices"
)

// Rewrite returns src with the output blocks of the snippets named in
// outputs (by Snippet.Index) holding the new outputs: `pipedocs update`.
//
// An existing output block keeps its fence style, info string, container
// prefix (list indentation, blockquote markers) and line endings; only its
// content changes, and its fences grow when a new line starts with as many
// fence characters. A snippet without an output block gets one after it
// (after its stdin block, if any): a blank line, then the block, in the
// snippet's fence style and indentation. An unclosed snippet is closed
// first, or the new block would be read as more of its code.
//
// Every other byte of src stays as it was, a missing final newline
// included, and an output equal to a block's current content leaves that
// block untouched, so Rewrite(src, s, current) == src and rewriting twice
// changes nothing the second time. The snippets must come from Find on src.
func Rewrite(src []byte, snippets []Snippet, outputs map[int][]byte) []byte {
	var edits []edit
	for _, s := range snippets {
		out, ok := outputs[s.Index]
		if !ok {
			continue
		}
		if s.Output != nil {
			if e, ok := replaceOutput(src, *s.Output, out); ok {
				edits = append(edits, e)
			}
			continue
		}
		anchor := s.Code
		if s.Stdin != nil {
			anchor = *s.Stdin
		}
		edits = append(edits, insertOutput(src, anchor, out))
	}
	if len(edits) == 0 {
		return src
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.lo - b.lo })
	var dst []byte
	last := 0
	for _, e := range edits {
		dst = append(dst, src[last:e.lo]...)
		dst = append(dst, e.text...)
		last = e.hi
	}
	return append(dst, src[last:]...)
}

// An edit replaces src[lo:hi] with text.
type edit struct {
	lo, hi int
	text   []byte
}

// replaceOutput rewrites the output block b to hold out. It reports false
// when b already holds out and needs no change.
func replaceOutput(src []byte, b Block, out []byte) (edit, bool) {
	lines := splitOutput(out)
	eol := lineEnding(src, b)
	fence := fenceOffset(src, b)
	prefix := continuation(src[b.Start:fence])
	content := renderLines(lines, prefix, eol)
	if bytes.Equal(content, b.Content) || sameText(out, b.Content) {
		// goldmark read this very content inside this fence, so the
		// fence needs no change either.
		return edit{}, false
	}
	char := b.Fence[0]
	flen := max(len(b.Fence), fenceNeeded(lines, char))
	newFence := bytes.Repeat([]byte{char}, flen)

	var t []byte
	t = append(t, newFence...)
	t = append(t, src[fence+len(b.Fence):b.ContentStart]...)
	if !bytes.HasSuffix(t, []byte("\n")) { // the opening fence ends the file
		t = append(t, eol...)
	}
	t = append(t, content...)
	if b.Closed {
		closing := src[b.ContentEnd:b.End]
		i := bytes.IndexByte(closing, char)
		t = append(t, closing[:i]...)
		if run := runLen(closing[i:], char); run >= flen {
			t = append(t, closing[i:]...)
		} else {
			t = append(t, newFence...)
			t = append(t, closing[i+run:]...)
		}
	} else {
		t = append(t, prefix...)
		t = append(t, newFence...)
		if !(b.ContentEnd == len(src) && !bytes.HasSuffix(src, []byte("\n"))) {
			t = append(t, eol...)
		}
	}
	return edit{lo: fence, hi: b.End, text: t}, true
}

// insertOutput returns the edit that adds an output block holding out
// right after anchor, the snippet's code or stdin block.
func insertOutput(src []byte, anchor Block, out []byte) edit {
	lines := splitOutput(out)
	eol := lineEnding(src, anchor)
	fence := fenceOffset(src, anchor)
	prefix := continuation(src[anchor.Start:fence])
	char := anchor.Fence[0]
	newFence := bytes.Repeat([]byte{char}, max(len(anchor.Fence), fenceNeeded(lines, char)))
	atEOF := anchor.End == len(src)
	noFinalNewline := len(src) > 0 && src[len(src)-1] != '\n'

	var t []byte
	if atEOF && noFinalNewline {
		t = append(t, eol...)
	}
	if !anchor.Closed {
		t = append(t, prefix...)
		t = append(t, anchor.Fence...)
		t = append(t, eol...)
	}
	t = append(t, bytes.TrimRight(prefix, " \t")...)
	t = append(t, eol...)
	t = append(t, prefix...)
	t = append(t, newFence...)
	t = append(t, LangOutput...)
	t = append(t, eol...)
	t = append(t, renderLines(lines, prefix, eol)...)
	t = append(t, prefix...)
	t = append(t, newFence...)
	if !(atEOF && noFinalNewline) {
		t = append(t, eol...)
	}
	return edit{lo: anchor.End, hi: anchor.End, text: t}
}

// splitOutput splits out into lines without their line endings or
// trailing blanks. A final line without a newline is a line all the same:
// a block always ends with a line ending before its closing fence.
func splitOutput(out []byte) [][]byte {
	if len(out) == 0 {
		return nil
	}
	lines := bytes.SplitAfter(out, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		// Blanks and carriage returns at a line's end are dropped: matching
		// ignores them (SPEC §3.1), editors strip them, a carriage return
		// would make a CRLF ending in an LF file, and in a list item a line
		// of blanks reads back as an empty line.
		lines[i] = bytes.TrimRight(l, " \t\r\n")
	}
	return lines
}

// renderLines writes lines as a block's content: each behind the
// container prefix (without its trailing blanks on an empty line, so no
// trailing whitespace appears) and ended by eol.
func renderLines(lines [][]byte, prefix, eol []byte) []byte {
	var b []byte
	for _, l := range lines {
		if len(l) == 0 {
			b = append(b, bytes.TrimRight(prefix, " \t")...)
		} else {
			b = append(b, prefix...)
		}
		b = append(b, l...)
		b = append(b, eol...)
	}
	return b
}

// sameText reports whether out is content, allowing out to lack the final
// newline that a block's content always has.
func sameText(out, content []byte) bool {
	return bytes.Equal(out, content) ||
		len(out)+1 == len(content) && content[len(out)] == '\n' && bytes.HasPrefix(content, out)
}

// fenceNeeded returns the shortest fence of char longer than any run of
// char at the start of a line of lines. Only a run with nothing after it
// would close the fence, but a fence that outgrows every run is plainly
// safe to the reader and to any Markdown parser.
func fenceNeeded(lines [][]byte, char byte) int {
	n := 3
	for _, l := range lines {
		n = max(n, runLen(bytes.TrimLeft(l, " \t"), char)+1)
	}
	return n
}

// continuation turns the bytes before a fence on its line into the prefix
// that puts a following line at the same place: blanks and blockquote
// markers stay, list markers become spaces.
//
// A blockquote marker takes one optional space after it. Where the fence
// line had none (">```sh"), the prefix gets one, or the reader would take
// it from the line that follows: a list marker turned into a space, or
// the first of an output line's leading spaces.
//
// Around the blockquote markers, each part is written as goldmark reads
// it, which is not quite CommonMark where tabs are: it expands a tab
// from the start of the innermost container, not of the line ("- -\t```"
// puts the inner item's content 6 columns in, not 4), and counts a
// fence's own indentation in bytes ("> \t```" is indented by one). The
// same number of spaces reads back the same.
func continuation(lead []byte) []byte {
	var p []byte
	for k, seg := range bytes.Split(lead, []byte(">")) {
		if k > 0 {
			p = append(p, '>', ' ')
			if len(seg) > 0 && seg[0] == '\t' {
				// The tab gives the optional space: as it was, it reads
				// back as it did.
				p = append(p[:len(p)-1], markers(seg)...)
				continue
			}
			if len(seg) > 0 && seg[0] == ' ' {
				seg = seg[1:] // the optional space, written above
			}
		}
		switch {
		case k == 0 && isBlank(seg):
			// Blanks before the first marker continue containers of
			// earlier lines: the same bytes are read the same.
			p = append(p, seg...)
		case isBlank(seg):
			// A fence's indentation, or a quote's: in bytes.
			p = append(p, bytes.Repeat([]byte{' '}, len(seg))...)
		default:
			p = append(p, bytes.Repeat([]byte{' '}, itemColumns(seg))...)
		}
	}
	return p
}

// itemColumns returns where, for goldmark, the content of the list items
// (and footnote definitions) that lead opens starts: each item's width (indentation, marker and the
// blanks after it, up to four columns of them) counted from the start of
// the item that holds it, a tab reaching the next multiple of 4 from
// there.
func itemColumns(lead []byte) int {
	total, col := 0, 0 // col is relative to the innermost item's start
	for k := 0; k < len(lead); {
		c := lead[k]
		switch {
		case c == ' ':
			col++
			k++
		case c == '\t':
			col += 4 - col%4
			k++
		case bytes.HasPrefix(lead[k:], []byte("[^")):
			// A footnote definition: its content is 4 columns in, and
			// the blanks after its colon indent the fence, in bytes.
			if end := bytes.Index(lead[k:], []byte("]:")); end >= 0 {
				k += end + 2
			} else {
				k = len(lead)
			}
			blanks := 0
			for k < len(lead) && isBlankByte(lead[k]) {
				blanks++
				k++
			}
			total += col + 4 + blanks
			col = 0
		default: // a list marker: "-", "*", "+", or digits and "." or ")"
			for k < len(lead) && !isBlankByte(lead[k]) {
				col++
				k++
			}
			marker := col
			for k < len(lead) && isBlankByte(lead[k]) {
				if lead[k] == '\t' {
					col += 4 - col%4
				} else {
					col++
				}
				k++
			}
			if col-marker > 4 {
				col = marker + 1
			}
			total += col
			col = 0
		}
	}
	return total + col
}

func isBlankByte(c byte) bool { return c == ' ' || c == '\t' }

// markers turns part of a lead, between blockquote markers, into a
// prefix byte for byte: blanks stay, list markers become spaces.
func markers(part []byte) []byte {
	p := make([]byte, len(part))
	for i, c := range part {
		if c != ' ' && c != '\t' {
			c = ' '
		}
		p[i] = c
	}
	return p
}

// lineEnding returns the line ending of b's opening fence line, or, when
// that line ends the file without one, the file's first line ending.
func lineEnding(src []byte, b Block) []byte {
	line := src[b.Start:b.ContentStart]
	if !bytes.HasSuffix(line, []byte("\n")) {
		line = src[:lineEnd(src, 0)]
	}
	if bytes.HasSuffix(line, []byte("\r\n")) {
		return []byte("\r\n")
	}
	return []byte("\n")
}
