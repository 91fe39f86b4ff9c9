package highlight

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// goProgram, pyProgram and shProgram are the code blocks of render/markdown's
// bench article (its BenchmarkRender), for the highlighter on its own.
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

// BenchmarkHighlight measures highlighting alone on each language of the
// bench article, uncached; go-chroma is chroma's own Go lexer, which
// goTokens replaces, for comparison.
func BenchmarkHighlight(b *testing.B) {
	for _, c := range []struct{ lang, code string }{
		{"go", goProgram(1)}, {"python", pyProgram(1)}, {"sh", shProgram()},
	} {
		b.Run(c.lang, func(b *testing.B) {
			h := New(0)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := h.HTML(c.lang, []byte(c.code)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("go-chroma", func(b *testing.B) {
		lexer := chroma.Coalesce(lexers.Get("go"))
		formatter := chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))
		code := goProgram(1)
		b.ReportAllocs()
		for b.Loop() {
			it, err := lexer.Tokenise(nil, code)
			if err != nil {
				b.Fatal(err)
			}
			var out bytes.Buffer
			if err := formatter.Format(&out, styles.Fallback, it); err != nil {
				b.Fatal(err)
			}
		}
	})
}
