package tomlkey

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// In each document, ‸ marks where the key must be found and ¦ where its
// value starts (when it differs from the key). The marks are removed before
// the document is parsed.
func TestLocate(t *testing.T) {
	tests := []struct {
		name string
		key  string // dotted, bare parts only
		doc  string
	}{
		{"top level", "timeout", "title = \"x\"\n‸timeout = ¦\"ten\"\n"},
		{"spaces around equals", "jobs", "‸jobs    =   ¦4\n"},
		{"below a header", "runners.go.command", "[runners.go]\nextension = \".go\"\n‸command = ¦[\"go\"]\n"},
		{"header defines the table", "runners", "title = \"t\"\n[‸runners.go]\ncommand = []\n"},
		{"header with spaces", "runners.py", "[ ‸runners . py ]\n"},
		{"dotted key", "params.color", "‸params.color = ¦\"red\"\n"},
		{"dotted key defines the table", "params", "‸params.color = \"red\"\n"},
		{"quoted keys", "runners.c++.command", "[runners.\"c++\"]\n‸'command' = ¦[]\n"},
		{"escaped quoted key", "a\"b", "‸\"a\\\"b\" = ¦1\n"},
		{"array of tables", "menu.nmae", "[[menu]]\nname = \"a\"\n[[menu]]\n‸nmae = ¦\"b\"\n"},
		{"inline table", "runners.go.extension", "runners = { go = { command = [\"go\", \"{file}\"], ‸extension = ¦\".go\" } }\n"},
		{"inline table in an array", "menu.url", "menu = [\n  { name = \"a\" },\n  { ‸url = ¦\"/\" },\n]\n"},
		{"comments are skipped", "b", "# b = 1\na = 1 # b = 2\n‸b = ¦3\n"},
		{"multi-line basic string hides keys", "b", "a = \"\"\"\nb = 1\n[c]\n\"\"\"\n‸b = ¦2\n"},
		{"multi-line string ending in quotes", "b", "a = \"\"\"x\"\"\"\"\"\nb0 = 1\n‸b = ¦2\n"},
		{"multi-line literal string hides keys", "b", "a = '''\nb = 1\n'''\n‸b = ¦2\n"},
		{"escaped quote in a string", "b", "a = \"x\\\" b = 1\"\n‸b = ¦2\n"},
		{"multi-line array hides headers", "b", "a = [\n  [\"b\"],\n  [1]\n]\n‸b = ¦1\n"},
		{"date with a space", "b", "a = 1979-05-27 07:32:00Z\n‸b = ¦true\n"},
		{"CRLF", "b", "a = 1\r\n‸b = ¦2\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, want := unmark(t, tt.doc)
			if _, err := toml.Decode(doc, new(map[string]any)); err != nil {
				t.Fatalf("test document is not TOML: %v", err)
			}
			got, ok := Locate(doc, strings.Split(tt.key, "."))
			if !ok || got != want {
				t.Errorf("Locate(%q) = %+v, %v; want %+v\n%s", tt.key, got, ok, want, doc)
			}
		})
	}
}

func TestLocateMissing(t *testing.T) {
	for _, tt := range []struct{ key, doc string }{
		{"timeout", "timeouts = 1\n[params]\ntimeout = 1\n"},
		{"a.b", "a = 1\nb = 2\n"},
		{"b", "a = \"\"\"\nb = 1\"\"\"\n"},
		{"x", "not toml at all = = ["},
		{"x", "a = \"unterminated"},
		{"", "a = 1"},
	} {
		var key []string
		if tt.key != "" {
			key = strings.Split(tt.key, ".")
		}
		if got, ok := Locate(tt.doc, key); ok {
			t.Errorf("Locate(%q) in %q = %+v, want not found", tt.key, tt.doc, got)
		}
	}
}

// unmark removes the ‸ and ¦ marks from doc and returns their offsets.
func unmark(t *testing.T, doc string) (string, Span) {
	t.Helper()
	k := strings.Index(doc, "‸")
	if k < 0 {
		t.Fatal("test document has no ‸ mark")
	}
	doc = doc[:k] + doc[k+len("‸"):]
	v := strings.Index(doc, "¦")
	if v < 0 {
		return doc, Span{Key: k, Value: k}
	}
	return doc[:v] + doc[v+len("¦"):], Span{Key: k, Value: v}
}

func FuzzLocate(f *testing.F) {
	f.Add("[a.b]\nc = { d = [1, \"x\"] }\n", "a.b.c.d")
	f.Add("a = '''\n'''''\n", "a")
	f.Fuzz(func(t *testing.T, doc, key string) {
		span, ok := Locate(doc, strings.Split(key, "."))
		if ok && (span.Key < 0 || span.Key > len(doc) || span.Value < span.Key || span.Value > len(doc)) {
			t.Fatalf("span %+v out of range for %d bytes", span, len(doc))
		}
	})
}
