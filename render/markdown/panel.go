package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/pipedocs/pipedocs/render/ansi"
	"github.com/pipedocs/pipedocs/render/snippet"
)

// writeOutput writes a snippet's output panel:
//
//	<div class="output output-STATUS">
//	<div class="output-status"><span class="badge">STATUS</span> <span class="exit">exit N</span> <span class="toolchain">T</span></div>
//	<pre class="output-text">OUTPUT</pre>
//	<p class="output-problem">PROBLEM</p>   failed
//	<details open><summary>expected vs actual</summary><pre class="output-diff">DIFF</pre></details>   drifted
//	</div>
//
// A snippet that did not run shows its output block, if it has one, as
// written in the article: <div class="output output-static"><pre
// class="output-text">…</pre></div>. One that ran shows what it printed
// instead: the page shows what is true, and the status says whether that
// is also what the article claimed.
func writeOutput(w *bytes.Buffer, o snippet.Outcome, static []byte, hasStatic bool) {
	if o.Status == snippet.Skipped {
		if hasStatic {
			writeStaticOutput(w, static)
		}
		return
	}
	status := o.Status.String()
	w.WriteString(`<div class="output output-` + status + "\">\n")
	w.WriteString(`<div class="output-status"><span class="badge">` + status + `</span>`)
	switch {
	case o.Signal != "":
		w.WriteString(` <span class="exit">killed by signal: `)
		ansi.WriteText(w, []byte(o.Signal))
		w.WriteString(`</span>`)
	case o.Exit >= 0:
		w.WriteString(` <span class="exit">exit ` + strconv.Itoa(o.Exit) + `</span>`)
	}
	if o.Toolchain != "" {
		w.WriteString(` <span class="toolchain">`)
		ansi.WriteText(w, []byte(o.Toolchain))
		w.WriteString(`</span>`)
	}
	w.WriteString("</div>\n")
	if len(o.Output) > 0 {
		writePre(w, "output-text", o.Output, ansi.WriteHTML)
		w.WriteByte('\n')
	}
	if o.Status == snippet.Failed && o.Problem != "" {
		w.WriteString(`<p class="output-problem">`)
		ansi.WriteText(w, []byte(o.Problem))
		w.WriteString("</p>\n")
	}
	if o.Status == snippet.Drifted && o.Diff != "" {
		w.WriteString(`<details open><summary>expected vs actual</summary>`)
		writePre(w, "output-diff", []byte(o.Diff), writeDiff)
		w.WriteString("</details>\n")
	}
	w.WriteString("</div>\n")
}

// writeStaticOutput writes an output block as the article has it, in a
// panel with no status line: <div class="output output-static"><pre
// class="output-text">…</pre></div>.
func writeStaticOutput(w *bytes.Buffer, text []byte) {
	w.WriteString(`<div class="output output-static">`)
	writePre(w, "output-text", text, ansi.WriteHTML)
	w.WriteString("</div>\n")
}

// writeDiff writes a unified diff with each line in a span by kind:
// diff-hunk for the file header and @@ lines, diff-add and diff-del for
// changed lines; context lines are bare. Newlines stay outside the spans.
// The lines are program output, so they go through ansi.WriteHTML like any
// other: escaped, colours kept, control sequences dropped.
func writeDiff(w *bytes.Buffer, diff []byte) {
	inHunk := false // before the first @@, "---" and "+++" lines are headers
	for line := range strings.Lines(string(diff)) {
		text, nl := strings.CutSuffix(line, "\n")
		var class string
		switch {
		case strings.HasPrefix(text, "@@"):
			class, inHunk = "diff-hunk", true
		case !inHunk && (strings.HasPrefix(text, "--- ") || strings.HasPrefix(text, "+++ ")):
			class = "diff-hunk"
		case strings.HasPrefix(text, "+"):
			class = "diff-add"
		case strings.HasPrefix(text, "-"):
			class = "diff-del"
		}
		if class != "" {
			w.WriteString(`<span class="` + class + `">`)
			ansi.WriteHTML(w, []byte(text))
			w.WriteString("</span>")
		} else {
			ansi.WriteHTML(w, []byte(text))
		}
		if nl {
			w.WriteByte('\n')
		}
	}
}
