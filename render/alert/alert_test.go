package alert

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var update = flag.Bool("update", false, "rewrite the want.html sections of testdata/*.txtar")

// Each testdata/*.txtar holds in.md, rendered with GFM and this extension,
// and want.html, the HTML it must give.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, Extension))
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var in, want []byte
			wantAt := -1
			for i, f := range ar.Files {
				switch f.Name {
				case "in.md":
					in = f.Data
				case "want.html":
					want, wantAt = f.Data, i
				}
			}
			var got bytes.Buffer
			if err := md.Convert(in, &got); err != nil {
				t.Fatal(err)
			}
			if *update {
				if wantAt < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want.html"})
					wantAt = len(ar.Files) - 1
				}
				ar.Files[wantAt].Data = got.Bytes()
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("got:\n%s\nwant:\n%s", got.Bytes(), want)
			}
		})
	}
}

func TestParseMarker(t *testing.T) {
	tests := []struct {
		line, kind, title string
		ok                bool
	}{
		{"[!NOTE]\n", "note", "", true},
		{"[!note]", "note", "", true},
		{"[!Tip] Close the write end\n", "tip", "Close the write end", true},
		{"[!WARNING]-\n", "warning", "", true},
		{"[!CAUTION]+ Data loss\n", "caution", "Data loss", true},
		{"  [!IMPORTANT]\n", "important", "", true},
		{"[!DANGER]\n", "", "", false},
		{"[!NOTE]s\n", "", "", false},
		{"[!NOTE\n", "", "", false},
		{"[NOTE]\n", "", "", false},
		{"Note: [!NOTE]\n", "", "", false},
	}
	for _, tt := range tests {
		kind, title, ok := parseMarker([]byte(tt.line))
		if kind != tt.kind || title != tt.title || ok != tt.ok {
			t.Errorf("parseMarker(%q) = %q, %q, %v; want %q, %q, %v", tt.line, kind, title, ok, tt.kind, tt.title, tt.ok)
		}
	}
}
