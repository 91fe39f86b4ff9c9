package transcript

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRewriteGolden runs testdata/*.txtar. Each holds block (the
// transcript's content), for the N-th command its actual output as
// out/N and, when not 0, its status as exit/N, and want (the rewritten
// block). -update rewrites want.
func TestRewriteGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var src []byte
			outs, exits := map[int][]byte{}, map[int]int{}
			wantAt := -1
			for i, f := range ar.Files {
				dir, n, _ := strings.Cut(f.Name, "/")
				num, _ := strconv.Atoi(n)
				switch dir {
				case "block":
					src = f.Data
				case "want":
					wantAt = i
				case "out":
					outs[num] = f.Data
				case "exit":
					exits[num], _ = strconv.Atoi(strings.TrimSpace(string(f.Data)))
				}
			}
			tr := Parse(src, 0, len(src), 1, 0)
			steps := make([]Step, len(tr.Commands))
			for i := range steps {
				steps[i] = Step{Output: outs[i], Exit: exits[i]}
			}
			got := Rewrite(src, tr, steps, expect.Options{})
			again := Rewrite(got, Parse(got, 0, len(got), 1, 0), steps, expect.Options{})
			if !bytes.Equal(again, got) {
				t.Errorf("second rewrite changed it:\n%s", again)
			}
			if *update {
				if wantAt < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wantAt = len(ar.Files) - 1
				}
				ar.Files[wantAt].Data = got
				if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantAt < 0 {
				t.Fatal("no want file; run with -update")
			}
			if want := ar.Files[wantAt].Data; !bytes.Equal(got, want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestRewriteTable(t *testing.T) {
	tests := []struct {
		name, src string
		steps     []Step
		want      string
	}{
		{"unchanged", "$ echo hi\nhi\n", []Step{{Output: []byte("hi\n")}}, "$ echo hi\nhi\n"},
		{"trailing spaces kept", "$ echo hi\nhi  \n", []Step{{Output: []byte("hi\n")}}, "$ echo hi\nhi  \n"},
		{"no newline at end of output", "$ printf hi\nho\n", []Step{{Output: []byte("hi")}}, "$ printf hi\nhi\n"},
		{"status added", "$ ls x\n", []Step{{Output: []byte("no\n"), Exit: 2}}, "$ ls x\nno\n? 2\n"},
		{"status removed", "$ ls x\nno\n? 2\n", []Step{{Output: []byte("no\n")}}, "$ ls x\nno\n"},
		{"wildcard kept", "$ a\npid [..]\nold\n", []Step{{Output: []byte("pid 42\nnew\n")}}, "$ a\npid [..]\nnew\n"},
		{"fewer steps", "$ a\nx\n$ b\ny\n", []Step{{Output: []byte("z\n")}}, "$ a\nz\n$ b\ny\n"},
		{"prompt-like output", "$ a\n", []Step{{Output: []byte("> b\n$ c\n? 1\n")}}, "$ a\n[>] b (re)\n[$] c (re)\n[?] 1 (re)\n"},
		{"crlf and indent", "  $ a\r\n  b\r\n", []Step{{Output: []byte("c\n\nd\n")}}, "  $ a\r\n  c\r\n\r\n  d\r\n"},
		{"last line without eol", "$ a", []Step{{Output: []byte("b\n")}}, "$ a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := Parse([]byte(tt.src), 0, len(tt.src), 1, 2)
			got := string(Rewrite([]byte(tt.src), tr, tt.steps, expect.Options{}))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShow(t *testing.T) {
	tests := []struct {
		name, src string
		steps     []Step
		want      string
	}{
		{"actual, not the wildcard", "$ echo pid $$\npid [..]\n", []Step{{Output: []byte("pid 42\n")}}, "$ echo pid $$\npid 42\n"},
		{"status shown", "$ ls x\n", []Step{{Output: []byte("no\r\n"), Exit: 2}}, "$ ls x\nno\n? 2\n"},
		{"status gone", "$ a\n? 1\n$ b\nb\n", []Step{{Output: []byte("a")}, {Output: []byte("c\n")}}, "$ a\na\n$ b\nc\n"},
		{"not run", "$ exit 3\n$ b\nb\n", []Step{{Exit: 3}}, "$ exit 3\n? 3\n$ b\nb\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := Parse([]byte(tt.src), 0, len(tt.src), 1, 0)
			if got := string(Show([]byte(tt.src), tr, tt.steps)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
