package snippet

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRewriteGolden runs the cases in testdata/rewrite/*.txtar. Each holds
// input.md, the new output of snippet N as output/N, and want.md. Comment
// words change the input: "crlf" turns its line endings into CRLF (and the
// result must keep them), "noeol" drops its final newline (and the result
// must not gain one). -update rewrites want.md.
func TestRewriteGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/rewrite/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			crlf := bytes.Contains(ar.Comment, []byte("crlf"))
			noeol := bytes.Contains(ar.Comment, []byte("noeol"))
			var src []byte
			outputs := map[int][]byte{}
			wantAt := -1
			for i, f := range ar.Files {
				switch {
				case f.Name == "input.md":
					src = f.Data
				case f.Name == "want.md":
					wantAt = i
				case strings.HasPrefix(f.Name, "output/"):
					n, err := strconv.Atoi(strings.TrimPrefix(f.Name, "output/"))
					if err != nil {
						t.Fatalf("bad file name %q", f.Name)
					}
					outputs[n] = f.Data
				}
			}
			if crlf {
				src = bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
			}
			if noeol {
				src = bytes.TrimSuffix(src, []byte("\n"))
			}
			snips, diags := find(t, src)
			if diags := diags.Errors(); len(diags) > 0 {
				t.Fatalf("input: %v", diags)
			}
			got := Rewrite(src, snips, outputs)

			if again, _ := find(t, got); !bytes.Equal(Rewrite(got, again, outputs), got) {
				t.Errorf("a second rewrite changes the file")
			}
			if crlf {
				if bytes.Count(got, []byte("\n")) != bytes.Count(got, []byte("\r\n")) {
					t.Errorf("line endings are no longer all CRLF:\n%q", got)
				}
				got = bytes.ReplaceAll(got, []byte("\r\n"), []byte("\n"))
			}
			if noeol {
				if bytes.HasSuffix(got, []byte("\n")) {
					t.Errorf("a final newline appeared")
				}
				got = append(got, '\n')
			}

			if *update {
				if wantAt < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want.md"})
					wantAt = len(ar.Files) - 1
				}
				ar.Files[wantAt].Data = got
				if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantAt < 0 {
				t.Fatal("no want.md; run with -update")
			}
			if want := ar.Files[wantAt].Data; !bytes.Equal(got, want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestRewriteIdentity checks that outputs equal to what the blocks hold,
// with or without their final newline, change no byte.
func TestRewriteIdentity(t *testing.T) {
	for _, src := range rewriteSeeds {
		snips, _ := find(t, []byte(src))
		for _, trim := range []bool{false, true} {
			outputs := map[int][]byte{}
			for _, s := range snips {
				if s.Output != nil {
					out := s.Output.Content
					if trim {
						out = bytes.TrimSuffix(out, []byte("\n"))
					}
					outputs[s.Index] = out
				}
			}
			if got := Rewrite([]byte(src), snips, outputs); string(got) != src {
				t.Errorf("Rewrite(%q) with its own outputs = %q", src, got)
			}
		}
	}
}

// TestRewriteNoNewline checks that an output without a final newline still
// makes a closed block, and that the fence grows past runs in the output.
func TestRewriteNoNewline(t *testing.T) {
	tests := []struct{ src, out, want string }{
		{"```sh\necho\n```\n", "a", "```sh\necho\n```\n\n```output\na\n```\n"},
		{"```sh\necho\n```\n", "", "```sh\necho\n```\n\n```output\n```\n"},
		{"```sh\necho\n```\n```output\nold\n```\n", "a\n ````x", "```sh\necho\n```\n`````output\na\n ````x\n`````\n"},
		{"~~~sh\necho\n~~~\n```output\nold\n```\n", "~~~~", "~~~sh\necho\n~~~\n```output\n~~~~\n```\n"},
		{"~~~sh\necho\n~~~\n", "```", "~~~sh\necho\n~~~\n\n~~~output\n```\n~~~\n"},
	}
	for _, tt := range tests {
		snips, _ := find(t, []byte(tt.src))
		got := Rewrite([]byte(tt.src), snips, map[int][]byte{0: []byte(tt.out)})
		if string(got) != tt.want {
			t.Errorf("Rewrite(%q, %q) =\n%q\nwant\n%q", tt.src, tt.out, got, tt.want)
		}
	}
}
