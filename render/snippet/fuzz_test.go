package snippet

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// rewriteSeeds are articles that exercise the odd corners of fenced code:
// containers, fence styles, line endings, unclosed blocks, front matter.
var rewriteSeeds = []string{
	"```go\npackage main\n```\n\n```output\nhi\n```\n",
	"+++\ntitle = \"x\"\n+++\n\n```sh\necho hi\n```\n",
	"---\ntitle: x\n---\n```sh\necho\n```\n```stdin\nin\n```\n```output unordered\nb\na\n```\n",
	"- item\n\n  ```sh\n  echo hi\n  ```\n- next\n",
	"1. one\n   ~~~~py\n   print()\n   ~~~~\n\n   ~~~output\n   x\n   ~~~\n",
	"> ```sh\n> echo\n> ```\n>\n> ```output\n> old\n> ```\n",
	"> - ```sh\n>   echo\n>   ```\n",
	"```sh\r\necho\r\n```\r\n\r\n```output\r\nold\r\n```\r\n",
	"```sh\necho",
	"```sh\necho\n```\n\n```output\nold",
	"```sh\n```\n```output\n```",
	"- ```sh\n  echo\n```\n",
	"text[^1]\n\n[^1]: note\n\n    ```sh\n    echo\n    ```\n",
	"   ```sh\n  echo\n ```\n\n   ```output\n x\n   ```\n",
	"````sh\n```\nnested\n```\n````\n",
	"```\nplain\n```\n\n```output\nstray\n```\n",
	"| a | b |\n| - | - |\n| 1 | 2 |\n\n```sh\nls\n```\n",
	// Container prefixes where a blockquote marker has no space after it
	// (issue 10): the reader takes the optional space from the next line.
	">```sh\necho\n>```\n",
	">```sh\n>echo\n>```\n>\n>```output\n>old\n>```\n",
	"> >```sh\n> >echo\n> >```\n",
	">>```sh\n>>echo\n>>```\n",
	">- ```sh\n>  echo\n>  ```\n",
	"- >```sh\n  >echo\n  >```\n",
	">\t```sh\n>\techo\n>\t```\n",
	"-\t```sh\n\techo\n\t```\n",
	"> 1. ```sh\n>    echo\n>    ```\n",
	">  ```sh\n>  echo\n>  ```\n",
	"*\t>\t```sh\n\t>\techo\n",
	"> \t```sh\n> \techo\n> \t```\n\n> \t```output\n> \told\n> \t```\n",
	">  \t```sh\n",
	// Lead-in prose between a snippet and its blocks (issue 12).
	"```sh\necho\n```\n\nRunning it prints:\n\n```output\nold\n```\n",
	"```sh\ncat\n```\nGiven:\n```stdin\nx\n```\nIt prints\nthis:\n```output\nx\n```\n",
	">```sh\n>echo\n>```\n>\n>Prints:\n>\n>```output\n>x\n>```\n",
	"- ```sh\n  echo\n  ```\n\n  Prints:\n\n  ```output\n  x\n  ```\n",
	"```sh\necho\n```\n\n## Out\n\n```output\nstray\n```\n",
	"```sh\necho\n```\n```output\na\n```\nLater:\n```output\nb\n```\n",
}

// FuzzRewrite checks update's promises on any input: rewriting with the
// current outputs changes nothing; rewriting with new ones changes only
// output blocks (or adds them), and the new blocks read back as the new
// outputs; a second rewrite with the same outputs changes nothing.
func FuzzRewrite(f *testing.F) {
	for _, s := range rewriteSeeds {
		f.Add(s, "new\n")
		f.Add(s, "a\n\n```\n~~~~\n  tab\tbed\n")
		f.Add(s, " 0\n  two\n\tt\n \t mixed\n")
	}
	f.Fuzz(func(t *testing.T, src, out string) {
		if len(src) > 1<<12 || len(out) > 1<<10 {
			return
		}
		defer watchdog(src, out)()
		in := []byte(src)
		snips, _ := find(t, in)

		current := map[int][]byte{}
		for _, s := range snips {
			if s.Output != nil {
				current[s.Index] = s.Output.Content
			}
		}
		if got := Rewrite(in, snips, current); !bytes.Equal(got, in) {
			t.Fatalf("rewrite with current outputs changed the file:\n%q\n%q", in, got)
		}

		outs := map[int][]byte{}
		for _, s := range snips {
			outs[s.Index] = []byte(out)
		}
		dst := Rewrite(in, snips, outs)
		again, _ := find(t, dst)
		if len(again) != len(snips) {
			t.Fatalf("%d snippets became %d:\n%q\n%q", len(snips), len(again), in, dst)
		}
		for i, s := range again {
			if s.Output == nil {
				t.Fatalf("snippet %d has no output block after rewrite:\n%q", i, dst)
			}
			if got, want := bytes.Join(splitOutput(s.Output.Content), nl), bytes.Join(splitOutput([]byte(out)), nl); !bytes.Equal(got, want) {
				t.Fatalf("snippet %d output reads back as %q, want %q:\n%q\n%q", i, got, want, in, dst)
			}
		}
		a, b := skeleton(in, snips, nil), skeleton(dst, again, snips)
		if !bytes.HasSuffix(in, nl) {
			// A block added at the end first ends the last line.
			a, b = bytes.TrimRight(a, "\r\n"), bytes.TrimRight(b, "\r\n")
		}
		if b != nil && !bytes.Equal(a, b) {
			t.Fatalf("bytes outside output blocks changed:\n%q\n%q", a, b)
		}
		if twice := Rewrite(dst, again, outs); !bytes.Equal(twice, dst) {
			t.Fatalf("second rewrite changed the file:\n%q\n%q", dst, twice)
		}
	})
}

var nl = []byte("\n")

// watchdog panics when one input runs past a generous bound: the fuzzer
// has no time limit per input, and a worker stuck in a loop would make it
// quietly stop finding anything. A panic kills the worker, so the input
// is reported and kept. It returns the function that stops the watch.
func watchdog(in ...string) func() {
	t := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("input ran over 10s: %q", in)) })
	return func() { t.Stop() }
}

// skeleton returns src without its output blocks. For a rewritten file,
// before holds the snippets of the original: where one had no output
// block, the whole inserted text (blank line included) is cut. It returns
// nil when an unclosed snippet had a block added, since closing it is a
// change outside output blocks by design.
func skeleton(src []byte, snips, before []Snippet) []byte {
	b := []byte{}
	last := 0
	for i, s := range snips {
		if s.Output == nil {
			continue
		}
		lo := s.Output.Start
		if before != nil && before[i].Output == nil {
			anchor := before[i].Code
			if before[i].Stdin != nil {
				anchor = *before[i].Stdin
			}
			if !anchor.Closed {
				return nil
			}
			lo = s.Code.End
			if s.Stdin != nil {
				lo = s.Stdin.End
			}
		}
		b = append(b, src[last:lo]...)
		last = s.Output.End
	}
	return append(b, src[last:]...)
}
