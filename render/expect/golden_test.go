package expect

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

// TestGolden runs testdata/diff/*.txtar. Each holds expected and actual
// and, as golden files, the diff and the merge of the two. The comment
// sets options: "unordered", "line=N" (the article line of expected's
// first line; 10 by default). -update rewrites the golden files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/diff/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var o Options
			line := 10
			for _, word := range strings.Fields(string(ar.Comment)) {
				word = strings.Trim(word, ".,:;()")
				if word == "unordered" {
					o.Unordered = true
				}
				if n, ok := strings.CutPrefix(word, "line="); ok {
					if line, err = strconv.Atoi(n); err != nil {
						t.Fatal(err)
					}
				}
			}
			files := map[string][]byte{}
			for _, f := range ar.Files {
				files[f.Name] = f.Data
			}
			expected, actual := files["expected"], files["actual"]
			got := map[string][]byte{
				"diff":  []byte(Diff(expected, actual, o, line)),
				"merge": Merge(expected, actual, o),
			}
			if !Match(got["merge"], actual, o) {
				t.Errorf("the merge does not match actual:\n%s", got["merge"])
			}
			if *update {
				ar.Files = []txtar.File{{Name: "expected", Data: expected}, {Name: "actual", Data: actual}}
				for _, name := range []string{"diff", "merge"} {
					ar.Files = append(ar.Files, txtar.File{Name: name, Data: got[name]})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"diff", "merge"} {
				if want, ok := files[name]; !ok || !bytes.Equal(got[name], want) {
					t.Errorf("%s:\n%s\nwant:\n%s", name, got[name], want)
				}
			}
		})
	}
}
