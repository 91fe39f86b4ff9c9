package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/highlight"
	"github.com/pipedocs/pipedocs/render/snippet"
)

// benchArticle is a realistic article as issue 6's corpus has them: about
// 1,200 words of prose in sections, a table, lists, links, and five code
// blocks of 15–40 lines (two Go, two Python, one shell), three of them
// followed by an output block.
func benchArticle() (src []byte, bodyStart int) {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Pipes between processes\"\ndate = 2026-01-02\ntags = [\"go\", \"unix\"]\n+++\n")
	bodyStart = b.Len()
	prose := "A pipe is a pair of file descriptors that the kernel connects: whatever a process writes " +
		"to one end, another reads from the other, in order, with `write` blocking when the buffer " +
		"is full and `read` returning end-of-file once every writer has closed its end. See the " +
		"[pipe(7)](https://man7.org/linux/man-pages/man7/pipe.7.html) manual for the *details*.\n\n"
	section := func(title string, paras int) {
		fmt.Fprintf(&b, "## %s\n\n", title)
		for range paras {
			b.WriteString(prose)
		}
	}
	code := func(lang, info, body string, out string) {
		fmt.Fprintf(&b, "```%s %s\n%s```\n\n", lang, info, body)
		if out != "" {
			fmt.Fprintf(&b, "```output\n%s```\n\n", out)
		}
	}
	section("Why pipes", 3)
	code("go", "title=simple_pipe.go", goProgram(1), "hello from the child\nparent done\n")
	section("Reading until every writer closes", 2)
	b.WriteString("| call | blocks when | returns |\n| --- | --- | --- |\n")
	for i := range 6 {
		fmt.Fprintf(&b, "| `read` %d | the pipe is empty | `n`, or 0 at EOF |\n", i)
	}
	b.WriteString("\n- one writer\n- many writers\n- [x] closed ends\n\n")
	code("python", "title=reader.py", pyProgram(1), "")
	section("Forks and descendants", 3)
	code("sh", "title=fanout.sh", shProgram(), "a\nb\n")
	section("Go's os/exec", 2)
	code("go", "title=exec_pipe.go", goProgram(2), "")
	section("Python's subprocess", 2)
	code("python", "title=sub.py", pyProgram(2), "ok\n")
	section("Summary", 2)
	return []byte(b.String()), bodyStart
}

func goProgram(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package main\n\nimport (\n\t\"fmt\"\n\t\"io\"\n\t\"os\"\n\t\"os/exec\"\n)\n\n// Program %d.\nfunc main() {\n", n)
	b.WriteString("\tr, w, err := os.Pipe()\n\tif err != nil {\n\t\tpanic(err)\n\t}\n")
	b.WriteString("\tcmd := exec.Command(\"echo\", \"hello from the child\")\n\tcmd.Stdout = w\n")
	b.WriteString("\tif err := cmd.Start(); err != nil {\n\t\tfmt.Fprintln(os.Stderr, err)\n\t\tos.Exit(1)\n\t}\n")
	b.WriteString("\tw.Close()\n\tdata, _ := io.ReadAll(r)\n\tfmt.Printf(\"%s\", data)\n")
	b.WriteString("\tfor i := 0; i < 3; i++ {\n\t\t_ = cmd.Wait() // reaps once\n\t}\n\tfmt.Println(\"parent done\")\n}\n")
	return b.String()
}

func pyProgram(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "import os\nimport sys\n\n\ndef main():  # program %d\n", n)
	b.WriteString("    r, w = os.pipe()\n    pid = os.fork()\n    if pid == 0:\n        os.close(r)\n")
	b.WriteString("        os.write(w, b\"ok\\n\")\n        os._exit(0)\n    os.close(w)\n")
	b.WriteString("    with os.fdopen(r) as f:\n        for line in f:\n            sys.stdout.write(line)\n")
	b.WriteString("    os.waitpid(pid, 0)\n    return {\"status\": 0, 'items': [1, 2.5, None]}\n\n\n")
	b.WriteString("if __name__ == \"__main__\":\n    main()\n")
	return b.String()
}

func shProgram() string {
	return "#!/bin/sh\nset -eu\n\n# Two children write to the same pipe.\n" +
		"tmp=$(mktemp -d)\ntrap 'rm -rf \"$tmp\"' EXIT\n\n" +
		"{ echo a; sleep 0.01; echo b; } | cat\n" +
		"for f in \"$tmp\"/*; do\n  [ -e \"$f\" ] || continue\n  printf '%s\\n' \"${f##*/}\"\ndone\n" +
		"if [ \"${DEBUG:-}\" = 1 ]; then\n  echo \"debug\" >&2\nfi\nexit 0\n"
}

// BenchmarkRender measures one article through Parse, snippet.Find and
// Render, with the highlight cache off (cold: every block lexed, as in a
// first build) and on and warm (every block a hit, as in `serve` or a
// rebuild), and the parts on their own.
func BenchmarkRender(b *testing.B) {
	src, start := benchArticle()
	body := src[start:]
	words := len(strings.Fields(string(body)))
	doc := mustParse(b, New(Options{}), body)
	snippets, diags := snippet.Find("bench.md", src, start, doc)
	if len(diags) > 0 || len(snippets) != 5 {
		b.Fatalf("bench article: %d snippets, %v", len(snippets), diags)
	}
	outcomes := make([]snippet.Outcome, len(snippets))
	for i := range outcomes {
		outcomes[i] = snippet.Outcome{Status: snippet.Verified, Output: []byte("hello from the child\nparent done\n"), Toolchain: "go1.26.8"}
	}
	b.Logf("article: %d words, %d bytes, %d snippets", words, len(body), len(snippets))

	cold := newRenderer(Options{}, highlight.New(0))
	warm := newRenderer(Options{}, highlight.New(64<<20))
	page := func(r *Renderer) func(*testing.B) {
		return func(b *testing.B) {
			doc := mustParse(b, r, body)
			snippets, _ := snippet.Find("bench.md", src, start, doc)
			if _, err := r.Render(body, start, doc, snippets, outcomes); err != nil {
				b.Fatal(err)
			}
		}
	}
	loop := func(f func(*testing.B)) func(*testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				f(b)
			}
		}
	}
	b.Run("page/cold", loop(page(cold)))
	b.Run("page/warm", loop(page(warm)))
	b.Run("parse", loop(func(b *testing.B) { mustParse(b, warm, body) }))
	b.Run("find", loop(func(b *testing.B) { snippet.Find("bench.md", src, start, doc) }))
	b.Run("render/cold", loop(func(b *testing.B) {
		if _, err := cold.Render(body, start, doc, snippets, outcomes); err != nil {
			b.Fatal(err)
		}
	}))
}
